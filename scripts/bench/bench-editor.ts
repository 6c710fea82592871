// `npm run bench:editor`: the visual editor and the list pages on the production build. A 20-step and a
// 200-step workflow (created through /api/v1 from scripts/lib/sample-graphs.ts) are opened BENCH_LOADS times
// each, every time in a fresh browser context (no HTTP cache, nothing in memory), and timed until interactive;
// then the 200-step canvas is panned, zoomed and a node dragged with the mouse while frames are counted; then
// each list page (Workflows, App Events, Event Log, Task History, Connected Users, seeded with 30 workflows and
// 120 App Events with their runs) is opened until its first row shows. Targets (issue 17): 20 steps ≤ 1.5 s,
// 200 steps ≤ 2.5 s, pan, zoom and drag ≥ 50 frames/s at 200 steps, each list page ≤ 1 s. Prints JSON lines.
// BENCH_PROFILE=1 adds where the main thread's time goes while opening and panning (trace events and a CPU profile).
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { launchChromium, loadAverage, newContext, projectApi, sendAppEvent, signUpWithProject, startApp, VIEWPORT } from "../lib/app-harness";
import { benchmarkGraph, CONTACT_EVENT } from "../lib/sample-graphs";

const PORT = Number(process.env.BENCH_PORT ?? 3520);
const LOADS = Number(process.env.BENCH_LOADS ?? 5);
const PROFILE = process.env.BENCH_PROFILE === "1";
const GESTURE_MS = 2000;

const print = (figure: Record<string, unknown>) => console.log(JSON.stringify({ bench: "editor", ...figure, loadavg: loadAverage() }));

type TStorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;
type TBenchWindow = Window & {
  __bench: { expected: number; nodesAt: number | null; settledAt: number | null; pointerAt: number | null; panelAt: number | null; longTaskMs: number };
};

/**
 * Installed before any page script runs. Times are performance.now() of the document, i.e. milliseconds
 * since navigation start. nodesAt: the first animation frame in which all `expected` canvas nodes are in
 * the DOM, laid out (React Flow keeps a node `visibility: hidden` until it has its size) and placed by
 * fitView (before that the viewport is the identity transform and the nodes sit off to one side).
 * settledAt: the first frame after which the viewport stayed the same for two more frames. pointerAt: when the browser received the benchmark's click
 * (event.timeStamp). panelAt: when the side panel of a step appeared in the DOM. longTaskMs: main-thread
 * tasks over 50 ms until then, summed.
 */
