"use client";

// A custom webhook's verification: none, a secret header, or an HMAC whose algorithm, header, encoding, prefix
// and signed content the builder sets to match the sending service; and a GET challenge echo for services that
// verify a URL before sending to it.
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { TCustomVerification, TCustomWebhookOptions } from "@/lib/schemas/webhook-presets";
import { CheckboxField, NumberInput, Select } from "./controls";

export const DEFAULT_CUSTOM_OPTIONS: TCustomWebhookOptions = {
  verification: { mode: "hmac", algorithm: "sha256", header: "X-Signature", encoding: "hex", prefix: "", signedContent: "body", separator: ".", toleranceSeconds: 300 },
  challenge: { enabled: false, queryParam: "challenge" },
  eventType: null,
  deliveryId: null,
};

type THmac = Extract<TCustomVerification, { mode: "hmac" }>;

export function CustomVerificationFields({ value, onChange }: { value: TCustomWebhookOptions; onChange: (value: TCustomWebhookOptions) => void }) {
  const verification = value.verification;
  const setVerification = (next: TCustomVerification) => onChange({ ...value, verification: next });
  const setHmac = (patch: Partial<THmac>) => verification.mode === "hmac" && setVerification({ ...verification, ...patch });
  return (
    <div className="flex flex-col gap-3">
      <Field id="custom-verification-mode" label="Verify deliveries with">
        <Select
          value={verification.mode}
          options={[{ value: "hmac", label: "An HMAC signature" }, { value: "secret_header", label: "A secret header" }, { value: "none", label: "Nothing (anyone with the URL)" }]}
          onChange={(mode) =>
            setVerification(mode === "hmac" ? DEFAULT_CUSTOM_OPTIONS.verification : mode === "secret_header" ? { mode, header: "X-Webhook-Secret" } : { mode })
          }
        />
      </Field>
      {verification.mode === "secret_header" && (
        <Field id="custom-secret-header" label="Header holding the secret">
          <Input value={verification.header} className="font-mono text-xs" onChange={(event) => setVerification({ mode: "secret_header", header: event.target.value })} />
        </Field>
      )}
      {verification.mode === "hmac" && (
        <div className="grid grid-cols-2 gap-2">
          <Field id="custom-hmac-algorithm" label="Algorithm">
            <Select value={verification.algorithm} options={["sha256", "sha1", "sha512"] as const} onChange={(algorithm) => setHmac({ algorithm })} />
          </Field>
          <Field id="custom-hmac-encoding" label="Encoding">
            <Select value={verification.encoding} options={[{ value: "hex", label: "Hex" }, { value: "base64", label: "Base64" }]} onChange={(encoding) => setHmac({ encoding })} />
          </Field>
          <Field id="custom-hmac-header" label="Signature header">
            <Input value={verification.header} className="font-mono text-xs" onChange={(event) => setHmac({ header: event.target.value })} />
          </Field>
          <Field id="custom-hmac-prefix" label="Prefix" hint="Before the signature, as sha256=">
            <Input value={verification.prefix} className="font-mono text-xs" onChange={(event) => setHmac({ prefix: event.target.value })} />
          </Field>
          <Field id="custom-hmac-content" label="Signed content" className="col-span-2">
            <Select
              value={verification.signedContent}
              options={[{ value: "body", label: "The raw body" }, { value: "timestamp_body", label: "Timestamp + separator + body" }]}
              onChange={(signedContent) => setHmac({ signedContent, timestampHeader: signedContent === "timestamp_body" ? (verification.timestampHeader ?? "X-Timestamp") : undefined })}
            />
          </Field>
          {verification.signedContent === "timestamp_body" && (
            <>
              <Field id="custom-hmac-timestamp" label="Timestamp header">
                <Input value={verification.timestampHeader ?? ""} className="font-mono text-xs" onChange={(event) => setHmac({ timestampHeader: event.target.value })} />
              </Field>
              <Field id="custom-hmac-separator" label="Separator">
                <Input value={verification.separator} className="font-mono text-xs" onChange={(event) => setHmac({ separator: event.target.value })} />
              </Field>
              <Field id="custom-hmac-tolerance" label="Tolerance (seconds, 0: none)">
                <NumberInput value={verification.toleranceSeconds} min={0} max={86400} onChange={(toleranceSeconds) => setHmac({ toleranceSeconds })} />
              </Field>
            </>
          )}
        </div>
      )}
      <CheckboxField
        id="custom-challenge"
        label="Answer URL checks"
        hint={`A GET with ?${value.challenge.queryParam}=… is answered with that value, for services that verify a URL first.`}
        checked={value.challenge.enabled}
        onChange={(enabled) => onChange({ ...value, challenge: { ...value.challenge, enabled } })}
      />
    </div>
  );
}
