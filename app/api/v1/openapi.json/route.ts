// GET /api/v1/openapi.json — the OpenAPI 3.1 document of the management API, generated from its zod schemas
import { buildOpenApiDocument } from "@/lib/openapi/build-openapi-document";

export function GET(request: Request) {
  return Response.json(buildOpenApiDocument(new URL(request.url).origin));
}