function installProbes(expected: number) {
  const bench: TBenchWindow["__bench"] = { expected, nodesAt: null, settledAt: null, pointerAt: null, panelAt: null, longTaskMs: 0 };
  (window as unknown as TBenchWindow).__bench = bench;
  let last = "";
  let same = 0;
  const watchCanvas = () => {
    const transform = document.querySelector<HTMLElement>(".react-flow__viewport")?.style.transform ?? "";
    if (bench.nodesAt === null) {
      const nodes = document.querySelectorAll<HTMLElement>(".react-flow__node");
      const fitted = transform !== "" && transform !== "translate(0px, 0px) scale(1)";
      if (fitted && nodes.length >= expected && [...nodes].every((node) => node.style.visibility !== "hidden")) {
        bench.nodesAt = performance.now();
      }
    } else {
      same = transform === last ? same + 1 : 0;
      if (same === 2) {
        bench.settledAt = performance.now();
        return;
      }
    }
    last = transform;
    requestAnimationFrame(watchCanvas);
  };
  requestAnimationFrame(watchCanvas);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (bench.panelAt === null) bench.longTaskMs += entry.duration;
  }).observe({ type: "longtask", buffered: true });
  window.addEventListener("pointerdown", (event) => (bench.pointerAt ??= event.timeStamp), { capture: true });
  new MutationObserver((_, observer) => {
    if (document.querySelector('aside[aria-label^="Step "]')) {
      bench.panelAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
}

/**
 * "Interactive": navigation start → the side panel of a step is in the DOM after a real mouse click on
 * that step. The click (CDP input, as a user's) is sent as soon as every node is on the canvas where it
 * stays (settledAt), on the step nearest the canvas centre, so it also waits for whatever still holds the
 * main thread (lazy chunks, layout, effects); Playwright's round trips add a few ms, so the figure errs on
 * the slow side.
 */
async function measureLoad(browser: Browser, storageState: TStorageState, url: string, expected: number, options: { profile?: boolean } = {}) {
  const context = await newContext(browser, { storageState });
  try {
    const page = await context.newPage();
    await page.addInitScript(installProbes, expected);
    // The profiler follows a navigation only within one renderer process, hence a page of the same site first.
    const stopProfiling = options.profile ? await page.goto(new URL("/api/health", url).href).then(() => startProfiling(browser, page)) : null;
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForFunction(() => (window as unknown as TBenchWindow).__bench.settledAt !== null, undefined, { polling: "raf", timeout: 60_000 });
    const target = await page.evaluate(() => {
      const pane = document.querySelector(".react-flow")!.getBoundingClientRect();
      const [cx, cy] = [pane.left + pane.width / 2, pane.top + pane.height / 2];
      let best: { label: string; x: number; y: number; distance: number } | null = null;
      for (const node of document.querySelectorAll<HTMLElement>('.react-flow__node[aria-label^="Step "]')) {
        const box = node.getBoundingClientRect();
        const [x, y] = [box.left + box.width / 2, box.top + box.height / 3];
        const distance = Math.hypot(x - cx, y - cy);
        if (!best || distance < best.distance) best = { label: node.getAttribute("aria-label") ?? "", x, y, distance };
      }
      return best;
    });
    if (!target) throw new Error("no step on the canvas");
    await page.mouse.click(target.x, target.y);
    await page.locator(`aside[aria-label="${target.label}"]`).waitFor({ timeout: 30_000 });
    const profile = await stopProfiling?.();
    await page.waitForLoadState("load");
    const figures = await page.evaluate(() => {
      const bench = (window as unknown as TBenchWindow).__bench;
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      const scripts = performance.getEntriesByType("resource").filter((entry) => (entry as PerformanceResourceTiming).initiatorType === "script" || entry.name.endsWith(".js"));
      const kib = (bytes: number) => Math.round(bytes / 1024);
      // The editor's data comes from /api/v1 after hydration (the workflow, the App Events).
      const api = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter((entry) => entry.name.includes("/api/v1/") && entry.startTime < (bench.nodesAt ?? 0));
      return {
        ttfb: nav.responseStart,
        domContentLoaded: nav.domContentLoadedEventEnd,
        load: nav.loadEventEnd,
        apiRequested: Math.min(...api.map((entry) => entry.startTime)),
        apiAnswered: Math.max(...api.map((entry) => entry.responseEnd)),
        nodesVisible: bench.nodesAt,
        settled: bench.settledAt,
        click: bench.pointerAt,
        interactive: bench.panelAt,
        longTaskMs: bench.longTaskMs,
        jsFiles: scripts.length,
        jsKiB: kib(scripts.reduce((sum, entry) => sum + (entry as PerformanceResourceTiming).encodedBodySize, 0)),
      };
    });
    return { ...figures, profile };
  } finally {
    await context.close();
  }
}

const p50 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};
const round = (value: number) => Math.round(value);

/** p50 and max of each named figure across the loads (a missing figure counts as NaN). */
function summarise<K extends string>(loads: Partial<Record<K, number | null>>[], metrics: readonly K[]) {
  const summary: Record<string, { p50: number; max: number }> = {};
  for (const metric of metrics) {
    const values = loads.map((load) => load[metric] ?? Number.NaN);
    summary[metric] = { p50: round(p50(values)), max: round(Math.max(...values)) };
  }
  return summary;
}

function summariseLoads(steps: number, loads: Awaited<ReturnType<typeof measureLoad>>[]) {
  const metrics = ["ttfb", "domContentLoaded", "load", "apiRequested", "apiAnswered", "nodesVisible", "settled", "click", "interactive", "longTaskMs"] as const;
  const summary: Record<string, unknown> = { metric: "editor_open", steps, loads: loads.length, ...summarise(loads, metrics) };
  summary.runs_interactive_ms = loads.map((load) => round(load.interactive ?? Number.NaN));
  // Compressed JS fetched by then; Monaco's own chunk alone is about 600 KiB, so this shows it is still lazy.
  summary.jsKiB = loads[0]?.jsKiB;
  summary.jsFiles = loads[0]?.jsFiles;
  return summary;
}

/** Counts animation frames in the page while `gesture` runs; returns the average and the worst second. */
async function countFrames(page: Page, gesture: () => Promise<void>) {
  await page.evaluate(() => {
    const state = { frames: [] as number[], on: true, longTaskMs: 0 };
    (window as unknown as { __frames: typeof state }).__frames = state;
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => (state.longTaskMs += entry.duration))).observe({ type: "longtask" });
    const loop = (time: number) => {
      state.frames.push(time);
      if (state.on) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  });
  await gesture();
  const { frames, longTaskMs } = await page.evaluate(() => {
    const state = (window as unknown as { __frames: { frames: number[]; on: boolean; longTaskMs: number } }).__frames;
    state.on = false;
    return state;
  });
  const span = frames.at(-1)! - frames[0];
  let worstWindow = Number.POSITIVE_INFINITY;
  for (let start = frames[0]; start + 1000 <= frames.at(-1)!; start += 20) {
    worstWindow = Math.min(worstWindow, frames.filter((time) => time >= start && time < start + 1000).length);
  }
  const gaps = frames.slice(1).map((time, i) => time - frames[i]).sort((a, b) => a - b);
  return {
    avgFps: Number((((frames.length - 1) / span) * 1000).toFixed(1)),
    worst1sFps: Number.isFinite(worstWindow) ? worstWindow : null,
    p95FrameMs: Number(gaps[Math.floor(gaps.length * 0.95)].toFixed(1)),
    maxFrameMs: Number(gaps.at(-1)!.toFixed(1)),
    longTaskMs: round(longTaskMs),
    seconds: Number((span / 1000).toFixed(2)),
  };
}

