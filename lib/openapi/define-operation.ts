// An operation of the management API: its path, its schemas and its answers. Route handlers are built
// from these (lib/http/api-route.ts) and the OpenAPI document is generated from them, so the two
// cannot drift apart. Client-safe: nothing here touches the server.
import type { z } from "zod";

export type THttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type TOperation = {
  id: string;
  method: THttpMethod;
  /** OpenAPI path template under /api/v1, e.g. /projects/{projectId}/api-keys */
  path: string;
  summary: string;
  tag: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Success status → response body schema (null: no body). */
  responses: Record<number, z.ZodType | null>;
  /** Error statuses this operation can answer with, beyond 400/401/429/500 which every one can. */
  errors: number[];
  /**
   * Who may call it, checked before the body is read: any caller with access (default), a signed-in
   * builder (credential management is never done by another credential), or a project owner.
   */
  requires?: "builder" | "owner";
};

export function defineOperation<const T extends TOperation>(operation: T): T {
  return operation;
}
