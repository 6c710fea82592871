"use client";

// The endpoint a webhook trigger's deliveries arrive at: created on demand (one per project and integration, or
// per custom webhook name), its URL and secret to copy into the provider, secret rotation with a grace period,
// how deliveries find their user, and "Listen for test event", which captures the next delivery as test data.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Ear, KeyRound, Link2, RotateCw } from "lucide-react";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useToast } from "@/components/ui/toast";
import { apiFetch } from "@/lib/api-client/api-fetch";
import { type TWebhookEndpoint, ZWebhookEndpoint, ZWebhookEndpointList, ZWebhookSecrets } from "@/lib/schemas/webhook-endpoint";
import { type TWebhookIntegration, WEBHOOK_PRESETS } from "@/lib/schemas/webhook-presets";
import { useListenForDelivery } from "../use-listen-for-delivery";
import { RotateSecretDialog } from "./rotate-secret-dialog";
import { WebhookRoutingFields } from "./webhook-routing-fields";

export const endpointsKey = (projectId: string) => ["projects", projectId, "webhook-endpoints"] as const;

export function WebhookEndpointCard({ projectId, integration, name, onTestData }: {
  projectId: string;
  integration: TWebhookIntegration;
  name: string;
  onTestData: (payload: unknown) => void;
}) {
  const queryClient = useQueryClient();
  const endpoints = useQuery({ queryKey: endpointsKey(projectId), queryFn: () => apiFetch(`/projects/${projectId}/webhook-endpoints`, ZWebhookEndpointList) });
  const endpoint = endpoints.data?.endpoints.find((candidate) => candidate.integration === integration && candidate.name === (integration === "custom" ? name : ""));
  const create = useMutation({
    mutationFn: () =>
      apiFetch(`/projects/${projectId}/webhook-endpoints`, ZWebhookEndpoint, {
        method: "POST",
        body: integration === "custom" ? { integration, name, custom: { verification: { mode: "hmac", header: "X-Signature" } } } : { integration },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: endpointsKey(projectId) }),
  });

  if (endpoints.isPending) {
    return (
      <div className="flex items-center gap-2 text-sm text-neutral-500">
        <Spinner /> Loading the endpoint…
      </div>
    );
  }
  if (endpoints.isError) return <p role="alert" className="text-sm text-danger-700">Could not load the endpoints: {endpoints.error.message}</p>;
  if (!endpoint) {
    return (
      <div className="flex flex-col gap-2 rounded-md border border-dashed border-neutral-300 p-3">
        <p className="text-sm text-neutral-700">
          Deliveries need an endpoint URL{integration === "custom" ? ` for “${name}”` : ` for ${WEBHOOK_PRESETS[integration].label}`}. Every workflow on it shares it.
        </p>
        {create.isError && <p role="alert" className="text-sm text-danger-700">{create.error.message}</p>}
        <Button type="button" size="sm" className="self-start" disabled={create.isPending} onClick={() => create.mutate()}>
          {create.isPending ? <Spinner /> : <Link2 aria-hidden />} Create endpoint URL
        </Button>
      </div>
    );
  }
  return <EndpointDetails projectId={projectId} endpoint={endpoint} onTestData={onTestData} />;
}

