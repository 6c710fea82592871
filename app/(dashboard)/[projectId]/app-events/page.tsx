import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/shell/not-built-yet";

export const metadata: Metadata = { title: "App Events" };

export default function AppEventsPage() {
  return (
    <NotBuiltYet
      title="App Events"
      description="Events your app sends for one of its users to start every workflow that listens."
      plan={[
        "Define an event by name and an example JSON payload, edited in a code editor",
        "See the JSON Schema derived from the example, and choose how strictly live payloads are validated",
        "Send events with switchyard.event(name, payload) or POST /projects/{projectId}/sdk/events/trigger",
      ]}
    />
  );
}
