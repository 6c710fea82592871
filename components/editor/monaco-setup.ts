"use client";

// Monaco, bundled with the app: the loader of @monaco-editor/react would otherwise fetch it from a CDN,
// which self-hosted installs without internet access (or with a strict CSP) cannot reach. Import this
// module only from code that next/dynamic loads with ssr: false; Monaco needs a browser.
import * as monaco from "monaco-editor";
import { loader } from "@monaco-editor/react";
import { useEffect } from "react";
import { flushSync } from "react-dom";

// Specifiers as monaco-editor's package exports map them ("./*" → "./esm/vs/*"), so the bundler resolves
// them to esm/vs/language/json/json.worker.js and esm/vs/editor/editor.worker.js.
self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    if (label === "json") return new Worker(new URL("monaco-editor/language/json/json.worker.js", import.meta.url), { type: "module" });
    // JavaScript completion (Function steps) runs in the TypeScript worker.
    if (label === "typescript" || label === "javascript") {
      return new Worker(new URL("monaco-editor/language/typescript/ts.worker.js", import.meta.url), { type: "module" });
    }
    return new Worker(new URL("monaco-editor/editor/editor.worker.js", import.meta.url), { type: "module" });
  },
};
// Diagnostics stay off for JavaScript: step code is an anonymous `function (params, context) {}` expression,
// which the checker would flag as a statement.
monaco.typescript.javascriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: true });

loader.config({ monaco });

export { monaco };

/**
 * Hands an edit to the parent and renders at once. @monaco-editor/react writes its `value` prop back into the
 * model from an effect. Monaco's input events are not React events, so without this React renders a moment
 * later; keys typed in that moment (fast typing, or a heavy render such as a whole workflow's) land in the model
 * first, and the effect then writes the older text over them, moving the cursor to the end.
 */
export function commitEditorChange(onChange: (value: string) => void, next: string | undefined): void {
  flushSync(() => onChange(next ?? ""));
}

/** What every Monaco editor of the app shares; each adds its own aria label and language-specific options. */
export const BASE_EDITOR_OPTIONS: monaco.editor.IStandaloneEditorConstructionOptions = {
  automaticLayout: true,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  fontSize: 13,
  tabSize: 2,
  renderLineHighlight: "none",
  // Its menu renders outside the editor, where a modal dialog around the editor blocks the pointer.
  contextmenu: false,
  scrollbar: { alwaysConsumeMouseWheel: false },
};

// The JSON language service has one global set of schemas; each editor contributes its own, keyed by
// its model, so two editors on one page never overwrite each other's.
const schemasByModel = new Map<string, { uri: string; fileMatch: string[]; schema: unknown }>();

function applySchemas() {
  monaco.json.jsonDefaults.setDiagnosticsOptions({
    validate: true,
    // Payloads are parsed with JSON.parse, so what it refuses is an error here too.
    allowComments: false,
    comments: "error",
    trailingCommas: "error",
    enableSchemaRequest: false,
    schemaRequest: "ignore",
    schemaValidation: "warning",
    schemas: [...schemasByModel.values()],
  });
}

/** Completion and validation from `schema` for one model; returns the function that withdraws it. */
export function setModelSchema(modelUri: string, schema: unknown): () => void {
  schemasByModel.set(modelUri, { uri: `${modelUri}.schema`, fileMatch: [modelUri], schema });
  applySchemas();
  return () => {
    schemasByModel.delete(modelUri);
    applySchemas();
  };
}

applySchemas();

// ---------------------------------------------------------------------------------- template completions

export type TTemplateVariable = { path: string; type: string; preview?: string; source?: string };
export type TTemplateCompletions = {
  /** Offered after `{{`, in JSON bodies and code alike. */
  variables: readonly TTemplateVariable[];
  /** Sample values of identifiers in code (`params`, `context`): their fields are offered after a dot. */
  samples?: Readonly<Record<string, unknown>>;
};

const completionsByModel = new Map<string, TTemplateCompletions>();

/** What `{{` and `params.`/`context.` complete to in one model; returns the function that withdraws it. */
export function setModelCompletions(modelUri: string, completions: TTemplateCompletions): () => void {
  completionsByModel.set(modelUri, completions);
  return () => {
    if (completionsByModel.get(modelUri) === completions) completionsByModel.delete(modelUri);
  };
}

