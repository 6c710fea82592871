import type { TDeliveryRequest } from "@/lib/webhooks/verify-delivery";

/** A delivery as the endpoint would hand it over: header names looked up case-insensitively. */
export function deliveryRequest(options: {
  method?: string;
  url?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}): TDeliveryRequest {
  const headers = new Map(Object.entries(options.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  const body = options.body ?? "";
  return {
    method: options.method ?? "POST",
    url: options.url ?? "https://switchyard.example.com/hooks/wh_1",
    header: (name) => headers.get(name.toLowerCase()) ?? null,
    rawBody: typeof body === "string" ? Buffer.from(body, "utf8") : body,
  };
}

/** The same delivery with one header replaced, or removed when `value` is null. */
export function withHeader(request: TDeliveryRequest, name: string, value: string | null): TDeliveryRequest {
  return {
    ...request,
    header: (lookup) => (lookup.toLowerCase() === name.toLowerCase() ? value : request.header(lookup)),
  };
}

export function withBody(request: TDeliveryRequest, body: string): TDeliveryRequest {
  return { ...request, rawBody: Buffer.from(body, "utf8") };
}
