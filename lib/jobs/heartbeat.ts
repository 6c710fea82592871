/** How often a worker records that it is alive; shared by the worker and the health check. */
export const HEARTBEAT_INTERVAL_MS = 5_000;
/** A worker that has not beaten for this long is taken for dead, and its jobs are freed. */
export const HEARTBEAT_STALE_MS = 4 * HEARTBEAT_INTERVAL_MS;
