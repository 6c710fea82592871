"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { KeySquare, Plus, Upload } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { ActionsTH, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { apiFetch } from "@/lib/api-client/api-fetch";
import { type TSigningKey, ZSigningKey, ZSigningKeyList } from "@/lib/schemas/signing-key";
import { formatDateTime } from "./format-date-time";
import { GenerateSigningKeyDialog } from "./generate-signing-key-dialog";
import { SdkSnippet } from "./sdk-snippet";
import { UploadSigningKeyDialog } from "./upload-signing-key-dialog";

export function SigningKeysCard({ projectId }: { projectId: string }) {
  const queryKey = ["projects", projectId, "signing-keys"];
  const queryClient = useQueryClient();
  const toast = useToast();
  const keys = useQuery({ queryKey, queryFn: () => apiFetch(`/projects/${projectId}/signing-keys`, ZSigningKeyList) });
  const [dialog, setDialog] = useState<"generate" | "upload" | null>(null);
  const [revoking, setRevoking] = useState<TSigningKey | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey });

  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader
          title="Signing keys"
          description="Your backend signs each user token (RS256 JWT, sub = your user's id) with a private key; Switchyard verifies it with the public key. Several keys may be active at once, so you can rotate without downtime."
          actions={
            <>
              <Button type="button" size="sm" variant="secondary" onClick={() => setDialog("upload")}>
                <Upload className="size-4" aria-hidden /> Upload public key
              </Button>
              <Button type="button" size="sm" onClick={() => setDialog("generate")}>
                <Plus className="size-4" aria-hidden /> Generate key pair
              </Button>
            </>
          }
        />
        {keys.isPending ? (
          <div className="p-6">
            <Skeleton className="h-24" />
          </div>
        ) : keys.isError ? (
          <ErrorState className="m-6" message={keys.error.message} onRetry={() => void keys.refetch()} />
        ) : keys.data.signingKeys.length === 0 ? (
          <EmptyState
            className="m-6"
            icon={<KeySquare />}
            title="No signing keys yet"
            description="Generate a key pair, or upload the public key of a pair you already have."
          />
        ) : (
          <Table>
            <THead>
              <TR>
                <TH>Name</TH>
                <TH>Fingerprint (SHA-256)</TH>
                <TH>Source</TH>
                <TH>Created</TH>
                <TH>Status</TH>
                <ActionsTH />
              </TR>
            </THead>
            <TBody>
              {keys.data.signingKeys.map((key) => (
                <TR key={key.id} data-testid={`signing-key-${key.name}`}>
                  <TD className="font-medium">{key.name}</TD>
                  <TD>
                    <code className="font-mono text-xs" title={key.fingerprint}>
                      {key.fingerprint.slice(0, 16)}…
                    </code>
                  </TD>
                  <TD>{key.source === "generated" ? "Generated here" : "Uploaded"}</TD>
                  <TD>{formatDateTime(key.createdAt)}</TD>
                  <TD>{key.revokedAt ? <Badge variant="danger">Revoked</Badge> : <Badge variant="success">Active</Badge>}</TD>
                  <TD className="text-right">
                    {!key.revokedAt && (
                      <Button type="button" variant="ghost" size="sm" onClick={() => setRevoking(key)}>
                        Revoke
                      </Button>
                    )}
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>

      <SdkSnippet projectId={projectId} />

      <GenerateSigningKeyDialog projectId={projectId} open={dialog === "generate"} onOpenChange={(open) => setDialog(open ? "generate" : null)} onCreated={refresh} />
      <UploadSigningKeyDialog projectId={projectId} open={dialog === "upload"} onOpenChange={(open) => setDialog(open ? "upload" : null)} onCreated={refresh} />
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => !open && setRevoking(null)}
        title={`Revoke “${revoking?.name}”?`}
        description="User tokens signed with this key stop working immediately. Make sure your backend already signs with another active key."
        confirmLabel="Revoke key"
        destructive
        onConfirm={async () => {
          if (!revoking) return;
          await apiFetch(`/projects/${projectId}/signing-keys/${revoking.id}/revoke`, ZSigningKey, { method: "POST" });
          await refresh();
          toast({ title: "Signing key revoked", variant: "success" });
          setRevoking(null);
        }}
      />
    </div>
  );
}
