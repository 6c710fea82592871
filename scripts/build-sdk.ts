// Bundles the JS SDK: public/sdk.js (a script tag defining window.switchyard) and public/sdk.mjs (an ES
// module exporting switchyard, createSwitchyard and SwitchyardError). Run by `npm run build:sdk`.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build, type BuildOptions } from "esbuild";

const ROOT = path.resolve(import.meta.dirname, "..");

const COMMON: BuildOptions = {
  bundle: true,
  minify: true,
  target: "es2019",
  platform: "browser",
  legalComments: "none",
  logLevel: "warning",
};

export const SDK_BUILDS = {
  script: { ...COMMON, entryPoints: [path.join(ROOT, "lib/sdk/global.ts")], format: "iife", outfile: path.join(ROOT, "public/sdk.js") },
  module: { ...COMMON, entryPoints: [path.join(ROOT, "lib/sdk/index.ts")], format: "esm", outfile: path.join(ROOT, "public/sdk.mjs") },
} satisfies Record<string, BuildOptions>;

export async function buildSdk(): Promise<{ file: string; bytes: number }[]> {
  const results = await Promise.all(Object.values(SDK_BUILDS).map((options) => build({ ...options, metafile: true })));
  return results.flatMap((result) =>
    Object.entries(result.metafile.outputs).map(([file, output]) => ({ file: path.relative(ROOT, path.resolve(file)), bytes: output.bytes })),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  buildSdk()
    .then((outputs) => {
      for (const output of outputs) console.log(`sdk: ${output.file} ${(output.bytes / 1024).toFixed(1)} KiB`);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
