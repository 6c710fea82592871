"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { BellRing, MoreHorizontal, Plus, Send } from "lucide-react";
import { useState } from "react";
import { z } from "zod";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogContent, DialogFooter } from "@/components/ui/dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { ActionsTH, Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { type ToastOptions, useToast } from "@/components/ui/toast";
import { ApiError, apiFetch } from "@/lib/api-client/api-fetch";
import {
  DELIVERY_TIMEOUT_SECONDS,
  DESTINATION_FAILURE_LIMIT,
  type TDeliveryOutcome,
  type TDestination,
  type TDestinationList,
  type TTestDeliveryResult,
  type TUpdateDestinationRequest,
  ZCreatedDestination,
  ZDestination,
  ZDestinationList,
  ZTestDeliveryResult,
} from "@/lib/schemas/destination";
import { formatDateTime } from "./format-date-time";
import { OneTimeSecret } from "./one-time-secret";

export function DestinationsCard({ projectId }: { projectId: string }) {
  const queryKey = ["projects", projectId, "destinations"];
  const base = `/projects/${projectId}/destinations`;
  const queryClient = useQueryClient();
  const toast = useToast();
  const destinations = useQuery({ queryKey, queryFn: () => apiFetch(base, ZDestinationList) });
  const [editing, setEditing] = useState<TDestination | "new" | null>(null);
  const [deleting, setDeleting] = useState<TDestination | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey });

  const update = useMutation({
    mutationFn: ({ id, body }: { id: string; body: TUpdateDestinationRequest }) =>
      apiFetch(`${base}/${id}`, ZDestination, { method: "PATCH", body }),
    onSuccess: (destination) => {
      void refresh();
      toast({ title: destination.enabled ? `“${destination.name}” is active` : `“${destination.name}” is paused`, variant: "success" });
    },
    onError: (error) => toast({ title: "Could not change the destination", description: error.message, variant: "error" }),
  });
  const sendTest = useMutation({
    mutationFn: (destination: TDestination) => apiFetch(`${base}/${destination.id}/test`, ZTestDeliveryResult, { method: "POST" }),
    onSuccess: (result, destination) => {
      // The answer holds the destination with this test as its last delivery, so the row shows it at once.
      queryClient.setQueryData<TDestinationList>(queryKey, (list) =>
        list && { destinations: list.destinations.map((row) => (row.id === result.destination.id ? result.destination : row)) },
      );
      toast(testDeliveryToast(result, destination.name));
    },
    onError: (error) => toast({ title: "Could not send the test", description: error.message, variant: "error" }),
  });

  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader
          title="Failure notifications"
          description="When a run fails for good, Switchyard POSTs a signed JSON event to every active destination."
          actions={
            <Button type="button" size="sm" onClick={() => setEditing("new")}>
              <Plus className="size-4" aria-hidden /> Add destination
            </Button>
          }
        />
        {destinations.isPending ? (
          <div className="p-6">
            <Skeleton className="h-24" />
          </div>
        ) : destinations.isError ? (
          <ErrorState className="m-6" message={destinations.error.message} onRetry={() => void destinations.refetch()} />
        ) : destinations.data.destinations.length === 0 ? (
          <EmptyState className="m-6" icon={<BellRing />} title="No destinations yet" description="Add an HTTPS endpoint (your alerting, Slack relay or on-call tool) to hear about failed runs." />
        ) : (
          <Table>
            <THead>
              <TR>
                <TH>Name</TH>
                <TH>URL</TH>
                <TH>Status</TH>
                <TH>Last delivery</TH>
                <ActionsTH />
              </TR>
            </THead>
            <TBody>
              {destinations.data.destinations.map((destination) => (
                <TR key={destination.id} data-testid={`destination-${destination.name}`}>
                  <TD className="font-medium">{destination.name}</TD>
                  <TD className="max-w-64">
                    <code className="block truncate font-mono text-xs" title={destination.url}>{destination.url}</code>
                  </TD>
                  <TD>
                    <DestinationStatus
                      destination={destination}
                      reEnabling={update.isPending && update.variables?.id === destination.id}
                      onReEnable={() => update.mutate({ id: destination.id, body: { enabled: true } })}
                    />
                  </TD>
                  <TD>
                    <LastDelivery destination={destination} />
                  </TD>
                  <TD className="text-right whitespace-nowrap">
                    <Button
                      type="button" variant="ghost" size="sm"
                      loading={sendTest.isPending && sendTest.variables?.id === destination.id}
                      onClick={() => sendTest.mutate(destination)}
                    >
                      <Send className="size-4" aria-hidden /> Send test
                    </Button>
                    <DropdownMenu>
                      <DropdownMenuTrigger asChild>
                        <Button type="button" variant="ghost" size="sm" aria-label={`More actions for ${destination.name}`}>
                          <MoreHorizontal className="size-4" aria-hidden />
                        </Button>
                      </DropdownMenuTrigger>
                      <DropdownMenuContent>
                        <DropdownMenuItem onSelect={() => setEditing(destination)}>Edit</DropdownMenuItem>
                        <DropdownMenuItem onSelect={() => update.mutate({ id: destination.id, body: { enabled: !destination.enabled } })}>
                          {destination.enabled ? "Pause" : "Re-enable"}
                        </DropdownMenuItem>
                        <DropdownMenuItem destructive onSelect={() => setDeleting(destination)}>
                          Delete
                        </DropdownMenuItem>
                      </DropdownMenuContent>
                    </DropdownMenu>
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>

      <VerifyingDeliveries />

      <DestinationDialog
        key={editing === null ? "closed" : editing === "new" ? "new" : editing.id}
        projectId={projectId}
        destination={editing}
        onClose={() => setEditing(null)}
        onSaved={() => void refresh()}
      />

      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={`Delete “${deleting?.name}”?`}
        description="Failed runs will no longer be reported there, including deliveries already queued. This cannot be undone."
        confirmLabel="Delete destination"
        destructive
        onConfirm={async () => {
          if (!deleting) return;
          await apiFetch(`${base}/${deleting.id}`, z.null(), { method: "DELETE" });
          await refresh();
          toast({ title: "Destination deleted", variant: "success" });
          setDeleting(null);
        }}
      />
    </div>
  );
}

function DestinationStatus({ destination, reEnabling, onReEnable }: { destination: TDestination; reEnabling: boolean; onReEnable: () => void }) {
  if (destination.enabled) {
    return (
      <div className="flex flex-col items-start gap-1">
        <Badge variant="success">Active</Badge>
        {destination.consecutiveFailures > 0 && (
          <span className="text-xs text-warning-800">
            {destination.consecutiveFailures} of {DESTINATION_FAILURE_LIMIT} failed in a row
          </span>
        )}
      </div>
    );
  }
  if (!destination.disabledAt) return <Badge variant="neutral">Paused</Badge>;
  return (
    <div className="flex flex-col items-start gap-1.5 rounded-md border border-danger-200 bg-danger-50 px-2.5 py-2 text-xs text-danger-800" role="status">
      <span className="font-medium">Switched off after {DESTINATION_FAILURE_LIMIT} failed deliveries</span>
      <span>{formatDateTime(destination.disabledAt)}</span>
      <Button type="button" size="sm" variant="secondary" loading={reEnabling} onClick={onReEnable}>
        Re-enable
      </Button>
    </div>
  );
}

function LastDelivery({ destination }: { destination: TDestination }) {
  if (!destination.lastDeliveryAt || destination.lastStatus === null) return <span className="text-neutral-500">Never</span>;
  const ok = destination.lastStatus >= 200 && destination.lastStatus < 300;
  return (
    <div className="flex flex-col items-start gap-1">
      <Badge variant={ok ? "success" : "danger"}>{destination.lastStatus === 0 ? "No answer" : `HTTP ${destination.lastStatus}`}</Badge>
      <span className="text-xs text-neutral-500">{formatDateTime(destination.lastDeliveryAt)}</span>
    </div>
  );
}

const FAILED_TEST_TITLE: Record<Exclude<TDeliveryOutcome, "answered">, string> = {
  refused: "refused by the network guard",
  dns_failure: "DNS lookup failed",
  connection_refused: "connection refused",
  tls_error: "TLS error",
  timeout: `timed out after ${DELIVERY_TIMEOUT_SECONDS} s`,
  network_error: "network error",
};

/** The toast for a test delivery: what happened, and the server's sentence saying exactly why. */
export function testDeliveryToast(result: TTestDeliveryResult, name: string): ToastOptions {
  if (result.outcome !== "answered") return { title: `Test failed: ${FAILED_TEST_TITLE[result.outcome]}`, description: result.message, variant: "error" };
  if (result.status >= 200 && result.status < 300) return { title: `Test delivered: ${name} answered ${result.status}`, variant: "success" };
  return { title: `Test failed: ${name} answered ${result.status}`, description: "Only 2xx answers count as delivered.", variant: "error" };
}

/**
 * Field path → message from a 422, or from a 400 that names its field (a URL the network guard refuses),
 * so each input shows its own error.
 */
function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || (error.code !== "validation_failed" && error.code !== "bad_request")) return {};
  const issues = z.array(z.object({ path: z.string(), message: z.string() })).safeParse(error.details);
  return issues.success ? Object.fromEntries(issues.data.map((issue) => [issue.path, issue.message])) : {};
}

function DestinationDialog(props: {
  projectId: string;
  destination: TDestination | "new" | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const existing = props.destination !== null && props.destination !== "new" ? props.destination : null;
  const [name, setName] = useState(existing?.name ?? "");
  const [url, setUrl] = useState(existing?.url ?? "");
  const save = useMutation({
    // Only a new destination has something to show afterwards: its secret.
    mutationFn: async () => {
      if (!existing) return apiFetch(`/projects/${props.projectId}/destinations`, ZCreatedDestination, { method: "POST", body: { name, url } });
      await apiFetch(`/projects/${props.projectId}/destinations/${existing.id}`, ZDestination, { method: "PATCH", body: { name, url } });
      return null;
    },
    onSuccess: () => {
      props.onSaved();
      if (existing) props.onClose();
    },
  });
  const created = save.data ?? null;
  const errors = fieldErrors(save.error);
  const formError = save.error && Object.keys(errors).length === 0 ? save.error.message : undefined;

  return (
    <Dialog open={props.destination !== null} onOpenChange={(open) => !open && props.onClose()}>
      <DialogContent
        dismissible={!created}
        title={created ? "Destination added" : existing ? "Edit destination" : "Add destination"}
        description={created ? "Use this secret to verify that deliveries come from Switchyard." : "Switchyard POSTs to this URL when a run fails for good."}
      >
        {created ? (
          <>
            <OneTimeSecret label="signing secret" value={created.secret} onDone={props.onClose} />
          </>
        ) : (
          <form
            className="flex flex-col gap-4"
            onSubmit={(event) => {
              event.preventDefault();
              save.mutate();
            }}
          >
            <Field id="destination-name" label="Name" error={errors.name}>
              <Input value={name} onChange={(event) => setName(event.target.value)} placeholder="On-call alerts" autoFocus maxLength={100} />
            </Field>
            <Field id="destination-url" label="URL" hint="http:// or https://. Deliveries to private or loopback addresses are refused." error={errors.url}>
              <Input value={url} onChange={(event) => setUrl(event.target.value)} placeholder="https://hooks.example.com/switchyard" inputMode="url" spellCheck={false} maxLength={2000} />
            </Field>
            {formError && (
              <p role="alert" className="rounded-md border border-danger-200 bg-danger-50 px-3 py-2 text-sm text-danger-800">
                {formError}
              </p>
            )}
            <DialogFooter>
              <Button type="button" variant="secondary" onClick={props.onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={save.isPending} disabled={name.trim() === "" || url.trim() === ""}>
                {existing ? "Save" : "Add destination"}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

const VERIFY_SNIPPET = `import { createHmac, timingSafeEqual } from "node:crypto";

// rawBody: the request body exactly as received (before JSON parsing)
function verify(rawBody, header, secret /* whsec_… */) {
  const { t, v1 } = Object.fromEntries(header.split(",").map((part) => part.split("=")));
  const expected = createHmac("sha256", secret).update(\`\${t}.\${rawBody}\`).digest("hex");
  const fresh = Math.abs(Date.now() / 1000 - Number(t)) < 300;
  return fresh && v1?.length === expected.length && timingSafeEqual(Buffer.from(v1), Buffer.from(expected));
}`;

function VerifyingDeliveries() {
  return (
    <Card>
      <CardHeader
        title="Payload and signature"
        description={
          <>
            Each delivery is a POST with a JSON body <code className="font-mono text-xs">{`{ type: "run.failed", projectId, run: { id, status, error, triggerType, workflow: { id, name, version }, userId, createdAt, finishedAt } }`}</code>
            {" "}(“Send test” sends <code className="font-mono text-xs">{`{ type: "test" }`}</code>). The{" "}
            <code className="font-mono text-xs">Switchyard-Signature: t=…,v1=…</code> header holds the send time in Unix seconds and the hex
            HMAC-SHA256 of <code className="font-mono text-xs">{"<t>.<raw body>"}</code>, keyed with the destination’s whole signing secret.
            Answer with any 2xx within 10 seconds; after {DESTINATION_FAILURE_LIMIT} other answers in a row the destination is switched off.
          </>
        }
        actions={<CopyButton value={VERIFY_SNIPPET} label="Copy snippet" />}
      />
      <CardBody>
        <pre className="overflow-x-auto rounded-md bg-neutral-900 p-4 font-mono text-xs leading-relaxed text-neutral-50">{VERIFY_SNIPPET}</pre>
      </CardBody>
    </Card>
  );
}
