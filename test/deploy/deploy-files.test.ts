// No container runtime can pull images on this machine, so the Dockerfile and docker-compose.yml are checked
// here against the code they start: the commands, routes, scripts and environment they name must exist.
import fs from "node:fs";
import path from "node:path";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
const packageScripts: Record<string, string> = JSON.parse(read("package.json")).scripts;

type TService = {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
};
const compose = load(read("docker-compose.yml")) as { services: Record<string, TService> };
const services = compose.services;
const named = (prefix: string) => Object.keys(services).filter((name) => name.startsWith(prefix));
const webs = named("web-");
const workers = named("worker-");
const appServices = [...webs, ...workers, "migrate"];

/** The Dockerfile's instructions by stage, continuation lines joined, comments dropped. */
function dockerfileStages(text: string) {
  const lines = text.replace(/\\\n/g, " ").split("\n").map((line) => line.trim()).filter((line) => line && !line.startsWith("#"));
  const stages: { from: string; name: string; instructions: { op: string; args: string }[] }[] = [];
  for (const line of lines) {
    const [, op, args] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    if (op.toUpperCase() === "FROM") {
      const [, image, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      stages.push({ from: image, name, instructions: [] });
    } else stages.at(-1)?.instructions.push({ op: op.toUpperCase(), args });
  }
  return stages;
}
const dockerfile = read("Dockerfile");
const stages = dockerfileStages(dockerfile);
const runtime = stages.at(-1)!;
const instructions = (stage: (typeof stages)[number], op: string) => stage.instructions.filter((i) => i.op === op).map((i) => i.args);

/** `node <flags> scripts/x.ts` as an argv, from a package.json script such as `worker`. */
const scriptArgv = (name: string) => packageScripts[name].split(/\s+/);

/** Variables the code refuses to run without: every `X is not set` it throws. */
function requiredVariables(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "generated") walk(file);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) {
        for (const match of read(file).matchAll(/\b([A-Z][A-Z0-9_]+) is not set/g)) found.add(match[1]);
      }
    }
  };
  for (const dir of ["lib", "scripts", "app"]) walk(dir);
  return [...found].sort();
}

