import { describe, expect, it } from "vitest";
import { CONDITION_OPERATORS } from "@/lib/schemas/workflow";
import { conditionSummary, OPERATOR_LABELS, operatorLabel, ruleOutcomesOf, ruleOutcomeSentence, ruleSentence } from "./operator-labels";

describe("OPERATOR_LABELS", () => {
  it("names every operator in words, each differently", () => {
    const labels = CONDITION_OPERATORS.map((operator) => OPERATOR_LABELS[operator]);
    expect(new Set(labels).size).toBe(CONDITION_OPERATORS.length);
    for (const label of labels) expect(label).not.toMatch(/_|^(gt|gte|lt|lte)$/);
  });

  it.each([
    ["gt", "greater than"],
    ["lte", "less than or equal to"],
    ["not_contains", "does not contain"],
    ["array_not_empty", "is a non-empty list"],
    // An operator the editor no longer knows (an old run) is shown as stored, minus underscores.
    ["regex_match", "regex match"],
  ])("%s reads %s", (operator, label) => {
    expect(operatorLabel(operator)).toBe(label);
  });
});

describe("ruleSentence and conditionSummary", () => {
  it("reads a binary rule with both sides, a unary one with the left only", () => {
    expect(ruleSentence({ left: "{{ trigger.payload.amount }}", operator: "gt", right: "100" })).toBe("{{ trigger.payload.amount }} greater than 100");
    expect(ruleSentence({ left: "{{ trigger.payload.email }}", operator: "exists" })).toBe("{{ trigger.payload.email }} exists");
    expect(ruleSentence({ left: " ", operator: "equals", right: "" })).toBe("(no value) equals (empty)");
  });

  it("summarises one rule by itself, several by count and combinator", () => {
    expect(conditionSummary({ combinator: "and", rules: [{ left: "a", operator: "lt", right: "2" }] })).toBe("a less than 2");
    const two = [{ left: "a", operator: "is_true" as const }, { left: "b", operator: "is_false" as const }];
    expect(conditionSummary({ combinator: "and", rules: two })).toBe("2 rules, all must match");
    expect(conditionSummary({ combinator: "or", rules: two })).toBe("2 rules, any must match");
  });
});

describe("ruleOutcomesOf and ruleOutcomeSentence", () => {
  it("reads the rules a Conditional recorded, skipping malformed entries", () => {
    const output = { branch: "true", combinator: "and", result: true, rules: [{ operator: "gt", left: 12, right: "10", result: true }, { nope: 1 }, null] };
    expect(ruleOutcomesOf(output)).toEqual([{ operator: "gt", left: 12, right: "10", result: true }]);
    expect(ruleOutcomesOf(null)).toEqual([]);
    expect(ruleOutcomesOf({ rules: "x" })).toEqual([]);
  });

  it("shows resolved values as JSON, and a missing right-hand side as missing", () => {
    expect(ruleOutcomeSentence({ operator: "equals", left: "pro", right: "pro", result: true })).toBe('"pro" equals "pro"');
    expect(ruleOutcomeSentence({ operator: "exists", left: undefined, result: false })).toBe("(missing) exists");
    // Stored as JSON, an undefined right disappears from the object.
    expect(ruleOutcomeSentence({ operator: "gte", left: 3, result: false })).toBe("3 greater than or equal to (missing)");
    expect(ruleOutcomeSentence({ operator: "contains", left: "x".repeat(100), right: "y", result: false })).toBe(`"${"x".repeat(58)}… contains "y"`);
  });
});
