import { Badge } from "@/components/ui/badge";
import { ruleOutcomesOf, ruleOutcomeSentence } from "@/components/workflow-editor/operator-labels";
import type { TStep } from "@/lib/schemas/workflow";

/** A Conditional's or Switch's recorded decision in words: each rule with its operands resolved, and its result. */
export function ConditionOutcome({ step, output }: { step: TStep; output: unknown }) {
  if (step.type === "conditional") return <RuleList evaluation={output} />;
  if (step.type !== "switch" || typeof output !== "object" || output === null || !("cases" in output) || !Array.isArray(output.cases)) return null;
  const labels = new Map(step.config.cases.map((c) => [c.id, c.label || c.id]));
  return (
    <div className="flex flex-col gap-3">
      {output.cases.map((entry: unknown, index) => {
        if (typeof entry !== "object" || entry === null || !("evaluation" in entry)) return null;
        const id = "id" in entry && typeof entry.id === "string" ? entry.id : `case ${index + 1}`;
        return (
          <div key={id}>
            <p className="mb-1 text-xs font-medium text-neutral-700">{labels.get(id) ?? id}</p>
            <RuleList evaluation={entry.evaluation} />
          </div>
        );
      })}
    </div>
  );
}

function RuleList({ evaluation }: { evaluation: unknown }) {
  const rules = ruleOutcomesOf(evaluation);
  if (rules.length === 0) return null;
  return (
    <ol className="flex flex-col gap-1">
      {rules.map((rule, index) => (
        <li key={index} className="flex items-start gap-2 text-sm">
          <Badge variant={rule.result ? "success" : "neutral"}>{rule.result ? "true" : "false"}</Badge>
          <span className="min-w-0 font-mono text-xs break-words text-neutral-800">
            {ruleOutcomeSentence(rule)}
            {rule.note && <span className="block font-sans text-neutral-500">{rule.note}</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}
