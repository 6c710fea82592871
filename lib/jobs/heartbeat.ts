/** How often a worker records that it is alive; shared by the worker and the health check. */
export const HEARTBEAT_INTERVAL_MS = 5_000;