/** Moves the mouse (or spins the wheel) every 16 ms for `ms`, as a hand would, positions from `at(t)`. */
async function sweep(ms: number, step: (elapsed: number) => Promise<void>) {
  const started = performance.now();
  for (let next = started; performance.now() - started < ms; next += 16) {
    await step(performance.now() - started);
    const wait = next + 16 - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** A point on the empty canvas (the pane itself, not a node, an edge or a control) near its centre. */
async function emptyPanePoint(page: Page) {
  return page.evaluate(() => {
    const pane = document.querySelector(".react-flow")!.getBoundingClientRect();
    for (let ring = 0; ring < 40; ring += 1) {
      for (let k = 0; k < 16; k += 1) {
        const x = pane.left + pane.width / 2 + Math.cos((k / 16) * 2 * Math.PI) * ring * 12;
        const y = pane.top + pane.height / 2 + Math.sin((k / 16) * 2 * Math.PI) * ring * 8;
        if (document.elementFromPoint(x, y)?.classList.contains("react-flow__pane")) return { x, y };
      }
    }
    throw new Error("no empty spot on the canvas");
  });
}

async function openSettled(browser: Browser, storageState: TStorageState, url: string, expected: number) {
  const context = await newContext(browser, { storageState });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction((n) => document.querySelectorAll(".react-flow__node").length >= n, expected, { timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(1000);
  return { context, page };
}

const pan = (page: Page) => async () => {
  const { x, y } = await emptyPanePoint(page);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await sweep(GESTURE_MS, (t) => page.mouse.move(x + 250 * Math.sin((2 * Math.PI * t) / 1000), y + 150 * Math.sin((2 * Math.PI * t) / 700)));
  await page.mouse.up();
};

/** Drags the step nearest the canvas centre around (each move re-renders the node and its edges). */
const drag = (page: Page) => async () => {
  const target = await page.evaluate(() => {
    const pane = document.querySelector(".react-flow")!.getBoundingClientRect();
    const [cx, cy] = [pane.left + pane.width / 2, pane.top + pane.height / 2];
    let best: { x: number; y: number; distance: number } | null = null;
    for (const node of document.querySelectorAll<HTMLElement>('.react-flow__node[aria-label^="Step "]')) {
      const box = node.getBoundingClientRect();
      // The upper third: the "+" button sits on the bottom edge.
      const [x, y] = [box.left + box.width / 2, box.top + box.height / 3];
      const distance = Math.hypot(x - cx, y - cy);
      if (!best || distance < best.distance) best = { x, y, distance };
    }
    return best;
  });
  if (!target) throw new Error("no step on the canvas");
  await page.mouse.move(target.x, target.y);
  await page.mouse.down();
  await sweep(GESTURE_MS, (t) => page.mouse.move(target.x + 200 * Math.sin((2 * Math.PI * t) / 1000), target.y + 120 * Math.sin((2 * Math.PI * t) / 700)));
  await page.mouse.up();
};

const zoom = (page: Page) => async () => {
  const { x, y } = await emptyPanePoint(page);
  await page.mouse.move(x, y);
  // In for the first half, out for the second: each notch of 20 is ×1.03 in React Flow (d3-zoom).
  await sweep(GESTURE_MS, (t) => page.mouse.wheel(0, t < GESTURE_MS / 2 ? -20 : 20));
};

type TTraceEvent = { ph: string; name: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string } };
type TProfileNode = { id: number; callFrame: { functionName: string; scriptId: string; url: string; lineNumber: number; columnNumber: number } };

/**
 * Where the time goes: CPU time per browser thread and the self time of the main thread's timeline
 * events (a Chromium trace, in thread time, so other load on the machine inflates it less), and the
 * functions with the most self time (a CPU profile, wall-clock samples). The build is minified, so each
 * function comes with the start of its source.
 */
async function startProfiling(browser: Browser, page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel"] });
  await cdp.send("Profiler.start");
  return async () => {
    const { profile } = await cdp.send("Profiler.stop");
    const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TTraceEvent[] };

    const threads = new Map<string, string>();
    for (const event of traceEvents) if (event.ph === "M" && event.name === "thread_name") threads.set(`${event.pid}:${event.tid}`, event.args?.name ?? "?");
    const busy = new Map<string, number>();
    const main = new Map<string, number>();
    const mainEvents: TTraceEvent[] = [];
    for (const event of traceEvents) {
      if (event.ph !== "X" || !event.dur) continue;
      const thread = (threads.get(`${event.pid}:${event.tid}`) ?? "?").replace(/\d+$/, "");
      if (event.name === "RunTask") busy.set(thread, (busy.get(thread) ?? 0) + (event.tdur ?? event.dur) / 1000);
      if (thread === "CrRendererMain") mainEvents.push(event);
    }
    // Self time: each event's thread time minus that of the events nested in it.
    mainEvents.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    const stack: TTraceEvent[] = [];
    for (const event of mainEvents) {
      while (stack.length > 0 && stack.at(-1)!.ts + stack.at(-1)!.dur! <= event.ts) stack.pop();
      const cpu = (event.tdur ?? event.dur!) / 1000;
      main.set(event.name, (main.get(event.name) ?? 0) + cpu);
      const parent = stack.at(-1);
      if (parent) main.set(parent.name, (main.get(parent.name) ?? 0) - cpu);
      stack.push(event);
    }
    const top = (map: Map<string, number>, n: number) => Object.fromEntries([...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, ms]) => [name, round(ms)]));

    const nodes = new Map((profile.nodes as TProfileNode[]).map((node) => [node.id, node]));
    const self = new Map<number, number>();
    (profile.samples ?? []).forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas?.[i + 1] ?? 0) / 1000));
    const byFunction = new Map<string, { ms: number; frame: TProfileNode["callFrame"] }>();
    for (const [id, ms] of self) {
      const frame = nodes.get(id)!.callFrame;
      const key = `${frame.functionName || "(anonymous)"} ${path.basename(frame.url)}:${frame.lineNumber}:${frame.columnNumber}`;
      byFunction.set(key, { ms: (byFunction.get(key)?.ms ?? 0) + ms, frame });
    }
    await cdp.send("Debugger.enable");
    const functions = [];
    for (const [name, { ms, frame }] of [...byFunction].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) {
      let source = "";
      if (frame.scriptId !== "0" && frame.url) {
        const { scriptSource } = await cdp.send("Debugger.getScriptSource", { scriptId: frame.scriptId }).catch(() => ({ scriptSource: "" }));
        source = (scriptSource.split("\n")[frame.lineNumber] ?? "").slice(frame.columnNumber, frame.columnNumber + 120);
      }
      functions.push({ selfMs: round(ms), name, source });
    }
    await cdp.detach();
    return [{ view: "cpu_ms_by_thread", ...top(busy, 8) }, { view: "main_thread_self_cpu_ms", ...top(main, 14) }, { view: "top_self_time", functions }];
  };
}

