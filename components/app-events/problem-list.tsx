import { CircleAlert, TriangleAlert } from "lucide-react";
import type { TJsonEditorMarker } from "@/components/editor/json-editor";
import type { TSchemaProblem } from "@/lib/app-events/derive-json-schema";

export type TProblem = { text: string; severity: "error" | "warning" };

export const markerProblems = (markers: TJsonEditorMarker[]): TProblem[] =>
  markers.map((marker) => ({ text: `Line ${marker.line}, column ${marker.column}: ${marker.message}`, severity: marker.severity }));

export const pointerProblems = (problems: TSchemaProblem[], options: { where: string; severity: TProblem["severity"] }): TProblem[] =>
  problems.map((problem) => ({ text: `${options.where}${problem.path ? ` at ${problem.path}` : ""}: ${problem.message}`, severity: options.severity }));

/** Errors and warnings under an editor; announced politely as they change. */
export function ProblemList({ id, problems }: { id: string; problems: TProblem[] }) {
  return (
    <div id={id} aria-live="polite" className="mt-2 empty:hidden">
      {problems.length > 0 && (
        <ul className="flex flex-col gap-1 text-xs">
          {problems.map((problem, index) => (
            <li key={index} className={`flex items-start gap-1.5 ${problem.severity === "error" ? "text-danger-700" : "text-warning-800"}`}>
              {problem.severity === "error" ? (
                <CircleAlert aria-hidden="true" className="mt-px size-3.5 shrink-0" />
              ) : (
                <TriangleAlert aria-hidden="true" className="mt-px size-3.5 shrink-0" />
              )}
              <span className="break-words">
                <span className="sr-only">{problem.severity === "error" ? "Error: " : "Warning: "}</span>
                {problem.text}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
