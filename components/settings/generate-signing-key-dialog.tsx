"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ApiError, apiFetch } from "@/lib/api-client/api-fetch";
import { ZGeneratedSigningKey } from "@/lib/schemas/signing-key";
import { OneTimeSecret } from "./one-time-secret";

type TProps = { projectId: string; open: boolean; onOpenChange: (open: boolean) => void; onCreated: () => void };

export function GenerateSigningKeyDialog({ projectId, open, onOpenChange, onCreated }: TProps) {
  const [name, setName] = useState("Production");
  const generate = useMutation({
    mutationFn: () => apiFetch(`/projects/${projectId}/signing-keys`, ZGeneratedSigningKey, { method: "POST", body: { name } }),
    onSuccess: onCreated,
  });
  const close = (next: boolean) => {
    onOpenChange(next);
    if (!next) generate.reset();
  };
  return (
    <Dialog open={open} onOpenChange={close}>
      <DialogContent
        dismissible={!generate.data}
        title={generate.data ? "Your private key" : "Generate an RS256 key pair"}
        description={generate.data ? "Put it in your backend's secrets; it signs your users' tokens." : "Switchyard keeps only the public key."}
      >
        {generate.data ? (
          <>
            <OneTimeSecret
              label="private key"
              value={generate.data.privateKeyPem}
              fileName={`switchyard-${generate.data.name.toLowerCase().replace(/\W+/g, "-")}.pem`}
              onDone={() => close(false)}
            />
          </>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              generate.mutate();
            }}
          >
            <Field id="signing-key-name" label="Name" error={generate.error instanceof ApiError ? generate.error.message : undefined}>
              <Input value={name} onChange={(event) => setName(event.target.value)} autoFocus maxLength={100} />
            </Field>
            <DialogFooter>
              <Button type="button" variant="secondary" onClick={() => close(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={generate.isPending} disabled={name.trim() === ""}>
                Generate
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
