"use client";

// "Listen for test event": waits, with a countdown, for the next delivery to an endpoint, by asking the Event Log
// for deliveries received after the newest one there when listening began. The builder can cancel; the wait ends by itself.
import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch } from "@/lib/api-client/api-fetch";
import { type TEventLogEntry, ZEventList } from "@/lib/schemas/event-log";

export const LISTEN_SECONDS = 180;
const POLL_MS = 1500;

export type TListenState =
  | { phase: "idle" }
  | { phase: "listening"; secondsLeft: number }
  | { phase: "received"; delivery: TEventLogEntry }
  | { phase: "timed_out" }
  | { phase: "failed"; message: string };

export function useListenForDelivery(options: { projectId: string; endpointId: string | null; onDelivery: (delivery: TEventLogEntry) => void }) {
  const [state, setState] = useState<TListenState>({ phase: "idle" });
  const run = useRef(0);
  const onDelivery = useRef(options.onDelivery);
  onDelivery.current = options.onDelivery;

  const cancel = useCallback(() => {
    run.current += 1;
    setState({ phase: "idle" });
  }, []);

  const listen = useCallback(() => {
    const { projectId, endpointId } = options;
    if (!endpointId) return;
    const mine = ++run.current;
    const deadline = Date.now() + LISTEN_SECONDS * 1000;
    setState({ phase: "listening", secondsLeft: LISTEN_SECONDS });
    const poll = async () => {
      // "After" the newest delivery already there, by the server's own clock: the browser's may be off by seconds.
      let since: string | null = null;
      try {
        since = (await apiFetch(`/projects/${projectId}/events?endpointId=${endpointId}&limit=1`, ZEventList)).events[0]?.receivedAt ?? null;
      } catch (error) {
        if (run.current === mine) setState({ phase: "failed", message: (error as Error).message });
        return;
      }
      while (run.current === mine) {
        const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
        if (left === 0) {
          setState({ phase: "timed_out" });
          return;
        }
        setState({ phase: "listening", secondsLeft: left });
        try {
          const after = since ? `&after=${encodeURIComponent(since)}` : "";
          const page = await apiFetch(`/projects/${projectId}/events?endpointId=${endpointId}${after}&limit=1`, ZEventList);
          const delivery = page.events.find((event) => event.webhook?.status !== "handshake");
          if (delivery && run.current === mine) {
            setState({ phase: "received", delivery });
            onDelivery.current(delivery);
            return;
          }
        } catch (error) {
          if (run.current === mine) setState({ phase: "failed", message: (error as Error).message });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    };
    void poll();
  }, [options]);

  // Leaving the panel stops listening.
  useEffect(() => () => void (run.current += 1), []);
  return { state, listen, cancel };
}
