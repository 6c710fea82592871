import { describe, expect, it } from "vitest";
import type { TConditionOperator, TConditionRule } from "@/lib/schemas/workflow";
import { evaluateCondition } from "./evaluate-condition";
import { TemplateError } from "./template/resolve-template";

const scope = {
  trigger: {
    payload: {
      email: "ada@example.com",
      plan: "pro",
      count: 12,
      countText: "12",
      amount: "  3.5 ",
      word: "twelve",
      tags: ["vip", "beta"],
      empty: [],
      emptyText: "[]",
      nothing: null,
      yes: true,
      yesText: "TRUE",
      zero: 0,
      createdAt: "2024-05-01T10:00:00.000Z",
      createdMs: Date.parse("2024-05-01T10:00:00.000Z"),
    },
  },
  settings: { plans: ["pro", "enterprise"] },
};

function rule(left: string, operator: TConditionOperator, right?: string): TConditionRule {
  return (right === undefined ? { left, operator } : { left, operator, right }) as TConditionRule;
}

const p = (name: string) => `{{trigger.payload.${name}}}`;

describe("evaluateCondition — one rule", () => {
  it.each<[string, TConditionRule, boolean]>([
    // text
    ["contains", rule(p("email"), "contains", "@example"), true],
    ["contains is case-sensitive", rule(p("email"), "contains", "@EXAMPLE"), false],
    ["not_contains", rule(p("email"), "not_contains", "@other"), true],
    ["contains on an array tests elements", rule(p("tags"), "contains", "vip"), true],
    ["contains on an array is not a substring test", rule(p("tags"), "contains", "vi"), false],
    ["equals", rule(p("plan"), "equals", "pro"), true],
    ["equals compares a number with its text", rule(p("count"), "equals", "12"), true],
    ["not_equals", rule(p("plan"), "not_equals", "free"), true],
    ["equals with interpolated left", rule("{{trigger.payload.plan}}-plan", "equals", "pro-plan"), true],
    ["starts_with", rule(p("email"), "starts_with", "ada"), true],
    ["not_starts_with", rule(p("email"), "not_starts_with", "ada"), false],
    ["ends_with", rule(p("email"), "ends_with", ".com"), true],
    ["not_ends_with", rule(p("email"), "not_ends_with", ".org"), true],
    ["is_in with a comma list", rule(p("plan"), "is_in", "free, pro ,team"), true],
    ["is_in with an array", rule(p("plan"), "is_in", "{{settings.plans}}"), true],
    ["is_in miss", rule(p("plan"), "is_in", "free,team"), false],
    ["not_in", rule(p("plan"), "not_in", "free,team"), true],
    ["is_in with a number", rule(p("count"), "is_in", "1,12"), true],
    // numbers
    ["gt with numeric strings", rule(p("countText"), "gt", "9"), true],
    ["gt compares numerically, not as text", rule("100", "gt", "9"), true],
    ["gte equal", rule(p("count"), "gte", "12"), true],
    ["lt with padded decimal text", rule(p("amount"), "lt", "4"), true],
    ["lte", rule(p("count"), "lte", "11"), false],
    ["num_equals across types", rule(p("countText"), "num_equals", "{{trigger.payload.count}}"), true],
    ["num_equals with exponent", rule("1e3", "num_equals", "1000"), true],
    ["num_not_equals", rule(p("count"), "num_not_equals", "13"), true],
    ["gt with a non-number is false", rule(p("word"), "gt", "1"), false],
    ["num_not_equals with a non-number is false", rule(p("word"), "num_not_equals", "1"), false],
    ["empty text is not zero", rule("", "num_equals", "0"), false],
    // dates
    ["date_after ISO", rule(p("createdAt"), "date_after", "2024-04-30T23:59:59Z"), true],
    ["date_before ISO", rule(p("createdAt"), "date_before", "2024-04-30T23:59:59Z"), false],
    ["date_after epoch ms", rule(p("createdMs"), "date_after", "1700000000000"), true],
    ["date_equals instant across formats", rule(p("createdAt"), "date_equals", "{{trigger.payload.createdMs}}"), true],
    ["date_equals with a plain date compares the day", rule(p("createdAt"), "date_equals", "2024-05-01"), true],
    ["date_equals different day", rule(p("createdAt"), "date_equals", "2024-05-02"), false],
    ["date with garbage is false", rule("not a date", "date_before", "2030-01-01"), false],
    // booleans
    ["is_true", rule(p("yes"), "is_true"), true],
    ["is_true from text", rule(p("yesText"), "is_true"), true],
    ["is_false from 0", rule(p("zero"), "is_false"), true],
    ["is_true on non-boolean", rule(p("plan"), "is_true"), false],
    ["is_false on non-boolean", rule(p("plan"), "is_false"), false],
    // presence
    ["exists", rule(p("email"), "exists"), true],
    ["exists on null", rule(p("nothing"), "exists"), true],
    ["exists on missing", rule(p("missing"), "exists"), false],
    ["not_exists on missing", rule("{{trigger.payload.missing.deeper}}", "not_exists"), true],
    ["is_null on null", rule(p("nothing"), "is_null"), true],
    ["is_null on missing", rule(p("missing"), "is_null"), true],
    ["is_not_null", rule(p("zero"), "is_not_null"), true],
    // arrays
    ["array_empty", rule(p("empty"), "array_empty"), true],
    ["array_empty on JSON text", rule(p("emptyText"), "array_empty"), true],
    ["array_empty on missing", rule(p("missing"), "array_empty"), true],
    ["array_not_empty", rule(p("tags"), "array_not_empty"), true],
    ["array_not_empty on a string", rule(p("plan"), "array_not_empty"), false],
    ["array_empty on a string", rule(p("plan"), "array_empty"), false],
  ])("%s", (_name, r, expected) => {
    expect(evaluateCondition({ combinator: "and", rules: [r] }, scope).result).toBe(expected);
  });
});

describe("evaluateCondition — groups and reporting", () => {
  const yes = rule(p("plan"), "equals", "pro");
  const no = rule(p("plan"), "equals", "free");

  it.each([
    ["and", [yes, yes], true],
    ["and", [yes, no], false],
    ["or", [no, yes], true],
    ["or", [no, no], false],
  ] as const)("%s of %j", (combinator, rules, expected) => {
    expect(evaluateCondition({ combinator, rules: [...rules] }, scope).result).toBe(expected);
  });

  it("reports every rule with its resolved operands, even after the answer is known", () => {
    const evaluation = evaluateCondition(
      { combinator: "or", rules: [yes, rule(p("count"), "gt", "{{trigger.payload.word}}"), rule(p("tags"), "array_empty")] },
      scope,
    );
    expect(evaluation).toEqual({
      combinator: "or",
      result: true,
      rules: [
        { operator: "equals", left: "pro", right: "pro", result: true },
        { operator: "gt", left: 12, right: "twelve", result: false, note: "right is not a number" },
        { operator: "array_empty", left: ["vip", "beta"], result: false },
      ],
    });
  });

  it("fails loudly on template syntax errors", () => {
    expect(() => evaluateCondition({ combinator: "and", rules: [rule("{{ oops", "exists")] }, scope)).toThrow(
      TemplateError,
    );
  });
});
