"use client";

import { Download, TriangleAlert } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { DialogFooter } from "@/components/ui/dialog";

/**
 * A secret the server will never show again: copy it, download it, or lose it. Shown in a dialog that is not
 * dismissible (DialogContent dismissible={false}): Escape or a stray click would lose it, so the only way out
 * is "Done", once the builder has ticked that they saved it.
 */
export function OneTimeSecret({ label, value, fileName, onDone }: { label: string; value: string; fileName?: string; onDone: () => void }) {
  const [saved, setSaved] = useState(false);
  const savedId = useId();
  const download = () => {
    const url = URL.createObjectURL(new Blob([value], { type: "application/x-pem-file" }));
    const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div className="flex flex-col gap-3">
      <p className="flex items-start gap-2 rounded-md bg-warning-50 px-3 py-2 text-sm text-warning-800">
        <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
        This is the only time the {label} is shown. Switchyard does not keep it; store it somewhere safe now.
      </p>
      <pre
        className="max-h-64 overflow-auto rounded-md bg-neutral-900 p-3 font-mono text-xs break-all whitespace-pre-wrap text-neutral-50"
        data-testid="one-time-secret"
        tabIndex={0}
      >
        {value}
      </pre>
      <div className="flex gap-2">
        <CopyButton value={value} label={`Copy ${label}`} />
        {fileName && (
          <Button type="button" variant="secondary" size="sm" onClick={download}>
            <Download className="size-4" aria-hidden /> Download
          </Button>
        )}
      </div>
      <label htmlFor={savedId} className="mt-1 flex items-center gap-2 text-sm font-medium text-neutral-800">
        <input id={savedId} type="checkbox" className="size-4 accent-accent-600" checked={saved} onChange={(event) => setSaved(event.target.checked)} />
        I have saved the {label} somewhere safe
      </label>
      <DialogFooter className="mt-2">
        <Button type="button" onClick={onDone} disabled={!saved}>
          Done
        </Button>
      </DialogFooter>
    </div>
  );
}
