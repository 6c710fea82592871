// The Idempotency-Key a Request step's attempt sends: the same for a run, step, lane and retry attempt, so an
// attempt that a crash cut off and that runs again sends the key it sent the first time, and a receiver that
// honours the header (Stripe, Adyen, Square and many others) applies it once. A retry after a failure is a new
// attempt and gets a new key. Shaped as a UUID, the form receivers that constrain keys most often require.
import { hash } from "node:crypto";

export function idempotencyKeyOf(attempt: { runId: string; stepId: string; lane: string; retryAttempt: number }): string {
  const hex = hash("sha256", `switchyard\u0000${attempt.runId}\u0000${attempt.stepId}\u0000${attempt.lane}\u0000${attempt.retryAttempt}`, "hex");
  // Version 5-style and RFC 4122 variant bits, so that strict UUID parsers accept it.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
