"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useToast } from "@/components/ui/toast";
import { ApiError, apiFetch } from "@/lib/api-client/api-fetch";
import { ZSigningKey } from "@/lib/schemas/signing-key";

type TProps = { projectId: string; open: boolean; onOpenChange: (open: boolean) => void; onCreated: () => void };

/** A JWK is sent as an object, anything else as PEM text; the server says what is wrong with either. */
function parsePublicKey(text: string): string | Record<string, unknown> {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{")) return trimmed;
  try {
    return JSON.parse(trimmed) as Record<string, unknown>;
  } catch {
    return trimmed;
  }
}

export function UploadSigningKeyDialog({ projectId, open, onOpenChange, onCreated }: TProps) {
  const toast = useToast();
  const [name, setName] = useState("Uploaded key");
  const [text, setText] = useState("");
  const upload = useMutation({
    mutationFn: () =>
      apiFetch(`/projects/${projectId}/signing-keys/import`, ZSigningKey, { method: "POST", body: { name, publicKey: parsePublicKey(text) } }),
    onSuccess: () => {
      onCreated();
      toast({ title: "Public key added", variant: "success" });
      onOpenChange(false);
      setText("");
      upload.reset();
    },
  });
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="Upload a public key" description="For teams that sign user tokens with a key pair of their own. Paste a PEM public key or an RSA JWK.">
        <form
          className="flex flex-col gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            upload.mutate();
          }}
        >
          <Field id="upload-key-name" label="Name">
            <Input value={name} onChange={(event) => setName(event.target.value)} maxLength={100} />
          </Field>
          <Field id="upload-key-text" label="Public key" error={upload.error instanceof ApiError ? upload.error.message : undefined}>
            <Textarea
              value={text}
              onChange={(event) => setText(event.target.value)}
              rows={8}
              className="font-mono text-xs"
              placeholder={"-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----"}
            />
          </Field>
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={upload.isPending} disabled={text.trim() === "" || name.trim() === ""}>
              Add key
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
