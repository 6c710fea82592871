// Condition operators as builders read them: "greater than", not "gt". Shared by the condition form, the
// canvas node's summary and Task History's run detail, so all three use the same words.
import { isUnaryOperator, type TConditionGroup, type TConditionOperator, type TConditionRule } from "@/lib/schemas/workflow";

export const OPERATOR_LABELS: Record<TConditionOperator, string> = {
  contains: "contains",
  not_contains: "does not contain",
  equals: "equals",
  not_equals: "does not equal",
  starts_with: "starts with",
  not_starts_with: "does not start with",
  ends_with: "ends with",
  not_ends_with: "does not end with",
  is_in: "is one of",
  not_in: "is not one of",
  gt: "greater than",
  gte: "greater than or equal to",
  lt: "less than",
  lte: "less than or equal to",
  num_equals: "equals (number)",
  num_not_equals: "does not equal (number)",
  date_after: "is after (date)",
  date_before: "is before (date)",
  date_equals: "is the same date as",
  is_true: "is true",
  is_false: "is false",
  exists: "exists",
  not_exists: "does not exist",
  is_null: "is null",
  is_not_null: "is not null",
  array_empty: "is an empty list",
  array_not_empty: "is a non-empty list",
};

/** The words for an operator; an unknown one (an older stored run) is shown as stored. */
export function operatorLabel(operator: string): string {
  return Object.hasOwn(OPERATOR_LABELS, operator) ? OPERATOR_LABELS[operator as TConditionOperator] : operator.replaceAll("_", " ");
}

/** One rule as a sentence: "{{ trigger.payload.amount }} greater than 100", "… exists". */
export function ruleSentence(rule: TConditionRule): string {
  const left = rule.left.trim() || "(no value)";
  if (isUnaryOperator(rule.operator) || !("right" in rule)) return `${left} ${OPERATOR_LABELS[rule.operator]}`;
  return `${left} ${OPERATOR_LABELS[rule.operator]} ${rule.right.trim() || "(empty)"}`;
}

/** A condition on one line: its only rule, or how many rules and whether all or any must match. */
export function conditionSummary(group: TConditionGroup): string {
  if (group.rules.length === 1) return ruleSentence(group.rules[0]);
  return `${group.rules.length} rules, ${group.combinator === "and" ? "all" : "any"} must match`;
}

export type TRuleOutcome = { operator: string; left: unknown; right?: unknown; result: boolean; note?: string };

const MAX_VALUE_CHARS = 60;

/** A resolved value as it reads in a sentence: strings quoted, missing values named. */
function valueText(value: unknown): string {
  if (value === undefined) return "(missing)";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

/** What a run's condition rules compared, read from a Conditional's (or a switch case's) recorded output. */
export function ruleOutcomesOf(evaluation: unknown): TRuleOutcome[] {
  if (typeof evaluation !== "object" || evaluation === null || !("rules" in evaluation) || !Array.isArray(evaluation.rules)) return [];
  return evaluation.rules.filter(
    (rule): rule is TRuleOutcome => typeof rule === "object" && rule !== null && typeof rule.operator === "string" && typeof rule.result === "boolean",
  );
}

/** "\"pro\" equals \"pro\"", "(missing) exists": a rule as the run saw it, with its operands resolved. */
export function ruleOutcomeSentence(rule: TRuleOutcome): string {
  const left = valueText(rule.left);
  // A stored outcome drops a missing right-hand side (JSON has no undefined), so the operator says whether it had one.
  const unary = Object.hasOwn(OPERATOR_LABELS, rule.operator) && isUnaryOperator(rule.operator as TConditionOperator);
  return unary ? `${left} ${operatorLabel(rule.operator)}` : `${left} ${operatorLabel(rule.operator)} ${valueText(rule.right)}`;
}
