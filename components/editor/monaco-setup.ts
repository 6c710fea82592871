"use client";

// Monaco, bundled with the app: the loader of @monaco-editor/react would otherwise fetch it from a CDN,
// which self-hosted installs without internet access (or with a strict CSP) cannot reach. Import this
// module only from code that next/dynamic loads with ssr: false; Monaco needs a browser.
import * as monaco from "monaco-editor";
import { loader } from "@monaco-editor/react";

// Specifiers as monaco-editor's package exports map them ("./*" → "./esm/vs/*"), so the bundler resolves
// them to esm/vs/language/json/json.worker.js and esm/vs/editor/editor.worker.js.
self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    if (label === "json") return new Worker(new URL("monaco-editor/language/json/json.worker.js", import.meta.url), { type: "module" });
    return new Worker(new URL("monaco-editor/editor/editor.worker.js", import.meta.url), { type: "module" });
  },
};

loader.config({ monaco });

export { monaco };

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
