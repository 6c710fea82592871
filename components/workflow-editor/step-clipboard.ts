"use client";

// Where copied steps wait for Paste: localStorage, so they paste into another workflow or tab of the same
// site, and the system clipboard as JSON too (best effort: the browser may refuse it). What comes back is
// checked with the shared schemas before it can reach a draft.
import { z } from "zod";
import { ZEdge, ZStep } from "@/lib/schemas/workflow";
import type { TStepFragment } from "./graph-ops";

const STORAGE_KEY = "switchyard:copied-steps";

const ZStepFragment = z.object({
  kind: z.literal("switchyard/steps"),
  root: z.string(),
  steps: z.array(ZStep).min(1).max(500),
  edges: z.array(ZEdge).max(1000),
});

export function writeClipboard(fragment: TStepFragment): void {
  const text = JSON.stringify(fragment);
  try {
    localStorage.setItem(STORAGE_KEY, text);
  } catch {
    // Storage full or disabled: the system clipboard below may still work.
  }
  void navigator.clipboard?.writeText(text).catch(() => {});
}

export function readClipboard(): TStepFragment | null {
  let text: string | null = null;
  try {
    text = localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
  if (!text) return null;
  try {
    const parsed = ZStepFragment.safeParse(JSON.parse(text));
    return parsed.success && parsed.data.steps.some((step) => step.id === parsed.data.root) ? parsed.data : null;
  } catch {
    return null;
  }
}
