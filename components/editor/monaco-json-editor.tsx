"use client";

import Editor from "@monaco-editor/react";
import { WandSparkles } from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import { useResolvedTheme } from "@/components/shell/theme";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { TJsonEditorProps } from "./json-editor";
import { BASE_EDITOR_OPTIONS, commitEditorChange, monaco, setModelSchema, useTemplateSupport } from "./monaco-setup";

let modelCount = 0;

export function MonacoJsonEditor({ value, onChange, schema, ariaLabel, readOnly = false, onValidate, completions, templateProblems }: Omit<TJsonEditorProps, "height">) {
  // Each editor has its own model, which is what a schema is attached to.
  const [modelUri] = useState(() => `inmemory://switchyard/json-${(modelCount += 1)}.json`);
  const [editor, setEditor] = useState<monaco.editor.IStandaloneCodeEditor | null>(null);
  // By content, so a parent that builds the schema object on every render does not re-validate each time.
  const schemaText = schema === undefined ? null : JSON.stringify(schema);

  useEffect(() => (schemaText === null ? undefined : setModelSchema(modelUri, JSON.parse(schemaText))), [modelUri, schemaText]);
  useTemplateSupport(modelUri, editor, completions, templateProblems);
  const theme = useResolvedTheme();

  // Stable, because the wrapper pushes options into the editor whenever this object changes.
  const options = useMemo<monaco.editor.IStandaloneEditorConstructionOptions>(
    () => ({ ...BASE_EDITOR_OPTIONS, ariaLabel, readOnly, wordWrap: "on", formatOnPaste: true }),
    [ariaLabel, readOnly],
  );

  return (
    // `nokey`: React Flow ignores key presses inside it. Monaco types through an EditContext <div> in Chromium, which
    // React Flow does not see as an input, so without it Space (pan) and Backspace (delete node) went to the canvas.
    <div className="nokey flex h-full flex-col overflow-hidden rounded-md border border-neutral-300 bg-white focus-within:border-accent-500 focus-within:ring-3 focus-within:ring-accent-500/20">
      {!readOnly && (
        <div className="flex items-center justify-between gap-2 border-b border-neutral-200 bg-neutral-50 px-2 py-1">
          <span className="truncate text-xs text-neutral-500">Tab indents; Ctrl+M (⌃⇧M on Mac) lets Tab move focus.</span>
          <Button
            type="button"
            variant="ghost"
            size="sm"
            title="Format document (Shift+Alt+F)"
            onClick={() => void editor?.getAction("editor.action.formatDocument")?.run()}
          >
            <WandSparkles aria-hidden="true" /> Format
          </Button>
        </div>
      )}
      <div className="min-h-0 flex-1">
        <Editor
          path={modelUri}
          language="json"
          value={value}
          height="100%"
          loading={<Spinner label="Loading editor…" />}
          onChange={(next) => commitEditorChange(onChange, next)}
          onMount={setEditor}
          onValidate={(markers) =>
            onValidate?.(
              markers
                .filter((marker) => marker.severity >= monaco.MarkerSeverity.Warning)
                .map((marker) => ({
                  line: marker.startLineNumber,
                  column: marker.startColumn,
                  message: marker.message,
                  severity: marker.severity === monaco.MarkerSeverity.Error ? "error" : "warning",
                })),
            )
          }
          options={options}
          theme={theme === "dark" ? "vs-dark" : "light"}
        />
      </div>
    </div>
  );
}
