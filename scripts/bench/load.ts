// A small closed-loop HTTP load generator: `connections` keep-alive loops, each sending its next request
// as soon as the previous answer arrived. Used by the benchmarks for every endpoint, so their figures
// compare like with like.
import http from "node:http";

export type TLoadResult = { requests: number; ok: number; failed: number; statuses: Record<number, number>; seconds: number; perSecond: number; p50: number; p90: number; p99: number; max: number };

export async function runLoad(options: { url: string; method?: string; headers?: Record<string, string>; body?: () => string; connections: number; seconds: number }): Promise<TLoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const deadline = performance.now() + options.seconds * 1000;
  const started = performance.now();
  const once = () =>
    new Promise<number>((resolve) => {
      const body = options.body?.();
      const request = http.request(options.url, { method: options.method ?? "GET", agent, headers: { ...options.headers, ...(body ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) } : {}) } }, (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      });
      request.on("error", () => resolve(0));
      if (body) request.write(body);
      request.end();
    });
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        const status = await once();
        latencies.push(performance.now() - t);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => Number(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1));
  const ok = Object.entries(statuses).filter(([status]) => Number(status) >= 200 && Number(status) < 300).reduce((sum, [, count]) => sum + count, 0);
  return { requests: latencies.length, ok, failed: latencies.length - ok, statuses, seconds: Number(seconds.toFixed(2)), perSecond: Math.round(ok / seconds), p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) };
}
