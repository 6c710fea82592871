"use client";

// Export the workflow as a portable `.switchyard.json` document, and import such a document as a new workflow.
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useToast } from "@/components/ui/toast";
import { ApiError, apiFetch } from "@/lib/api-client/api-fetch";
import { ZWorkflow, ZWorkflowExport } from "@/lib/schemas/workflow-api";

/** A file name from the workflow name: no path separators or characters that file systems refuse. */
export function exportFileName(name: string): string {
  const safe = name
    .trim()
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, "-")
    .replace(/\s+/g, " ")
    .replace(/^\.+/, "")
    .slice(0, 100);
  return `${safe || "workflow"}.switchyard.json`;
}

/** The server's error message, with the validation details it lists (path: message), when there are any. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return "Unknown error";
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return error.message;
  const lines = (error.details as unknown[]).slice(0, 5).flatMap((detail) => {
    if (typeof detail !== "object" || detail === null) return [];
    const { path, message } = detail as { path?: unknown; message?: unknown };
    if (typeof message !== "string") return [];
    return [typeof path === "string" && path ? `${path}: ${message}` : message];
  });
  return lines.length > 0 ? `${error.message} — ${lines.join("; ")}` : error.message;
}

export function useExportImport({ projectId, workflowId, flush }: { projectId: string; workflowId: string; flush: () => Promise<boolean> }) {
  const toast = useToast();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [exporting, setExporting] = useState(false);
  const [importing, setImporting] = useState(false);

  async function exportWorkflow() {
    setExporting(true);
    try {
      // The export is the saved draft, so save what is on screen first.
      if (!(await flush())) {
        toast({ variant: "error", title: "Export failed", description: "The draft could not be saved, so the export would miss your latest edits (see the save status)." });
        return;
      }
      const document = await apiFetch(`/projects/${projectId}/workflows/${workflowId}/export`, ZWorkflowExport);
      const blob = new Blob([`${JSON.stringify(document, null, 2)}\n`], { type: "application/json" });
      const url = URL.createObjectURL(blob);
      const link = window.document.createElement("a");
      link.href = url;
      link.download = exportFileName(document.name);
      window.document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 0);
      toast({ variant: "success", title: "Workflow exported", description: link.download });
    } catch (error) {
      toast({ variant: "error", title: "Export failed", description: describeError(error) });
    } finally {
      setExporting(false);
    }
  }

  async function importWorkflow(file: File) {
    setImporting(true);
    try {
      let document: unknown;
      try {
        document = JSON.parse(await file.text());
      } catch {
        toast({ variant: "error", title: "Import failed", description: `${file.name} is not valid JSON.` });
        return;
      }
      const created = await apiFetch(`/projects/${projectId}/workflows/import`, ZWorkflow, { method: "POST", body: document });
      await queryClient.invalidateQueries({ queryKey: ["projects", projectId, "workflows"], exact: true });
      toast({ variant: "success", title: "Workflow imported", description: `Opened “${created.name}”.` });
      router.push(`/${projectId}/workflows/${created.id}`);
    } catch (error) {
      toast({ variant: "error", title: "Import refused", description: describeError(error) });
    } finally {
      setImporting(false);
    }
  }

  return { exporting, importing, exportWorkflow, importWorkflow };
}