const OPEN_REFERENCE = /\{\{\s*([A-Za-z0-9_$.[\]"'-]*)$/;
const MEMBER_ACCESS = /\b([A-Za-z_$][\w$]*)((?:\.[A-Za-z_$][\w$]*)*)\.([A-Za-z_$][\w$]*)?$/;

function sampleType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

const completionProvider: monaco.languages.CompletionItemProvider = {
  triggerCharacters: ["{", "."],
  provideCompletionItems(model, position) {
    const completions = completionsByModel.get(model.uri.toString());
    if (!completions) return { suggestions: [] };
    const before = model.getValueInRange({ startLineNumber: position.lineNumber, startColumn: 1, endLineNumber: position.lineNumber, endColumn: position.column });
    // Code is not a template: `{{` means nothing in a Function step, so only JSON fields offer variables.
    const reference = model.getLanguageId() === "javascript" ? null : OPEN_REFERENCE.exec(before);
    if (reference) {
      const range = new monaco.Range(position.lineNumber, position.column - reference[0].length, position.lineNumber, position.column);
      const after = model.getLineContent(position.lineNumber).slice(position.column - 1);
      const closing = /^[A-Za-z0-9_$.[\]"'-]*\s*\}\}/.exec(after);
      const replace = closing ? new monaco.Range(position.lineNumber, range.startColumn, position.lineNumber, position.column + closing[0].length) : range;
      return {
        suggestions: completions.variables.map((variable, index) => ({
          label: { label: variable.path, description: variable.type, detail: variable.preview ? `  ${variable.preview}` : undefined },
          kind: monaco.languages.CompletionItemKind.Variable,
          insertText: `{{ ${variable.path} }}`,
          filterText: `{{${variable.path}`,
          sortText: String(index).padStart(4, "0"),
          documentation: variable.source,
          range: replace,
        })),
      };
    }
    const member = completions.samples ? MEMBER_ACCESS.exec(before) : null;
    if (!member || !completions.samples || !(member[1] in completions.samples)) return { suggestions: [] };
    let value: unknown = completions.samples[member[1]];
    for (const key of member[2].split(".").filter(Boolean)) {
      value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) return { suggestions: [] };
    const partial = member[3] ?? "";
    const range = new monaco.Range(position.lineNumber, position.column - partial.length, position.lineNumber, position.column);
    return {
      suggestions: Object.entries(value).map(([key, child]) => ({
        label: { label: key, description: sampleType(child) },
        kind: monaco.languages.CompletionItemKind.Field,
        insertText: /^[A-Za-z_$][\w$]*$/.test(key) ? key : `[${JSON.stringify(key)}]`,
        range,
      })),
    };
  },
};

monaco.languages.registerCompletionItemProvider("json", completionProvider);
monaco.languages.registerCompletionItemProvider("javascript", completionProvider);

export type TTemplateMarker = { start: number; end: number; message: string };

/** Template completions for the editor's model and underlines for its bad references, kept up to date. */
export function useTemplateSupport(
  modelUri: string,
  editor: monaco.editor.IStandaloneCodeEditor | null,
  completions: TTemplateCompletions | undefined,
  problems: readonly TTemplateMarker[] | undefined,
): void {
  useEffect(() => (completions ? setModelCompletions(modelUri, completions) : undefined), [modelUri, completions]);
  useEffect(() => {
    const model = editor?.getModel();
    if (model && problems) setTemplateMarkers(model, problems);
  }, [editor, problems]);
}

/** Wavy underlines for template references that cannot resolve (offsets into the model's text). */
export function setTemplateMarkers(model: monaco.editor.ITextModel, problems: readonly TTemplateMarker[]): void {
  monaco.editor.setModelMarkers(
    model,
    "switchyard-templates",
    problems.map((problem) => {
      const start = model.getPositionAt(problem.start);
      const end = model.getPositionAt(problem.end);
      return {
        startLineNumber: start.lineNumber,
        startColumn: start.column,
        endLineNumber: end.lineNumber,
        endColumn: end.column,
        message: problem.message,
        severity: monaco.MarkerSeverity.Warning,
      };
    }),
  );
}
