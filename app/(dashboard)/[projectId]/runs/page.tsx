import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/shell/not-built-yet";

export const metadata: Metadata = { title: "Task History" };

export default function TaskHistoryPage() {
  return (
    <NotBuiltYet
      title="Task History"
      description="Every workflow run, step by step."
      plan={[
        "Filter runs by workflow, user, status, trigger and time",
        "Inspect each step's input, output, errors and retries, with the path taken highlighted",
        "Replay a run on its original version or the one deployed now; cancel runs in flight",
      ]}
    />
  );
}
