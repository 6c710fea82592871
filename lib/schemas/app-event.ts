// What the management API says about App Events: the events a SaaS app sends for one of its users. An
// event's example payload is its schema and the test data of every workflow it triggers.
import { z } from "zod";
import { ZIsoDateTime, ZUuid } from "./common";

export type TJsonValue = string | number | boolean | null | TJsonValue[] | { [key: string]: TJsonValue };
export type TJsonObject = { [key: string]: TJsonValue };

// Written out (rather than z.json()) so the OpenAPI document names the recursive schema instead of an
// anonymous definition that could collide with another operation's.
export const ZJsonValue: z.ZodType<TJsonValue> = z
  .lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(ZJsonValue), z.record(z.string(), ZJsonValue)]))
  .meta({ id: "JsonValue", description: "Any JSON value" });

export const ZJsonObject = (message: string) => z.record(z.string(), ZJsonValue, { error: message });

export const ZAppEventExample = ZJsonObject("The example payload must be a JSON object, like { \"id\": 1 }").meta({
  description: "An example payload: the event's schema and the test data of the workflows it triggers",
});

export const ZAppEventJsonSchema = ZJsonObject("The JSON Schema must be a JSON object").meta({
  description: "A JSON Schema (draft 2020-12) that live payloads are checked against when validationMode is not off",
});

export const VALIDATION_MODES = ["off", "warn", "reject"] as const;
export const ZValidationMode = z.enum(VALIDATION_MODES).meta({
  description: "off: payloads are not checked; warn: checked, and failures are recorded on the event; reject: failures are refused with 422",
});
export type TValidationMode = z.infer<typeof ZValidationMode>;

export const ZAppEventName = z.string().trim().min(1, "Enter a name").max(200, "Use at most 200 characters");

export const ZWorkflowRef = z.object({ id: ZUuid, name: z.string() });
export type TWorkflowRef = z.infer<typeof ZWorkflowRef>;

export const ZAppEventUsage = z
  .object({
    workflowCount: z.int().meta({ description: "Workflows whose draft or deployed version it triggers" }),
    deployedWorkflows: z.array(ZWorkflowRef).meta({ description: "Deployed workflows it triggers, by name" }),
    lastReceivedAt: ZIsoDateTime.nullable(),
    last24h: z.int().meta({ description: "Events of this kind received in the last 24 hours" }),
  })
  .meta({ id: "AppEventUsage" });
export type TAppEventUsage = z.infer<typeof ZAppEventUsage>;

export const ZAppEvent = z
  .object({
    id: ZUuid,
    name: z.string(),
    example: ZAppEventExample,
    jsonSchema: ZAppEventJsonSchema,
    validationMode: ZValidationMode,
    createdAt: ZIsoDateTime,
    updatedAt: ZIsoDateTime,
    usage: ZAppEventUsage,
  })
  .meta({ id: "AppEvent" });
export type TAppEvent = z.infer<typeof ZAppEvent>;

export const ZAppEventList = z.object({ appEvents: z.array(ZAppEvent) });
export type TAppEventList = z.infer<typeof ZAppEventList>;

export const ZCreateAppEventRequest = z
  .object({
    name: ZAppEventName,
    example: ZAppEventExample,
    jsonSchema: ZAppEventJsonSchema.optional().meta({ description: "Defaults to the schema derived from the example" }),
    validationMode: ZValidationMode.default("off"),
  })
  .meta({ id: "CreateAppEventRequest" });
export type TCreateAppEventRequest = z.infer<typeof ZCreateAppEventRequest>;

export const ZUpdateAppEventRequest = z
  .object({
    name: ZAppEventName.optional(),
    example: ZAppEventExample.optional().meta({
      description: "Without jsonSchema in the same request, the schema is derived again from this example",
    }),
    jsonSchema: ZAppEventJsonSchema.optional(),
    validationMode: ZValidationMode.optional(),
    confirmRename: z.boolean().optional().meta({
      description: "Required to rename an event that deployed workflows use: your app must then send the new name",
    }),
  })
  .meta({ id: "UpdateAppEventRequest" });
export type TUpdateAppEventRequest = z.infer<typeof ZUpdateAppEventRequest>;
