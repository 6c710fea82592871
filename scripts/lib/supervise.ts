// Child processes of `npm start`, stopped together: SIGTERM first, SIGKILL after a grace period.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import { isProcessAlive } from "@/lib/config/runtime";

export type TChild = { name: string; process: ChildProcess };

export function startChild(name: string, args: string[], env: NodeJS.ProcessEnv): TChild {
  const child = spawn(process.execPath, args, { stdio: "inherit", env });
  return { name, process: child };
}

export async function stopChildren(children: TChild[], graceMs = 15_000): Promise<void> {
  await Promise.all(
    children.map(
      ({ process: child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
          child.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill("SIGTERM");
        }),
    ),
  );
}

/** False on timeout, or as soon as `signal` aborts (a child exited during start-up: no need to wait on). */
export async function waitForHealth(url: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !signal?.aborted) {
    try {
      const response = await fetch(url);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

/**
 * A supervisor killed with SIGKILL leaves its web and worker processes behind, holding the port. The
 * next start stops those it recorded, after checking each pid still runs one of our commands.
 */
export async function stopOrphans(pids: number[], log: (line: string) => void): Promise<void> {
  const ours = pids.filter((pid) => isProcessAlive(pid) && /next-server|next\/dist\/bin\/next|scripts\/(web|worker)\.ts/.test(commandLine(pid)));
  for (const pid of ours) {
    log(`stopping process ${pid} left behind by an earlier start`);
    process.kill(pid, "SIGTERM");
  }
  for (let waited = 0; ours.some(isProcessAlive) && waited < 15_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (const pid of ours.filter(isProcessAlive)) process.kill(pid, "SIGKILL");
}

function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}
