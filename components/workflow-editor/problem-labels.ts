// Validation speaks in schema paths ("config.condition.rules.0.left") and step ids ("request_2"); the builder
// sees field labels and step names. These map one to the other for every list of problems the editor shows.
import type { TWorkflowProblem } from "@/lib/engine/validate-workflow";
import type { TWorkflowGraph } from "@/lib/schemas/workflow";

/** Labels of whole paths, and of path patterns where `#` stands for a list index (shown from 1). */
const LABELS: Record<string, string> = {
  // Steps
  "config.url": "URL",
  "config.method": "Method",
  "config.body.json": "JSON body",
  "config.body.text": "Body",
  "config.code": "Code",
  "config.items": "List to fan out over",
  "config.value": "Wait",
  "config.unit": "Wait unit",
  "config.statusCode": "Status code",
  "config.condition.rules.#.left": "Rule # value to test",
  "config.condition.rules.#.right": "Rule # value to compare with",
  "config.condition.rules.#.operator": "Rule # operator",
  "config.cases.#.condition.rules.#.left": "Case #, rule # value to test",
  "config.cases.#.condition.rules.#.right": "Case #, rule # value to compare with",
  "config.params.#.key": "Parameter # name",
  "config.params.#.value": "Parameter # value",
  "config.headers.#.key": "Header # name",
  "config.headers.#.value": "Header # value",
  "config.query.#.key": "Query parameter # name",
  "config.query.#.value": "Query parameter # value",
  "config.body.fields.#.key": "Form field # name",
  "config.body.fields.#.value": "Form field # value",
  name: "Name",
  id: "Step id",
  type: "Step type",
  // Trigger
  appEventId: "App Event",
  "source.integration": "Integration",
  "source.event": "Event",
  "source.name": "Custom webhook name",
  "schedule.expression": "Cron expression",
  "schedule.timezone": "Time zone",
  "schedule.every": "Repeat",
  "schedule.interval": "Every",
  "schedule.minute": "Minute",
  "schedule.time": "Time",
  "schedule.weekdays": "Weekdays",
  bodySchema: "Body schema",
  querySchema: "Query schema",
  headersSchema: "Headers schema",
};

const words = (segment: string) => segment.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();

/** "config.condition.rules.0.left" → "Rule 1 value to test"; an unlisted path still reads as words. */
export function fieldLabel(field: string): string {
  const segments = field.split(".");
  const indexes = segments.filter((segment) => /^\d+$/.test(segment)).map((segment) => String(Number(segment) + 1));
  const pattern = segments.map((segment) => (/^\d+$/.test(segment) ? "#" : segment)).join(".");
  const known = LABELS[pattern];
  if (known) return known.replace(/#/g, () => indexes.shift() ?? "");
  const readable = segments
    .filter((segment) => segment !== "config")
    .map((segment) => (/^\d+$/.test(segment) ? String(Number(segment) + 1) : words(segment)))
    .join(" ");
  return readable.charAt(0).toUpperCase() + readable.slice(1);
}

/** The step's name as the canvas shows it; "Trigger" and "Workflow" for the two places that are not steps. */
export function stepLabel(graph: TWorkflowGraph, stepId: string): string {
  if (stepId === "trigger") return "Trigger";
  if (stepId === "workflow") return "Workflow";
  return graph.steps.find((step) => step.id === stepId)?.name.trim() || stepId;
}

export type TProblemLine = { stepId: string; step: string; field?: string; message: string };

/**
 * One line per problem, with the step's name and the field's label; problems that differ only in letter case
 * (the same rule reached by two checks) are shown once.
 */
export function problemLines(graph: TWorkflowGraph, problems: readonly TWorkflowProblem[]): TProblemLine[] {
  const seen = new Set<string>();
  const lines: TProblemLine[] = [];
  for (const problem of problems) {
    const field = problem.field ? fieldLabel(problem.field) : undefined;
    const key = `${problem.stepId}\u0000${field ?? ""}\u0000${problem.message}`.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push({ stepId: problem.stepId, step: stepLabel(graph, problem.stepId), ...(field ? { field } : {}), message: problem.message });
  }
  return lines;
}
