"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound, Plus } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { ActionsTH, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { useToast } from "@/components/ui/toast";
import { ApiError, apiFetch } from "@/lib/api-client/api-fetch";
import { type TApiKey, ZApiKey, ZApiKeyList, ZCreatedApiKey } from "@/lib/schemas/api-key";
import { formatDateTime } from "./format-date-time";
import { OneTimeSecret } from "./one-time-secret";

export function ApiKeysCard({ projectId }: { projectId: string }) {
  const queryKey = ["projects", projectId, "api-keys"];
  const queryClient = useQueryClient();
  const toast = useToast();
  const keys = useQuery({ queryKey, queryFn: () => apiFetch(`/projects/${projectId}/api-keys`, ZApiKeyList) });
  const [createOpen, setCreateOpen] = useState(false);
  const [name, setName] = useState("");
  const [revoking, setRevoking] = useState<TApiKey | null>(null);
  const create = useMutation({
    mutationFn: () => apiFetch(`/projects/${projectId}/api-keys`, ZCreatedApiKey, { method: "POST", body: { name } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey }),
  });
  const closeCreate = (open: boolean) => {
    setCreateOpen(open);
    if (!open) {
      create.reset();
      setName("");
    }
  };

  return (
    <Card>
      <CardHeader
        title="API keys"
        description="For server-to-server calls to the management API: Authorization: Bearer <key>. Keys are stored hashed."
        actions={
          <Button type="button" size="sm" onClick={() => setCreateOpen(true)}>
            <Plus className="size-4" aria-hidden /> Create API key
          </Button>
        }
      />
      {keys.isPending ? (
        <div className="p-6">
          <Skeleton className="h-24" />
        </div>
      ) : keys.isError ? (
        <ErrorState className="m-6" message={keys.error.message} onRetry={() => void keys.refetch()} />
      ) : keys.data.apiKeys.length === 0 ? (
        <EmptyState className="m-6" icon={<KeyRound />} title="No API keys yet" description="Create one to call /api/v1 from your servers or CI." />
      ) : (
        <Table>
          <THead>
            <TR>
              <TH>Name</TH>
              <TH>Key</TH>
              <TH>Created</TH>
              <TH>Last used</TH>
              <TH>Status</TH>
              <ActionsTH />
            </TR>
          </THead>
          <TBody>
            {keys.data.apiKeys.map((key) => (
              <TR key={key.id} data-testid={`api-key-${key.name}`}>
                <TD className="font-medium">{key.name}</TD>
                <TD>
                  <code className="font-mono text-xs">{key.prefix}…</code>
                </TD>
                <TD>{formatDateTime(key.createdAt)}</TD>
                <TD>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "Never"}</TD>
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

      <Dialog open={createOpen} onOpenChange={closeCreate}>
        <DialogContent dismissible={!create.data} title={create.data ? "API key created" : "Create API key"} description={create.data ? undefined : "Name it after where it will be used."}>
          {create.data ? (
            <>
              <OneTimeSecret label="API key" value={create.data.key} onDone={() => closeCreate(false)} />
            </>
          ) : (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                create.mutate();
              }}
            >
              <Field id="api-key-name" label="Name" error={create.error instanceof ApiError ? create.error.message : undefined}>
                <Input value={name} onChange={(event) => setName(event.target.value)} placeholder="production-backend" autoFocus maxLength={100} />
              </Field>
              <DialogFooter>
                <Button type="button" variant="secondary" onClick={() => closeCreate(false)}>
                  Cancel
                </Button>
                <Button type="submit" loading={create.isPending} disabled={name.trim() === ""}>
                  Create key
                </Button>
              </DialogFooter>
            </form>
          )}
        </DialogContent>
      </Dialog>

      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => !open && setRevoking(null)}
        title={`Revoke “${revoking?.name}”?`}
        description="Requests that use this key will be refused from now on. This cannot be undone."
        confirmLabel="Revoke key"
        destructive
        onConfirm={async () => {
          if (!revoking) return;
          await apiFetch(`/projects/${projectId}/api-keys/${revoking.id}/revoke`, ZApiKey, { method: "POST" });
          await queryClient.invalidateQueries({ queryKey });
          toast({ title: "API key revoked", variant: "success" });
          setRevoking(null);
        }}
      />
    </Card>
  );
}
