"use client";

import { X } from "lucide-react";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { controlClasses } from "@/components/ui/input";
import { TextFilter } from "@/components/ui/text-filter";
import { Label } from "@/components/ui/label";
import { DELIVERY_STATUSES, type TDeliveryStatus } from "@/lib/schemas/webhook-endpoint";
import { WEBHOOK_INTEGRATIONS, type TWebhookIntegration } from "@/lib/schemas/webhook-presets";
import {
  hasEventFilters,
  isAppEventSource,
  isWebhookScoped,
  type TEventFilters,
  type TEventSource,
  type TStartedRunsFilter,
} from "./event-filter-params";
import { DELIVERY_STATUS_OPTIONS, integrationLabel } from "./event-format";

const selectClasses = cn(controlClasses, "h-9 py-1.5");

type TEventFiltersProps = {
  filters: TEventFilters;
  /** Applied to the filters in the URL at the time, so quick successive changes all stick. */
  onChange: (patch: Partial<TEventFilters>) => void;
  onClear: () => void;
  /** Event names to suggest: the project's names seen so far. */
  knownNames: string[];
};

export function EventFilters({ filters, onChange, onClear, knownNames }: TEventFiltersProps) {
  const id = useId();
  // App Events have no integration or delivery status, and webhook deliveries no schema check: each filter shows
  // only while the other kind is not picked (the URL helpers drop such contradictions too).
  const deliveryFilters = !isAppEventSource(filters.source) && !filters.schemaMismatch;
  const validationFilter = !isWebhookScoped(filters);
  return (
    <div className="mb-4 flex flex-wrap items-end gap-3" role="group" aria-label="Filter events">
      <TextFilter
        id={`${id}-name`}
        label="Event name or type"
        placeholder="Any part, e.g. deal"
        clearLabel="Clear the event name"
        className="w-56"
        value={filters.name ?? ""}
        suggestions={knownNames}
        maxLength={200}
        onCommit={(name) => onChange({ name: name || undefined })}
      />
      <TextFilter
        id={`${id}-user`}
        label="User ID"
        placeholder="Your app's user id"
        clearLabel="Clear the user ID"
        className="w-56"
        value={filters.userId ?? ""}
        onCommit={(userId) => onChange({ userId: userId || undefined })}
      />
      <div className="flex w-48 flex-col gap-1.5">
        <Label htmlFor={`${id}-source`}>Source</Label>
        <select
          id={`${id}-source`}
          className={selectClasses}
          value={filters.source ?? ""}
          onChange={(event) => onChange({ source: (event.target.value || undefined) as TEventSource | undefined })}
        >
          <option value="">All sources</option>
          {/* The API filters one source at a time, so App Events are picked by how they were sent. */}
          <optgroup label="App Events">
            <option value="sdk">App Events from the SDK</option>
            <option value="api">App Events from the API</option>
          </optgroup>
          <option value="webhook">Webhooks</option>
        </select>
      </div>
      {deliveryFilters && (
        <>
          <div className="flex w-48 flex-col gap-1.5">
            <Label htmlFor={`${id}-integration`}>Integration</Label>
            <select
              id={`${id}-integration`}
              className={selectClasses}
              value={filters.integration ?? ""}
              onChange={(event) => onChange({ integration: (event.target.value || undefined) as TWebhookIntegration | undefined })}
            >
              <option value="">Any integration</option>
              {WEBHOOK_INTEGRATIONS.map((integration) => (
                <option key={integration} value={integration}>
                  {integrationLabel(integration)}
                </option>
              ))}
            </select>
          </div>
          <div className="flex w-56 flex-col gap-1.5">
            <Label htmlFor={`${id}-status`}>Delivery status</Label>
            <select
              id={`${id}-status`}
              className={selectClasses}
              value={filters.deliveryStatus ?? ""}
              onChange={(event) => onChange({ deliveryStatus: (event.target.value || undefined) as TDeliveryStatus | undefined })}
            >
              <option value="">Any status</option>
              {DELIVERY_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {DELIVERY_STATUS_OPTIONS[status]}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
      <div className="flex w-40 flex-col gap-1.5">
        <Label htmlFor={`${id}-runs`}>Runs started</Label>
        <select
          id={`${id}-runs`}
          className={selectClasses}
          value={filters.startedRuns ?? ""}
          onChange={(event) => onChange({ startedRuns: (event.target.value || undefined) as TStartedRunsFilter | undefined })}
        >
          <option value="">Any</option>
          <option value="true">Started runs</option>
          <option value="false">Started none</option>
        </select>
      </div>
      {validationFilter && (
        <div className="flex w-48 flex-col gap-1.5">
          <Label htmlFor={`${id}-validation`}>Validation</Label>
          <select
            id={`${id}-validation`}
            className={selectClasses}
            value={filters.schemaMismatch ?? ""}
            onChange={(event) => onChange({ schemaMismatch: event.target.value === "true" ? "true" : undefined })}
          >
            <option value="">Any outcome</option>
            <option value="true">Schema mismatch only</option>
          </select>
        </div>
      )}
      {filters.endpointId && (
        <div className="flex h-9 items-center gap-1 rounded-md border border-neutral-300 bg-neutral-50 pr-1 pl-2.5 text-sm text-neutral-700">
          Endpoint <code className="font-mono text-xs">{filters.endpointId.slice(0, 8)}…</code>
          <button
            type="button"
            aria-label="Remove the endpoint filter"
            onClick={() => onChange({ endpointId: undefined })}
            className="rounded-sm p-1 text-neutral-500 hover:bg-neutral-200 hover:text-neutral-900"
          >
            <X aria-hidden className="size-3.5" />
          </button>
        </div>
      )}
      {hasEventFilters(filters) && (
        <Button type="button" variant="ghost" onClick={onClear}>
          <X aria-hidden /> Clear filters
        </Button>
      )}
    </div>
  );
}
