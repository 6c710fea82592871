import "server-only";
import { badSignature, refused, verified, type TVerifierInput } from "@/lib/webhooks/providers/signature-kit";

const HEADER = "X-Hub-Signature-256";

// Loaded on first use: the package is ESM-only (its exports have only an "import" condition), and the production
// web server (scripts/web.ts, run by tsx as CommonJS) imports this module, where a static import is a require.
// Loaded once: each import() goes through tsx's loader again, about 0.85 ms of CPU per call.
let loaded: Promise<typeof import("@octokit/webhooks-methods")> | undefined;
const octokit = () => (loaded ??= import("@octokit/webhooks-methods"));

// X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>. Octokit's verify takes the body as a string, so the
// bytes must round-trip through UTF-8 unchanged; GitHub always sends UTF-8 JSON or form bodies.
export async function verifyGithub({ request, secrets }: TVerifierInput) {
  const signature = request.header(HEADER.toLowerCase())?.trim();
  if (!signature) return refused("missing_signature", `The ${HEADER} header is missing.`);
  if (!/^sha256=[0-9a-f]{64}$/.test(signature)) {
    return refused("malformed_signature", `The ${HEADER} header is not "sha256=" followed by 64 hex digits.`);
  }
  const payload = request.rawBody.toString("utf8");
  if (payload === "" || !Buffer.from(payload, "utf8").equals(request.rawBody)) {
    return refused("bad_signature", "The body is empty or not UTF-8, so it is not a GitHub delivery.");
  }
  const { verify } = await octokit();
  for (const [index, secret] of secrets.entries()) {
    if (secret !== "" && (await verify(secret, payload, signature))) return verified("github_sha256", index);
  }
  return badSignature(HEADER);
}
