"use client";

// Loaded only through ./code-editor (next/dynamic, ssr: false): Monaco needs a browser.
import Editor from "@monaco-editor/react";
import { useMemo, useState } from "react";
import { BASE_EDITOR_OPTIONS, commitEditorChange, monaco, type TTemplateCompletions, type TTemplateMarker, useTemplateSupport } from "@/components/editor/monaco-setup";
import { useResolvedTheme } from "@/components/shell/theme";
import { Spinner } from "@/components/ui/spinner";

let modelCount = 0;

export type TMonacoCodeEditorProps = {
  value: string;
  onChange: (value: string) => void;
  ariaLabel: string;
  /** `params.` and `context.` complete to the fields of these samples; `{{` to template variables. */
  completions?: TTemplateCompletions;
  templateProblems?: readonly TTemplateMarker[];
};

export function MonacoCodeEditor({ value, onChange, ariaLabel, completions, templateProblems }: TMonacoCodeEditorProps) {
  const [modelUri] = useState(() => `inmemory://switchyard/function-${(modelCount += 1)}.js`);
  const [editor, setEditor] = useState<monaco.editor.IStandaloneCodeEditor | null>(null);
  useTemplateSupport(modelUri, editor, completions, templateProblems);
  const theme = useResolvedTheme();
  const options = useMemo<monaco.editor.IStandaloneEditorConstructionOptions>(() => ({ ...BASE_EDITOR_OPTIONS, ariaLabel }), [ariaLabel]);
  return (
    // `nokey`: React Flow ignores key presses inside it. Monaco types through an EditContext <div> in Chromium, which
    // React Flow does not see as an input, so without it Space (pan) and Backspace (delete node) went to the canvas.
    <div className="nokey flex h-full flex-col overflow-hidden rounded-md border border-neutral-300 bg-white focus-within:border-accent-500 focus-within:ring-3 focus-within:ring-accent-500/20">
      <p className="border-b border-neutral-200 bg-neutral-50 px-2 py-1 text-xs text-neutral-500">
        Type <code>params.</code> or <code>context.</code> for fields from the test data. Tab indents; Ctrl+M (⌃⇧M on Mac) lets Tab move focus.
      </p>
      <div className="min-h-0 flex-1">
        <Editor
          path={modelUri}
          language="javascript"
          value={value}
          height="100%"
          loading={<Spinner label="Loading editor…" />}
          onChange={(next) => commitEditorChange(onChange, next)}
          onMount={setEditor}
          options={options}
          theme={theme === "dark" ? "vs-dark" : "light"}
        />
      </div>
    </div>
  );
}