describe("docker-compose.yml", () => {
  it("runs PostgreSQL 17, a one-shot migrate, 2 web processes, 2 workers and a proxy", () => {
    expect(services.postgres.image).toBe("postgres:17");
    expect(services.migrate.command).toEqual(["npm", "run", "db:migrate"]);
    expect(webs).toHaveLength(2);
    expect(workers).toHaveLength(2);
    for (const web of webs) expect(services[web].command).toEqual(["node", "--conditions=react-server", "--import", "tsx", "scripts/web.ts"]);
    // The worker runs exactly what `npm run worker` runs, without npm in between to relay signals.
    for (const worker of workers) expect(services[worker].command).toEqual(scriptArgv("worker"));
    expect(services.proxy.image).toMatch(/^nginx:/);
  });

  it("sets every variable the app requires, with one DATABASE_URL and one AUTH_SECRET for all", () => {
    const required = requiredVariables();
    expect(required).toEqual(expect.arrayContaining(["AUTH_SECRET", "DATABASE_URL"]));
    for (const name of appServices) {
      for (const variable of required) expect(services[name].environment?.[variable], `${variable} on ${name}`).toBeTruthy();
    }
    expect(new Set(appServices.map((name) => services[name].environment?.AUTH_SECRET)).size).toBe(1);
    expect(new Set(appServices.map((name) => services[name].environment?.DATABASE_URL)).size).toBe(1);
    // Compose must refuse to start without a secret rather than run every process with an empty one.
    expect(services.migrate.environment?.AUTH_SECRET).toMatch(/^\$\{AUTH_SECRET:\?/);
    expect(new URL(services.migrate.environment!.DATABASE_URL.replace(/\$\{[^}]*\}/g, "x")).hostname).toBe("postgres");
    for (const web of webs) expect(services[web].environment).toMatchObject({ HOST: "0.0.0.0" });
  });

  it("starts web and worker processes only after the migrations succeeded, and migrates only once PostgreSQL is up", () => {
    expect(services.migrate.depends_on).toEqual({ postgres: { condition: "service_healthy" } });
    for (const name of [...webs, ...workers]) expect(services[name].depends_on?.migrate).toEqual({ condition: "service_completed_successfully" });
  });

  it("points its healthchecks at routes that exist: /api/ready for each web process, /api/health through the proxy", () => {
    const probed = (name: string) => {
      const url = services[name].healthcheck?.test.join(" ").match(/http:\/\/[^'"\s)]+/)?.[0];
      expect(url, `${name}'s healthcheck URL`).toBeDefined();
      return new URL(url!);
    };
    for (const web of webs) {
      const url = probed(web);
      expect(url.pathname).toBe("/api/ready");
      expect(url.port).toBe(services[web].environment?.PORT);
    }
    expect(probed("proxy").pathname).toBe("/api/health");
    for (const pathname of ["/api/ready", "/api/health"]) {
      expect(read(path.join("app", pathname, "route.ts"))).toMatch(/export (async function|const) GET\b/);
    }
  });

  it("proxies to each web process on its port, with a config file that is in the repository", () => {
    const mount = services.proxy.volumes?.find((volume) => volume.includes("nginx.conf"));
    const config = read(mount!.split(":")[0]);
    const upstreams = [...config.matchAll(/^\s*server\s+([\w-]+):(\d+)/gm)].map((match) => `${match[1]}:${match[2]}`);
    expect(upstreams.sort()).toEqual(webs.map((web) => `${web}:${services[web].environment?.PORT}`).sort());
  });

  it("gives PostgreSQL room for every process's pools at their upper bounds (docs/run-in-production.md)", () => {
    const pool = (name: string) => Number(services[name].environment?.DATABASE_POOL_SIZE ?? 20);
    // Raw-SQL pool + Prisma's half-size pool, plus LISTEN connections (web: config changes, run outcomes,
    // readiness; worker: the schedule ticker) and, for a worker, graphile-worker's pool (max(10, concurrency)).
    const budget =
      webs.reduce((sum, name) => sum + pool(name) + Math.ceil(pool(name) / 2) + 3, 0) +
      workers.reduce((sum, name) => sum + pool(name) + Math.ceil(pool(name) / 2) + 1 + Math.max(10, Number(services[name].environment?.WORKER_CONCURRENCY ?? 50)), 0) +
      2; // migrate: its client plus graphile-worker's migration
    const maxConnections = Number(services.postgres.command?.join(" ").match(/max_connections=(\d+)/)?.[1] ?? 100);
    expect(maxConnections).toBeGreaterThanOrEqual(budget);
  });
});

describe("Dockerfile", () => {
  it("builds on node:20-bookworm-slim in a build stage and runs from a separate runtime stage", () => {
    expect(stages.map((stage) => [stage.from, stage.name])).toEqual([
      ["node:20-bookworm-slim", "build"],
      ["node:20-bookworm-slim", "runtime"],
    ]);
    expect(instructions(stages[0], "RUN")).toEqual(expect.arrayContaining(["npm ci", "npm run build"]));
    expect(instructions(runtime, "COPY").every((args) => args.startsWith("--from=build "))).toBe(true);
  });

  it("runs as a non-root user with NODE_ENV=production, the web process by default", () => {
    const users = instructions(runtime, "USER");
    expect(users).toHaveLength(1);
    expect(users[0]).not.toMatch(/^(root|0)(:|$)/);
    expect(runtime.instructions.at(-1)?.op).toBe("CMD");
    expect(runtime.instructions.findIndex((i) => i.op === "USER")).toBeLessThan(runtime.instructions.length - 1);
    expect(instructions(runtime, "ENV").join(" ")).toMatch(/\bNODE_ENV=production\b/);
    expect(JSON.parse(instructions(runtime, "CMD")[0])).toEqual(services[webs[0]].command);
  });

  it("copies into the runtime only what exists in the repository or the build makes", () => {
    // public/ holds only the SDK bundles, which `npm run build` writes (scripts/build-sdk.ts).
    const built = new Set(["/app/node_modules", "/app/.next", "/app/public"]);
    for (const args of instructions(runtime, "COPY")) {
      const sources = args.split(/\s+/).slice(1, -1).filter((word) => !word.startsWith("--"));
      for (const source of sources) {
        if (!built.has(source)) expect(fs.existsSync(path.join(root, source.replace(/^\/app\//, ""))), source).toBe(true);
      }
    }
  });

  it("keeps host builds and local state out of the build context, and nothing the build needs", () => {
    const ignored = read(".dockerignore").split("\n").map((line) => line.trim()).filter((line) => line && !line.startsWith("#"));
    expect(ignored).toEqual(expect.arrayContaining(["node_modules", ".next", ".data", ".env*", ".git", "lib/db/generated"]));
    const needed = ["package.json", "package-lock.json", "prisma", "prisma.config.ts", "app", "components", "lib", "public", "scripts", "next.config.js", "postcss.config.mjs", "tsconfig.json", "tsconfig.build.json"];
    for (const file of needed) expect(ignored, file).not.toContain(file);
  });
});

describe("every npm script the deployment files run exists", () => {
  it.each([
    ["Dockerfile", dockerfile],
    ["docker-compose.yml", read("docker-compose.yml")],
  ])("%s", (_file, text) => {
    const used = [...text.matchAll(/npm(?:"\s*,\s*"|\s+)run(?:"\s*,\s*"|\s+)([\w:-]+)/g)].map((match) => match[1]);
    expect(used.length).toBeGreaterThan(0);
    for (const script of used) expect(packageScripts, script).toHaveProperty([script]);
  });
});