function EndpointDetails({ projectId, endpoint, onTestData }: { projectId: string; endpoint: TWebhookEndpoint; onTestData: (payload: unknown) => void }) {
  const toast = useToast();
  const [secret, setSecret] = useState<string | null>(null);
  const [rotating, setRotating] = useState(false);
  const reveal = useMutation({
    mutationFn: () => apiFetch(`/projects/${projectId}/webhook-endpoints/${endpoint.id}/secret`, ZWebhookSecrets),
    onSuccess: (secrets) => setSecret(secrets.secret),
  });
  const listening = useListenForDelivery({
    projectId,
    endpointId: endpoint.id,
    onDelivery: (delivery) => {
      onTestData(delivery.payload);
      toast({ variant: "success", title: "Test event captured", description: "Its payload is now the trigger's test data; the variable picker shows its fields." });
    },
  });
  const preset = endpoint.integration === "custom" ? null : WEBHOOK_PRESETS[endpoint.integration];
  const { state } = listening;
  return (
    <div className="flex flex-col gap-3 rounded-md border border-neutral-200 bg-neutral-50 p-3">
      <div className="flex flex-col gap-1.5">
        <p className="text-sm font-medium text-neutral-800">Endpoint URL</p>
        <div className="flex items-center gap-1.5">
          <Input readOnly aria-label="Endpoint URL" value={endpoint.url} className="font-mono text-xs" onFocus={(event) => event.target.select()} />
          <CopyButton value={endpoint.url} iconOnly label="Copy the endpoint URL" />
        </div>
        <p className="text-xs text-neutral-500">Paste it into {preset ? `${preset.label}'s webhook settings` : "the service's webhook settings"}.</p>
      </div>
      {endpoint.integration !== "salesforce" && (endpoint.integration !== "custom" || endpoint.custom?.verification.mode !== "none") && (
        <div className="flex flex-col gap-1.5">
          <p className="text-sm font-medium text-neutral-800">{preset?.secretLabel ?? "Secret"}</p>
          <div className="flex items-center gap-1.5">
            <Input
              readOnly
              aria-label="Secret"
              value={secret ?? (endpoint.secretHint ? `••••••••${endpoint.secretHint}` : "No secret yet")}
              className="font-mono text-xs"
            />
            {secret ? (
              <CopyButton value={secret} iconOnly label="Copy the secret" />
            ) : (
              <Button type="button" variant="secondary" size="sm" disabled={reveal.isPending} onClick={() => reveal.mutate()}>
                {reveal.isPending ? <Spinner /> : <KeyRound aria-hidden />} Reveal
              </Button>
            )}
            <Button type="button" variant="secondary" size="sm" onClick={() => setRotating(true)}>
              <RotateCw aria-hidden /> Rotate…
            </Button>
          </div>
          {reveal.isError && <p role="alert" className="text-xs text-danger-700">{reveal.error.message}</p>}
          {endpoint.previousSecretExpiresAt && (
            <p className="text-xs text-neutral-600">The previous secret is still accepted until {new Date(endpoint.previousSecretExpiresAt).toLocaleString()}.</p>
          )}
          <p className="text-xs text-neutral-500">
            {preset && ["stripe", "slack", "shopify", "hubspot", "intercom", "zendesk", "linear", "twilio"].includes(endpoint.integration)
              ? `${preset.label} makes this secret: use Rotate… to paste it.`
              : "Paste this secret where the service asks for one, or use Rotate… to paste the service's."}
          </p>
        </div>
      )}
      <WebhookRoutingFields projectId={projectId} endpoint={endpoint} />
      <div className="flex flex-col gap-1.5 border-t border-neutral-200 pt-3">
        <div className="flex flex-wrap items-center gap-2">
          {state.phase === "listening" ? (
            <>
              <Badge variant="accent">
                <Spinner /> Listening… {Math.floor(state.secondsLeft / 60)}:{String(state.secondsLeft % 60).padStart(2, "0")}
              </Badge>
              <Button type="button" variant="ghost" size="sm" onClick={listening.cancel}>
                Cancel
              </Button>
            </>
          ) : (
            <Button type="button" variant="secondary" size="sm" onClick={listening.listen}>
              <Ear aria-hidden /> Listen for test event
            </Button>
          )}
        </div>
        <p role="status" className="text-xs text-neutral-600">
          {state.phase === "idle" && "Send a test delivery from the service while listening: it becomes this trigger's test data."}
          {state.phase === "listening" && "Waiting for the next delivery to this endpoint…"}
          {state.phase === "received" &&
            `Captured “${state.delivery.name}” (${state.delivery.webhook?.status ?? "received"}) at ${new Date(state.delivery.receivedAt).toLocaleTimeString()}.`}
          {state.phase === "timed_out" && "No delivery arrived in time. Check the URL in the service's settings, then listen again."}
          {state.phase === "failed" && `Listening stopped: ${state.message}`}
        </p>
      </div>
      <RotateSecretDialog projectId={projectId} endpoint={endpoint} open={rotating} onOpenChange={setRotating} onRotated={() => setSecret(null)} />
    </div>
  );
}
