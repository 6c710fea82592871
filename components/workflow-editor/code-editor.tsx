"use client";

import dynamic from "next/dynamic";
import { Spinner } from "@/components/ui/spinner";
import type { TMonacoCodeEditorProps } from "./monaco-code-editor";

// Monaco weighs megabytes: it loads on first use, never on the server.
const MonacoCodeEditor = dynamic(() => import("./monaco-code-editor").then((module) => module.MonacoCodeEditor), {
  ssr: false,
  loading: ({ error }) => (
    <div className="flex h-full items-center justify-center rounded-md border border-neutral-300 bg-neutral-50 text-sm text-neutral-600">
      {error ? <span role="alert">The editor could not load. Reload the page to try again.</span> : <Spinner label="Loading editor…" />}
    </div>
  ),
});

/** A JavaScript code editor (Monaco). */
export function CodeEditor({ height = 320, ...props }: TMonacoCodeEditorProps & { height?: number }) {
  return (
    <div style={{ height }} className="min-w-0">
      <MonacoCodeEditor {...props} />
    </div>
  );
}
