"use client";

import dynamic from "next/dynamic";
import { Spinner } from "@/components/ui/spinner";
import type { TTemplateCompletions, TTemplateMarker } from "./monaco-setup";

export type TJsonEditorMarker = { line: number; column: number; message: string; severity: "error" | "warning" };

export type TJsonEditorProps = {
  value: string;
  onChange: (value: string) => void;
  /** A JSON Schema: the editor then completes and checks the document against it (mismatches are warnings). */
  schema?: object;
  /** CSS height of the whole editor, toolbar included. */
  height?: number | string;
  ariaLabel: string;
  readOnly?: boolean;
  /** Syntax errors and schema warnings, each time they change, so a form can refuse to save. */
  onValidate?: (markers: TJsonEditorMarker[]) => void;
  /** Template variables offered after `{{` (workflow step fields). */
  completions?: TTemplateCompletions;
  /** Template references to underline, as offsets into `value`. */
  templateProblems?: readonly TTemplateMarker[];
};

function EditorPlaceholder({ error }: { error?: Error | null }) {
  return (
    <div className="flex h-full items-center justify-center rounded-md border border-neutral-300 bg-neutral-50 text-sm text-neutral-600">
      {error ? (
        <span role="alert">The editor could not load. Reload the page to try again.</span>
      ) : (
        <Spinner label="Loading editor…" />
      )}
    </div>
  );
}

// Monaco weighs megabytes: it loads on first use, never on the server, and never from a CDN.
const MonacoJsonEditor = dynamic(() => import("./monaco-json-editor").then((module) => module.MonacoJsonEditor), {
  ssr: false,
  loading: ({ error }) => <EditorPlaceholder error={error} />,
});

/** A JSON code editor (Monaco) with a Format button, schema-aware completion and inline errors. */
export function JsonEditor({ height = 320, ...props }: TJsonEditorProps) {
  return (
    <div style={{ height }} className="min-w-0">
      <MonacoJsonEditor {...props} />
    </div>
  );
}
