// POST /projects/:projectId/sdk/events/trigger, refusals: project, then user token, then body. Each answer is
// an exact status and error body, and none of them writes an Event, a Run or a ConnectedUser.
import { randomUUID } from "node:crypto";
import { SignJWT, UnsecuredJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { forgetProjectConfig } from "@/lib/sdk-config/get-project-config";
import { generateSigningKey } from "@/lib/signing-keys/generate-signing-key";
import { revokeSigningKey } from "@/lib/signing-keys/revoke-signing-key";
import { createTestProject } from "@/test/factories";
import {
  createSdkProject,
  deployOn,
  earlyInASecond,
  expectError,
  expectNothingWritten,
  nowSeconds,
  signToken,
  strayPrivateKeyPem,
  trigger,
} from "./sdk-helpers";

const MISMATCH = "The user token's signature does not match any active signing key of this project";
const BEARER_HINT = "Send the user token as `Authorization: Bearer <user token>`";

let world: Awaited<ReturnType<typeof createSdkProject>>;
let projectId: string;
beforeAll(async () => {
  world = await createSdkProject();
  projectId = world.project.id;
  // A listening workflow, so a request that got through would write a Run too.
  await deployOn(projectId, world.appEvent.id);
});

/** Calls the route for `projectId` and proves nothing was written for it. */
const refused = (options: Parameters<typeof trigger>[1], id = projectId) => expectNothingWritten(id, () => trigger(id, options));

describe("project", () => {
  it("answers 404 for a project that does not exist", async () => {
    const unknown = randomUUID();
    expectError(await refused({ token: await world.token() }, unknown), 404, "not_found", "Project not found");
  });

  it("answers 404 for a project id that is not a UUID", async () => {
    expectError(await trigger("not-a-uuid", { token: await world.token() }), 404, "not_found", "Project not found");
    expectError(await trigger(`${projectId}x`, { token: await world.token() }), 404, "not_found", "Project not found");
    expect(await expectNothingWritten(projectId, () => trigger("123", { token: "x" }))).toMatchObject({ status: 404 });
  });
});

describe("user token", () => {
  it("requires an Authorization: Bearer header", async () => {
    expectError(await refused({}), 401, "unauthorized", BEARER_HINT);
    expectError(await refused({ headers: { authorization: `Basic ${Buffer.from("a:b").toString("base64")}` } }), 401, "unauthorized", BEARER_HINT);
    expectError(await refused({ headers: { authorization: "Bearer" } }), 401, "unauthorized", BEARER_HINT);
  });

  it("refuses a token that is not a JWT", async () => {
    expectError(await refused({ token: "not-a-jwt" }), 401, "unauthorized", "The user token is not a well-formed JWT");
    expectError(await refused({ token: "a.b.c" }), 401, "unauthorized", "The user token is not a well-formed JWT");
  });

  it("refuses a token signed with HS256, or not signed at all", async () => {
    const token = await new SignJWT({ sub: "user-1" }).setProtectedHeader({ alg: "HS256" }).setExpirationTime("1h").sign(new TextEncoder().encode("a shared secret of enough length"));
    expectError(await refused({ token }), 401, "unauthorized", "User tokens must be signed with RS256, not HS256");
    const unsigned = new UnsecuredJWT({ sub: "user-1" }).setExpirationTime("1h").encode();
    expectError(await refused({ token: unsigned }), 401, "unauthorized", "User tokens must be signed with RS256, not none");
  });

  it("refuses a token expired beyond the 60 s leeway, naming when it expired", async () => {
    const exp = nowSeconds() - 61;
    expectError(await refused({ token: await world.token({ exp }) }), 401, "unauthorized", `The user token expired at ${new Date(exp * 1000).toISOString()}`);
  });

  it("accepts a token expired within the leeway", async () => {
    await trigger(projectId, { token: await world.token({ sub: "warm-up" }) }); // the config is loaded; what follows is quick
    await earlyInASecond();
    const response = await trigger(projectId, { token: await world.token({ sub: "leeway-user", exp: nowSeconds() - 59 }) });
    expect(response.status).toBe(201);
    expect(await db.event.count({ where: { id: response.body.eventId, projectId } })).toBe(1);
  });

  it("refuses a token not valid before a time beyond the leeway", async () => {
    const nbf = nowSeconds() + 120;
    const token = await world.token({ nbf });
    expectError(await refused({ token }), 401, "unauthorized", `The user token is not valid before ${new Date(nbf * 1000).toISOString()}`);
  });

  it("accepts a token whose iat is in the future (jose checks iat only with maxTokenAge, which is not set)", async () => {
    const response = await trigger(projectId, { token: await world.token({ sub: "future-iat", iat: nowSeconds() + 600 }) });
    expect(response.status).toBe(201);
  });

  it("refuses a token without sub, or with an empty one", async () => {
    expectError(await refused({ token: await world.token({ sub: null }) }), 401, "unauthorized", "The user token has no `sub` claim naming your user");
    expectError(await refused({ token: await world.token({ sub: "" }) }), 401, "unauthorized", "The user token has no `sub` claim naming your user");
  });

  it("refuses a sub longer than 255 characters", async () => {
    expectError(await refused({ token: await world.token({ sub: "u".repeat(256) }) }), 401, "unauthorized", "The user token's `sub` is longer than 255 characters");
  });

  it("refuses a genuine token whose sub PostgreSQL cannot store with 400, not 401: signing in again would not help", async () => {
    const details = (message: string) => [{ in: "token", path: "/sub", message }];
    const cannotStore = "The request contains text that cannot be stored";
    expectError(await refused({ token: await world.token({ sub: "user\u0000" }) }), 400, "bad_request", cannotStore, details("The value contains a NUL character (U+0000), which cannot be stored"));
    expectError(await refused({ token: await world.token({ sub: "user\ud800" }) }), 400, "bad_request", cannotStore, details("The value contains an unpaired surrogate (U+D800), which cannot be stored"));
  });

  it("refuses a token signed with a key pair no project knows", async () => {
    expectError(await refused({ token: await signToken(strayPrivateKeyPem()) }), 401, "unauthorized", MISMATCH);
    expectError(await refused({ token: await signToken(strayPrivateKeyPem(), { kid: randomUUID() }) }), 401, "unauthorized", MISMATCH);
  });

  it("refuses a token signed with another project's key as any bad signature, naming no other project", async () => {
    const other = await createSdkProject();
    // Its kid names the other project's real key; the answer must not confirm that the key exists elsewhere.
    expectError(await refused({ token: await other.token({ kid: other.key.id }) }), 401, "unauthorized", MISMATCH);
    expectError(await refused({ token: await other.token() }), 401, "unauthorized", MISMATCH);
  });

  it("refuses a token signed with a revoked key of the project", async () => {
    const { project, key, appEvent } = await createSdkProject();
    await deployOn(project.id, appEvent.id);
    const revoked = await generateSigningKey({ projectId: project.id, name: "old", createdById: null });
    await revokeSigningKey({ projectId: project.id, signingKeyId: revoked.id });
    forgetProjectConfig(project.id);
    const withKid = await signToken(revoked.privateKeyPem, { kid: revoked.id });
    expectError(await refused({ token: withKid }, project.id), 401, "unauthorized", "The user token was signed with a revoked signing key");
    expectError(await refused({ token: await signToken(revoked.privateKeyPem) }, project.id), 401, "unauthorized", MISMATCH);
    // The project's active key still works.
    expect((await trigger(project.id, { token: await signToken(key.privateKeyPem, { kid: key.id }) })).status).toBe(201);
  });

  it("refuses every token while the project has no active key", async () => {
    const project = await createTestProject();
    const message = "This project has no active signing key; generate or upload one in Settings → SDK setup";
    expectError(await refused({ token: await signToken(strayPrivateKeyPem()) }, project.id), 401, "unauthorized", message);
    // A project whose only key was revoked is in the same state for tokens without kid.
    const { project: revokedOnly, key } = await createSdkProject();
    await revokeSigningKey({ projectId: revokedOnly.id, signingKeyId: key.id });
    forgetProjectConfig(revokedOnly.id);
    expectError(await refused({ token: await signToken(key.privateKeyPem) }, revokedOnly.id), 401, "unauthorized", message);
  });
});

describe("body", () => {
  const send = async (body: { body?: unknown; rawBody?: string; headers?: Record<string, string> }) => refused({ token: await world.token(), ...body });
  const invalid = (path: string, message: string) => ["bad_request", "The request body is not valid", [{ path, message }]] as const;

  it("answers 404 naming an App Event the project does not have", async () => {
    expectError(await send({ body: { name: "Invoice Paid", payload: {} } }), 404, "not_found", "App Event “Invoice Paid” does not exist in this project");
  });

  it("answers 400 to malformed JSON, with the parser's reason", async () => {
    const rawBody = '{"name": "Contact Created", "payload": {';
    let reason = "";
    try {
      JSON.parse(rawBody);
    } catch (error) {
      reason = (error as Error).message;
    }
    expectError(await send({ rawBody }), 400, "invalid_json", `The request body is not valid JSON: ${reason}`);
  });

  it("answers 400 to an empty body", async () => {
    expectError(await send({ rawBody: "" }), 400, "invalid_json", "The request body is empty; send a JSON document");
    expectError(await send({ rawBody: "  \n" }), 400, "invalid_json", "The request body is empty; send a JSON document");
  });

  it("answers 400 to a payload that is not an object, at path payload", async () => {
    for (const [payload, received] of [[[1, 2], "array"], ["text", "string"], [null, "null"]] as const) {
      expectError(await send({ body: { name: "Contact Created", payload } }), 400, ...invalid("payload", `Invalid input: expected record, received ${received}`));
    }
    expectError(await send({ body: { name: "Contact Created" } }), 400, ...invalid("payload", "Invalid input: expected record, received undefined"));
  });

  it("answers 400 to a missing or blank name", async () => {
    expectError(await send({ body: { payload: {} } }), 400, ...invalid("name", "Invalid input: expected string, received undefined"));
    expectError(await send({ body: { name: "  ", payload: {} } }), 400, ...invalid("name", "Name the App Event"));
  });

  it("answers 413 to a body over 1 MiB, declared or not", async () => {
    const rawBody = JSON.stringify({ name: "Contact Created", payload: { blob: "x".repeat(1024 * 1024) } });
    expectError(await send({ rawBody }), 413, "payload_too_large", "The request body is larger than 1 MiB");
    expectError(await send({ rawBody, headers: { "content-length": String(Buffer.byteLength(rawBody)) } }), 413, "payload_too_large", "The request body is larger than 1 MiB");
  });

  it("answers 400 to an Idempotency-Key longer than 255 characters", async () => {
    expectError(await refused({ token: await world.token(), idempotencyKey: "k".repeat(256) }), 400, "bad_request", "The Idempotency-Key header is longer than 255 characters");
  });
});