async function main() {
  const app = await startApp({ port: PORT, label: "bench-editor" });
  let browser: Browser | null = null;
  try {
    browser = await launchChromium();
    const setup = await newContext(browser);
    const projectId = await signUpWithProject(await setup.newPage(), { baseUrl: app.baseUrl, builderName: "Bench Builder", projectName: "Editor bench" });
    const api = projectApi(setup.request, app.baseUrl, projectId);
    const event = await api.createAppEvent(CONTACT_EVENT);
    const workflows = [];
    for (const steps of [20, 200]) {
      const graph = benchmarkGraph({ stepCount: steps, appEventId: event.id });
      const workflow = await api.createWorkflow({ name: `Bench: ${steps} steps`, graph });
      workflows.push({ steps, url: `${app.baseUrl}/${projectId}/workflows/${workflow.id}` });
    }
    const listPages = await seedListPages(api, { baseUrl: app.baseUrl, projectId, appEventId: event.id });
    const storageState = await setup.storageState();
    await setup.close();

    for (const { steps, url } of workflows) {
      const warmUp = await measureLoad(browser, storageState, url, steps + 1);
      print({ metric: "editor_open_first", steps, interactive: round(warmUp.interactive ?? Number.NaN), note: "first open after start-up, not counted" });
      const loads = [];
      for (let i = 0; i < LOADS; i += 1) loads.push(await measureLoad(browser, storageState, url, steps + 1));
      print(summariseLoads(steps, loads));
    }

    const big = workflows.find((workflow) => workflow.steps === 200)!;
    for (const [gesture, make] of [["idle", null], ["pan", pan], ["zoom", zoom], ["drag", drag]] as const) {
      const { context, page } = await openSettled(browser, storageState, big.url, big.steps + 1);
      try {
        const action = make ? make(page) : () => page.waitForTimeout(GESTURE_MS);
        print({ metric: "canvas_fps", steps: big.steps, gesture, ...(await countFrames(page, action)) });
      } finally {
        await context.close();
      }
    }

    for (const listPage of listPages) {
      await measureListPage(browser, storageState, listPage);
      const loads = [];
      for (let i = 0; i < LOADS; i += 1) loads.push(await measureListPage(browser, storageState, listPage));
      print({ metric: "list_page_open", page: listPage.name, loads: LOADS, ...summarise(loads, ["ttfb", "domContentLoaded", "rowsShown", "load"]) });
    }

    for (const { steps, url } of PROFILE ? workflows : []) {
      const { profile } = await measureLoad(browser, storageState, url, steps + 1, { profile: true });
      for (const line of profile ?? []) print({ metric: "open_profile", steps, ...line });
    }
    for (const [gesture, make] of PROFILE ? ([["idle", null], ["pan", pan]] as const) : []) {
      const { context, page } = await openSettled(browser, storageState, big.url, big.steps + 1);
      try {
        const stop = await startProfiling(browser, page);
        await (make ? make(page)() : page.waitForTimeout(GESTURE_MS));
        for (const line of await stop()) print({ metric: "canvas_profile", steps: big.steps, gesture, ...line });
      } finally {
        await context.close();
      }
    }
    print({ metric: "machine", cpus: os.cpus().length, node: process.version, browser: browser.version(), viewport: VIEWPORT });
  } finally {
    await browser?.close();
    await app.stop();
  }
}

