import type { Metadata } from "next";
import { NotBuiltYet } from "@/components/shell/not-built-yet";

export const metadata: Metadata = { title: "Workflows" };

export default function WorkflowsPage() {
  return (
    <NotBuiltYet
      title="Workflows"
      description="Visual workflows that run for your users when an App Event, webhook, schedule or request triggers them."
      plan={[
        "Build workflows on a canvas: Request, Function, Conditional, Switch, Fan Out, Delay and Response steps",
        "Pick a trigger: an App Event, an integration webhook, a schedule, or a synchronous request",
        "Test with example data, then deploy an immutable version",
      ]}
    />
  );
}
