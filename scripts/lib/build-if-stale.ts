// `npm start` serves the production build; it rebuilds only when the sources differ from the last build.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const SOURCES = ["app", "components", "lib", "public", "prisma/schema.prisma", "next.config.js", "postcss.config.mjs", "tsconfig.json", "tsconfig.build.json", "package-lock.json"];
const STAMP = path.join(".next", "switchyard-source-hash");
const GENERATED = new Set([path.join("public", "sdk.js"), path.join("public", "sdk.mjs")]);

function* files(entry: string): Generator<string> {
  if (!fs.existsSync(entry)) return;
  if (fs.statSync(entry).isFile()) {
    yield entry;
    return;
  }
  for (const child of fs.readdirSync(entry).sort()) {
    // Tests are not part of the build, and the SDK bundles are its output.
    if (!child.endsWith(".test.ts") && !GENERATED.has(path.join(entry, child))) yield* files(path.join(entry, child));
  }
}

export function sourceHash(): string {
  const hash = createHash("sha256");
  for (const source of SOURCES) {
    for (const file of files(source)) hash.update(file).update("\0").update(fs.readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

/** Runs `next build` when needed; the build is stopped if `signal` aborts (Ctrl-C during a build). */
export async function buildIfStale(options: { log: (line: string) => void; signal: AbortSignal }): Promise<void> {
  const hash = sourceHash();
  const built = fs.existsSync(path.join(".next", "BUILD_ID")) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, "utf8") === hash;
  if (built) return;
  const started = Date.now();
  // Measured: 1.5–4.5 minutes on 2 cores. `next build` prints its own steps as it goes.
  options.log("building the app for production (first start or changed sources): 2–5 minutes on 2 cores, less on more; next build's steps follow…");
  await runStep(["--import", "tsx", "scripts/build-sdk.ts"], options.signal);
  if (options.signal.aborted) return;
  // Its own process group: stopping the build stops its workers too, and nothing it signals reaches us.
  const child = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "build"], {
    stdio: "inherit",
    detached: true,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  const stop = () => {
    if (child.pid) process.kill(-child.pid, "SIGTERM");
  };
  options.signal.addEventListener("abort", stop, { once: true });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  options.signal.removeEventListener("abort", stop);
  if (options.signal.aborted) return;
  if (code !== 0) throw new Error("`next build` failed; see its output above.");
  fs.writeFileSync(STAMP, hash);
  const seconds = Math.round((Date.now() - started) / 1000);
  options.log(`built in ${Math.floor(seconds / 60)} min ${seconds % 60} s`);
}

function runStep(args: string[], signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: "inherit" });
    const stop = () => child.kill("SIGTERM");
    signal.addEventListener("abort", stop, { once: true });
    child.once("exit", (code) => {
      signal.removeEventListener("abort", stop);
      if (code === 0 || signal.aborted) resolve();
      else reject(new Error(`\`node ${args.join(" ")}\` failed; see its output above.`));
    });
  });
}
