import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/shell/not-built-yet";

export const metadata: Metadata = { title: "Event Log" };

export default function EventLogPage() {
  return (
    <NotBuiltYet
      title="Event Log"
      description="Every App Event and webhook received, and the runs each one started."
      plan={[
        "See recent events with their user, time and validation result",
        "Spot idempotent repeats, and follow each event to the runs it started",
      ]}
    />
  );
}
