"use client";

// What canvas nodes read besides their id; React Flow node data stays minimal so layout stays cheap.
import { createContext, useContext } from "react";
import type { TAppEvent } from "@/lib/schemas/app-event";
import type { TStepType, TWorkflowGraph } from "@/lib/schemas/workflow";
import type { TWorkflowProblem } from "@/lib/engine/validate-workflow";
import type { TAttachPoint } from "./graph-ops";

export type TNodeRunStatus = "running" | "succeeded" | "failed";

export type TCanvasContext = {
  graph: TWorkflowGraph;
  appEvents: TAppEvent[] | undefined;
  problemsByNode: Map<string, TWorkflowProblem[]>;
  runStatusByNode: Map<string, TNodeRunStatus>;
  onAddStep: (at: TAttachPoint, type: TStepType) => void;
  /** Showing something that cannot be edited (a deployed version): no "+" menus. */
  readOnly?: boolean;
};

export const CanvasContext = createContext<TCanvasContext | null>(null);

export function useCanvasContext(): TCanvasContext {
  const context = useContext(CanvasContext);
  if (!context) throw new Error("useCanvasContext outside CanvasContext");
  return context;
}
