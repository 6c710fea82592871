"use client";

// How an endpoint's deliveries are checked and find their user: where the user's id in the provider's system
// is read from (matched against each user's metadata providerIds), Salesforce's organization id, and a custom
// webhook's verification. Saved together, for every workflow on the endpoint.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { apiFetch } from "@/lib/api-client/api-fetch";
import { type TWebhookEndpoint, type TWebhookRouting, ZWebhookEndpoint } from "@/lib/schemas/webhook-endpoint";
import { type TCustomWebhookOptions, WEBHOOK_PRESETS } from "@/lib/schemas/webhook-presets";
import { CustomVerificationFields, DEFAULT_CUSTOM_OPTIONS } from "./custom-verification-fields";
import { Select } from "./controls";

export function WebhookRoutingFields({ projectId, endpoint }: { projectId: string; endpoint: TWebhookEndpoint }) {
  const queryClient = useQueryClient();
  const [routing, setRouting] = useState<TWebhookRouting | null>(endpoint.routing);
  const [organizationId, setOrganizationId] = useState(endpoint.salesforceOrganizationId ?? "");
  const [custom, setCustom] = useState<TCustomWebhookOptions>(endpoint.custom ?? DEFAULT_CUSTOM_OPTIONS);
  const [saved, setSaved] = useState(false);
  const preset = endpoint.integration === "custom" ? null : WEBHOOK_PRESETS[endpoint.integration];
  const provider = endpoint.integration === "custom" ? `custom:${endpoint.name}` : endpoint.integration;
  const save = useMutation({
    mutationFn: () =>
      apiFetch(`/projects/${projectId}/webhook-endpoints/${endpoint.id}`, ZWebhookEndpoint, {
        method: "PATCH",
        body: {
          routing: routing && routing.path.trim() ? routing : null,
          ...(endpoint.integration === "salesforce" ? { salesforceOrganizationId: organizationId.trim() || null } : {}),
          ...(endpoint.integration === "custom" ? { custom } : {}),
        },
      }),
    onSuccess: async () => {
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: ["projects", projectId, "webhook-endpoints"] });
    },
  });
  const change = <T,>(set: (value: T) => void) => (value: T) => {
    setSaved(false);
    set(value);
  };
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      {endpoint.integration === "custom" && <CustomVerificationFields value={custom} onChange={change(setCustom)} />}
      {endpoint.integration === "salesforce" && (
        <Field id="webhook-salesforce-org" label="Salesforce organization id" hint="Messages from any other organization are refused (Outbound Messages carry no signature).">
          <Input value={organizationId} placeholder="00D5e000000Hk9XEAS" className="font-mono text-xs" onChange={(event) => change(setOrganizationId)(event.target.value)} />
        </Field>
      )}
      <div className="flex flex-col gap-1.5">
        <p className="text-sm font-medium text-neutral-800">Route deliveries to users by</p>
        <div className="flex gap-2">
          <Select
            aria-label="Where the user's id is"
            value={routing ? routing.from : "none"}
            options={[{ value: "none", label: "Nothing (unrouted)" }, { value: "body", label: "A JSON path" }, { value: "header", label: "A header" }]}
            onChange={(from) => change(setRouting)(from === "none" ? null : { from, path: routing?.path ?? "" })}
          />
          {routing && (
            <Input
              aria-label={routing.from === "header" ? "Header name" : "JSON path"}
              value={routing.path}
              placeholder={routing.from === "header" ? "X-Account-Id" : "account.id"}
              className="font-mono text-xs"
              onChange={(event) => change(setRouting)({ ...routing, path: event.target.value })}
            />
          )}
        </div>
        {preset && preset.userIdSuggestions.length > 0 && (
          <div className="flex flex-wrap items-center gap-1.5 text-xs text-neutral-600">
            Suggested:
            {preset.userIdSuggestions.map((suggestion) => (
              <Button key={`${suggestion.from}:${suggestion.path}`} type="button" variant="ghost" size="sm" onClick={() => change(setRouting)({ from: suggestion.from, path: suggestion.path })}>
                {suggestion.label} <code className="text-neutral-500">{suggestion.path}</code>
              </Button>
            ))}
          </div>
        )}
        <p className="text-xs text-neutral-500">
          A delivery goes to the user whose <code>providerIds.{provider}</code> equals that value: set it with{" "}
          <code>switchyard.setUserMetadata({`{ providerIds: { "${provider}": "…" } }`})</code> or <code>PATCH /api/v1/projects/…/users/&#123;userId&#125;</code>.
          Deliveries matching no user are kept in the Event Log as unrouted.
        </p>
      </div>
      {save.isError && <p role="alert" className="text-sm text-danger-700">{save.error.message}</p>}
      <div className="flex items-center gap-2">
        <Button type="submit" size="sm" variant="secondary" disabled={save.isPending}>
          {save.isPending && <Spinner />} Save endpoint settings
        </Button>
        {saved && <span role="status" className="text-xs text-success-700">Saved</span>}
      </div>
    </form>
  );
}
