// Evaluates a conditional's (or a switch case's) rule group. Every rule is evaluated, not just until the
// answer is known, so Task History can show the resolved values and the outcome of each rule.
//
// Coercions, chosen to match what a builder types into the editor (where everything is text):
// - text operators compare the text form: strings as they are, numbers/booleans via String, null and
//   missing as "", objects as JSON. `contains` on an array tests its elements.
// - number operators accept numbers and numeric strings ("42", " 1e3 "); anything else makes the rule false.
// - date operators accept ISO 8601 strings, other strings Date.parse understands, and epoch milliseconds
//   (numbers or digit strings). When either side is a plain date ("2024-05-01"), date_equals compares
//   calendar days in UTC; otherwise instants.
// - is_true/is_false accept booleans, "true"/"false" (any case), 1/0 and "1"/"0".
// - is_in/not_in take an array or a comma-separated list on the right.
// - a missing path is "undefined": exists is false, is_null is true, array_empty is true.
import type { TConditionGroup, TConditionOperator, TConditionRule } from "@/lib/schemas/workflow";
import { resolveTemplate, stringifyTemplateValue, type TTemplateScope } from "./template/resolve-template";

export type TRuleEvaluation = {
  operator: TConditionOperator;
  left: unknown;
  right?: unknown;
  result: boolean;
  /** Why a rule could not compare its operands (e.g. "left is not a number"). */
  note?: string;
};

export type TConditionEvaluation = {
  combinator: TConditionGroup["combinator"];
  result: boolean;
  rules: TRuleEvaluation[];
};

/** Throws TemplateError("syntax") for malformed templates; missing paths resolve to undefined. */
export function evaluateCondition(group: TConditionGroup, scope: TTemplateScope): TConditionEvaluation {
  const rules = group.rules.map((rule) => evaluateRule(rule, scope));
  const result = group.combinator === "and" ? rules.every((r) => r.result) : rules.some((r) => r.result);
  return { combinator: group.combinator, result, rules };
}

function evaluateRule(rule: TConditionRule, scope: TTemplateScope): TRuleEvaluation {
  const left = resolveTemplate(rule.left, scope, { missing: "undefined" });
  if (!("right" in rule)) return { operator: rule.operator, left, ...compareUnary(rule.operator, left) };
  const right = resolveTemplate(rule.right, scope, { missing: "undefined" });
  return { operator: rule.operator, left, right, ...compareBinary(rule.operator, left, right) };
}

type TOutcome = { result: boolean; note?: string };

function compareUnary(operator: TConditionOperator, value: unknown): TOutcome {
  switch (operator) {
    case "exists":
      return { result: value !== undefined };
    case "not_exists":
      return { result: value === undefined };
    case "is_null":
      return { result: value === null || value === undefined };
    case "is_not_null":
      return { result: value !== null && value !== undefined };
    case "is_true":
    case "is_false": {
      const bool = toBoolean(value);
      if (bool === null) return { result: false, note: "left is not a boolean" };
      return { result: operator === "is_true" ? bool : !bool };
    }
    case "array_empty":
    case "array_not_empty": {
      const array = toArray(value);
      if (array === null) return { result: false, note: "left is not an array" };
      return { result: operator === "array_empty" ? array.length === 0 : array.length > 0 };
    }
    default:
      return { result: false, note: `${operator} needs a value to compare with` };
  }
}

function compareBinary(operator: TConditionOperator, left: unknown, right: unknown): TOutcome {
  const text = stringifyTemplateValue;
  switch (operator) {
    case "equals":
    case "not_equals":
      return negateIf(operator === "not_equals", { result: looselyEqual(left, right) });
    case "contains":
    case "not_contains": {
      const found = Array.isArray(left) ? left.some((item) => looselyEqual(item, right)) : text(left).includes(text(right));
      return negateIf(operator === "not_contains", { result: found });
    }
    case "starts_with":
    case "not_starts_with":
      return negateIf(operator === "not_starts_with", { result: text(left).startsWith(text(right)) });
    case "ends_with":
    case "not_ends_with":
      return negateIf(operator === "not_ends_with", { result: text(left).endsWith(text(right)) });
    case "is_in":
    case "not_in": {
      const list = Array.isArray(right) ? right : text(right).split(",").map((item) => item.trim());
      return negateIf(operator === "not_in", { result: list.some((item) => looselyEqual(left, item)) });
    }
    case "gt":
    case "gte":
    case "lt":
    case "lte":
    case "num_equals":
    case "num_not_equals":
      return compareNumbers(operator, left, right);
    case "date_after":
    case "date_before":
    case "date_equals":
      return compareDates(operator, left, right);
    default:
      return { result: false, note: `${operator} takes no value to compare with` };
  }
}

function negateIf(negate: boolean, outcome: TOutcome): TOutcome {
  return negate ? { ...outcome, result: !outcome.result } : outcome;
}

function looselyEqual(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return a === b;
  return stringifyTemplateValue(a) === stringifyTemplateValue(b);
}

function compareNumbers(operator: TConditionOperator, left: unknown, right: unknown): TOutcome {
  const a = toNumber(left);
  const b = toNumber(right);
  if (a === null) return { result: false, note: "left is not a number" };
  if (b === null) return { result: false, note: "right is not a number" };
  const results: Partial<Record<TConditionOperator, boolean>> = {
    gt: a > b, gte: a >= b, lt: a < b, lte: a <= b, num_equals: a === b, num_not_equals: a !== b,
  };
  return { result: results[operator] ?? false };
}

function compareDates(operator: TConditionOperator, left: unknown, right: unknown): TOutcome {
  const a = toDate(left);
  const b = toDate(right);
  if (a === null) return { result: false, note: "left is not a date" };
  if (b === null) return { result: false, note: "right is not a date" };
  if (operator === "date_after") return { result: a.ms > b.ms };
  if (operator === "date_before") return { result: a.ms < b.ms };
  if (a.dateOnly || b.dateOnly) return { result: utcDay(a.ms) === utcDay(b.ms) };
  return { result: a.ms === b.ms };
}

export function toNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string" || value.trim() === "") return null;
  const parsed = Number(value.trim());
  return Number.isFinite(parsed) ? parsed : null;
}

// The range of a JavaScript Date; beyond it toISOString throws.
const MAX_DATE_MS = 8.64e15;

export function toDate(value: unknown): { ms: number; dateOnly: boolean } | null {
  let ms = Number.NaN;
  let dateOnly = false;
  if (typeof value === "number") ms = value;
  else if (typeof value === "string") {
    const trimmed = value.trim();
    ms = /^-?\d+$/.test(trimmed) ? Number(trimmed) : Date.parse(trimmed);
    dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(trimmed);
  }
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS ? { ms, dateOnly } : null;
}

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function toBoolean(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value !== "string") return null;
  const normalized = value.trim().toLowerCase();
  if (normalized === "true" || normalized === "1") return true;
  if (normalized === "false" || normalized === "0") return false;
  return null;
}

function toArray(value: unknown): unknown[] | null {
  if (Array.isArray(value)) return value;
  if (value === null || value === undefined) return [];
  if (typeof value === "string" && value.trim().startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(value);
      return Array.isArray(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }
  return null;
}
