"use client";

// Loaded only through ./code-editor (next/dynamic, ssr: false): Monaco needs a browser.
import Editor from "@monaco-editor/react";
import { useMemo, useState } from "react";
import { monaco } from "@/components/editor/monaco-setup";
import { Spinner } from "@/components/ui/spinner";

// The shared setup only routes the JSON worker; JavaScript completion needs the TypeScript worker. Wrapping
// (not replacing) the environment keeps the JSON editors working. Diagnostics stay off: step code is an
// anonymous `function (params, context) {}` expression, which the checker would flag as a statement.
const environment = self.MonacoEnvironment;
self.MonacoEnvironment = {
  ...environment,
  getWorker(workerId: string, label: string) {
    if (label === "typescript" || label === "javascript") {
      return new Worker(new URL("monaco-editor/language/typescript/ts.worker.js", import.meta.url), { type: "module" });
    }
    if (environment?.getWorker) return environment.getWorker(workerId, label);
    return new Worker(new URL("monaco-editor/editor/editor.worker.js", import.meta.url), { type: "module" });
  },
};
monaco.typescript.javascriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: true });

let modelCount = 0;

export function MonacoCodeEditor({ value, onChange, ariaLabel }: { value: string; onChange: (value: string) => void; ariaLabel: string }) {
  const [modelUri] = useState(() => `inmemory://switchyard/function-${(modelCount += 1)}.js`);
  const options = useMemo<monaco.editor.IStandaloneEditorConstructionOptions>(
    () => ({
      ariaLabel,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 13,
      tabSize: 2,
      renderLineHighlight: "none",
      contextmenu: false,
      scrollbar: { alwaysConsumeMouseWheel: false },
    }),
    [ariaLabel],
  );
  return (
    <div className="flex h-full flex-col overflow-hidden rounded-md border border-neutral-300 bg-white focus-within:border-accent-500 focus-within:ring-3 focus-within:ring-accent-500/20">
      <p className="border-b border-neutral-200 bg-neutral-50 px-2 py-1 text-xs text-neutral-500">Tab indents; Ctrl+M (⌃⇧M on Mac) lets Tab move focus.</p>
      <div className="min-h-0 flex-1">
        <Editor
          path={modelUri}
          language="javascript"
          value={value}
          height="100%"
          loading={<Spinner label="Loading editor…" />}
          onChange={(next) => onChange(next ?? "")}
          options={options}
        />
      </div>
    </div>
  );
}
