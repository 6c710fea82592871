"use client";

import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import {
  CONDITION_OPERATORS,
  isUnaryOperator,
  type TConditionGroup,
  type TConditionOperator,
  type TConditionRule,
  type TStepOf,
} from "@/lib/schemas/workflow";
import { OPERATOR_LABELS } from "../operator-labels";
import { Select } from "./controls";
import { TemplateInput } from "./template-input";

const OPERATOR_OPTIONS = CONDITION_OPERATORS.map((operator) => ({ value: operator, label: OPERATOR_LABELS[operator] }));

function withOperator(rule: TConditionRule, operator: TConditionOperator): TConditionRule {
  if (isUnaryOperator(operator)) return { left: rule.left, operator };
  return { left: rule.left, operator, right: "right" in rule ? rule.right : "" };
}

export function ConditionGroupField({ group, onChange, label }: { group: TConditionGroup; onChange: (group: TConditionGroup) => void; label: string }) {
  const setRule = (index: number, rule: TConditionRule) => onChange({ ...group, rules: group.rules.map((r, i) => (i === index ? rule : r)) });
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1.5 flex items-center gap-2 text-sm font-medium text-neutral-800">
        {label}: match
        <Select aria-label={`${label}: combine rules with`} className="w-24" value={group.combinator} options={[{ value: "and", label: "all (and)" }, { value: "or", label: "any (or)" }]} onChange={(combinator) => onChange({ ...group, combinator })} />
      </legend>
      {group.rules.map((rule, index) => (
        <div key={index} className="flex flex-col gap-1 rounded-md border border-neutral-200 bg-neutral-50 p-2">
          <TemplateInput aria-label={`Rule ${index + 1} value to test`} placeholder="{{ trigger.payload.field }}" value={rule.left} onChange={(left) => setRule(index, { ...rule, left })} />
          <div className="flex gap-1.5">
            <Select aria-label={`Rule ${index + 1} operator`} value={rule.operator} options={OPERATOR_OPTIONS} onChange={(operator) => setRule(index, withOperator(rule, operator))} />
            <Button type="button" variant="ghost" size="sm" aria-label={`Remove rule ${index + 1}`} disabled={group.rules.length === 1} onClick={() => onChange({ ...group, rules: group.rules.filter((_, i) => i !== index) })}>
              <Trash2 aria-hidden />
            </Button>
          </div>
          {"right" in rule && (
            <TemplateInput aria-label={`Rule ${index + 1} compare with`} placeholder="Value" value={rule.right} onChange={(right) => setRule(index, { ...rule, right })} />
          )}
        </div>
      ))}
      <Button type="button" variant="ghost" size="sm" className="self-start" onClick={() => onChange({ ...group, rules: [...group.rules, { left: "", operator: "equals", right: "" }] })}>
        <Plus aria-hidden /> Add rule
      </Button>
    </fieldset>
  );
}

export function ConditionalForm({ step, onChange }: { step: TStepOf<"conditional">; onChange: (step: TStepOf<"conditional">) => void }) {
  return <ConditionGroupField label="Condition" group={step.config.condition} onChange={(condition) => onChange({ ...step, config: { condition } })} />;
}

export function SwitchForm({ step, onChange }: { step: TStepOf<"switch">; onChange: (step: TStepOf<"switch">) => void }) {
  const cases = step.config.cases;
  const setCases = (next: typeof cases) => onChange({ ...step, config: { cases: next } });
  function addCase() {
    const taken = new Set(cases.map((c) => c.id));
    let n = cases.length + 1;
    while (taken.has(`case_${n}`)) n += 1;
    setCases([...cases, { id: `case_${n}`, label: `Case ${n}`, condition: { combinator: "and", rules: [{ left: "", operator: "equals", right: "" }] } }]);
  }
  return (
    <div className="flex flex-col gap-4">
      {cases.map((c, index) => (
        <div key={c.id} className="flex flex-col gap-2 rounded-md border border-neutral-200 p-2">
          <div className="flex gap-1.5">
            <Input aria-label={`Case ${index + 1} label`} value={c.label} onChange={(event) => setCases(cases.map((other, i) => (i === index ? { ...c, label: event.target.value } : other)))} />
            <Button type="button" variant="ghost" size="sm" aria-label={`Remove case ${index + 1}`} disabled={cases.length === 1} onClick={() => setCases(cases.filter((_, i) => i !== index))}>
              <Trash2 aria-hidden />
            </Button>
          </div>
          <ConditionGroupField label={c.label || c.id} group={c.condition} onChange={(condition) => setCases(cases.map((other, i) => (i === index ? { ...c, condition } : other)))} />
        </div>
      ))}
      <Button type="button" variant="secondary" size="sm" className="self-start" onClick={addCase} disabled={cases.length >= 20}>
        <Plus aria-hidden /> Add case
      </Button>
      <p className="text-xs text-neutral-500">When no case matches, the run takes the Default branch.</p>
    </div>
  );
}
