// The benchmarks' closed-loop HTTP load generator: `connections` keep-alive connections, each sending its
// next request as soon as the previous answer arrived, driven by autocannon. It shares the machine's cores
// with the server under test, so it must cost as little CPU per request as possible: Node's own `http`
// client cost about as much per request as the health endpoint itself and capped that figure.
import autocannon from "autocannon";

export type TLoadResult = {
  generator: "autocannon";
  requests: number;
  ok: number;
  failed: number;
  statuses: Record<number, number>;
  seconds: number;
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
};

export async function runLoad(options: {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  /** Called for every request, so each one can carry a different body. */
  body?: () => string;
  /** Called for every request: headers of its own (a webhook's delivery id), over `headers`. */
  headersFor?: () => Record<string, string>;
  connections: number;
  seconds: number;
}): Promise<TLoadResult> {
  const method = options.method ?? "GET";
  const makeBody = options.body;
  const headers = { ...options.headers, ...(makeBody ? { "content-type": "application/json" } : {}) };
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    method,
    headers,
    requests: [
      makeBody || options.headersFor
        ? {
            method,
            headers,
            setupRequest: (request) => ({
              ...request,
              ...(makeBody ? { body: makeBody() } : {}),
              ...(options.headersFor ? { headers: { ...request.headers, ...options.headersFor() } } : {}),
            }),
          }
        : { method, headers },
    ],
  });
  const statuses: Record<number, number> = {};
  for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) statuses[Number(status)] = count ?? 0;
  // Connection errors and timeouts have no status; they count as failures under 0, as before.
  const errors = result.errors + result.timeouts;
  if (errors > 0) statuses[0] = errors;
  const ok = result["2xx"];
  const requests = Object.values(statuses).reduce((sum, count) => sum + count, 0);
  return {
    generator: "autocannon",
    requests,
    ok,
    failed: requests - ok,
    statuses,
    seconds: Number(result.duration.toFixed(2)),
    perSecond: Math.round(ok / result.duration),
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
  };
}