type TListPage = { name: string; url: string; rowSelector: string };

/**
 * What the list pages show in the bench: 30 workflows (one deployed for every user), 120 App Events from 30
 * users through the SDK endpoint with a signed user token, and the 120 runs they started.
 */
async function seedListPages(api: ReturnType<typeof projectApi>, options: { baseUrl: string; projectId: string; appEventId: string }): Promise<TListPage[]> {
  const live = await api.createWorkflow({ name: "Bench: on every contact", graph: benchmarkGraph({ stepCount: 1, appEventId: options.appEventId }), enabledForAllUsers: true });
  await api.deployWorkflow(live.id);
  for (let i = 0; i < 27; i += 1) await api.createWorkflow({ name: `Bench: list ${String(i + 1).padStart(2, "0")}`, graph: benchmarkGraph({ stepCount: 4, appEventId: options.appEventId }) });
  const signingKey = await api.call<{ privateKeyPem: string }>("POST", "/signing-keys", { name: "Bench" });
  for (let i = 0; i < 120; i += 1) {
    const payload = { ...CONTACT_EVENT.example, name: `Contact ${i}`, email: `contact-${i}@example.com` };
    await sendAppEvent({ ...options, privateKeyPem: signingKey.privateKeyPem, userId: `usr_${i % 30}`, name: CONTACT_EVENT.name, payload });
  }
  // The worker runs them now; every figure is taken once it is done, so none competes with it for the 2 cores.
  const deadline = Date.now() + 120_000;
  while ((await api.call<{ runs: unknown[] }>("GET", "/runs?status=queued,running,waiting&limit=1")).runs.length > 0) {
    if (Date.now() > deadline) throw new Error("the seeded runs did not finish within 2 minutes");
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const at = (path: string) => `${options.baseUrl}/${options.projectId}${path}`;
  return [
    { name: "workflows", url: at("/workflows"), rowSelector: '[data-testid^="workflow-row-"]' },
    { name: "app-events", url: at("/app-events"), rowSelector: '[data-testid^="app-event-"]' },
    { name: "event-log", url: at("/events"), rowSelector: '[data-testid^="event-"]' },
    { name: "task-history", url: at("/runs"), rowSelector: '[data-testid^="run-"]' },
    { name: "connected-users", url: at("/users"), rowSelector: '[data-testid^="user-"]' },
  ];
}

/**
 * A list page's first load in a fresh browser context: navigation start → its first row is in the DOM
 * (server-rendered or fetched after hydration, whichever the page does), seen by a MutationObserver
 * installed before any page script.
 */
async function measureListPage(browser: Browser, storageState: TStorageState, listPage: TListPage) {
  const context = await newContext(browser, { storageState });
  try {
    const page = await context.newPage();
    await page.addInitScript((selector: string) => {
      const probe = window as unknown as { __rowsShownAt?: number };
      new MutationObserver((_, observer) => {
        if (!document.querySelector(selector)) return;
        probe.__rowsShownAt = performance.now();
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    }, listPage.rowSelector);
    await page.goto(listPage.url);
    await page.waitForFunction(() => (window as unknown as { __rowsShownAt?: number }).__rowsShownAt !== undefined, null, { timeout: 30_000 });
    await page.waitForLoadState("load");
    return page.evaluate(() => {
      const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      return {
        ttfb: navigation.responseStart,
        domContentLoaded: navigation.domContentLoadedEventEnd,
        rowsShown: (window as unknown as { __rowsShownAt: number }).__rowsShownAt,
        load: navigation.loadEventEnd,
      };
    });
  } finally {
    await context.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
