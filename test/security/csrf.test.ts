// CSRF: a change to /api/v1 made with the builder's session cookie must come from the app's own origin. Another
// site's form post is refused with 403 and writes nothing; API keys, reads, and requests that carry no browser
// provenance (curl, a server) are not affected.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as listWorkflows, POST as createWorkflow } from "@/app/api/v1/projects/[projectId]/workflows/route";
import { db } from "@/lib/db/client";
import { callRoute, createTestApiKey, createTestProject, sessionCookie } from "@/test/factories";
import { createSdkProject, trigger } from "@/test/sdk/sdk-helpers";

let project: Awaited<ReturnType<typeof createTestProject>>;
let cookie: string;
let apiKey: string;

beforeAll(async () => {
  project = await createTestProject();
  cookie = await sessionCookie(project.ownerId);
  apiKey = (await createTestApiKey(project.id)).key;
});

const authUrl = process.env.AUTH_URL;
afterEach(() => {
  if (authUrl === undefined) delete process.env.AUTH_URL;
  else process.env.AUTH_URL = authUrl;
});

const refused = {
  status: 403,
  body: { error: { code: "forbidden", message: "This request came from another site; changes made with a builder's session must come from Switchyard's own pages" } },
};

const workflowCount = () => db.workflow.count({ where: { projectId: project.id } });

/** POST a new workflow from `url` (the app's address as the browser used it) with these headers. */
async function post(headers: Record<string, string>, url = "http://localhost:3000/api/v1/test") {
  const path = new URL(url);
  const before = await workflowCount();
  const response = await callRoute(createWorkflow, {
    method: "POST",
    path: path.pathname,
    params: { projectId: project.id },
    headers: { host: path.host, ...headers },
    body: { name: "made by a CSRF test" },
  });
  return { status: response.status, body: response.body, written: (await workflowCount()) - before };
}

describe("a builder's cookie on POST /api/v1/projects/{projectId}/workflows", () => {
  it("403 forbidden, and nothing written, for another site's form post (Origin of that site)", async () => {
    const response = await post({ cookie, origin: "https://evil.example", "sec-fetch-site": "cross-site", "content-type": "text/plain" });
    expect(response).toEqual({ ...refused, written: 0 });
  });

  it.each([
    ["an Origin of the same host on another port", { origin: "http://localhost:4000" }],
    ["an Origin of the same host over another scheme", { origin: "https://localhost:3000" }],
    ["Origin: null (a sandboxed frame)", { origin: "null" }],
    ["Sec-Fetch-Site: cross-site with no Origin", { "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site: same-site with no Origin (a sibling subdomain)", { "sec-fetch-site": "same-site" }],
    ["a same-origin Sec-Fetch-Site under another site's Origin", { origin: "https://evil.example", "sec-fetch-site": "same-origin" }],
  ])("403 forbidden, and nothing written, for %s", async (_label, headers) => {
    expect(await post({ cookie, ...headers })).toEqual({ ...refused, written: 0 });
  });

  it.each([
    ["its own Origin at localhost", { origin: "http://localhost:3000" }, "http://localhost:3000/x"],
    ["its own Origin at 127.0.0.1", { origin: "http://127.0.0.1:3000" }, "http://127.0.0.1:3000/x"],
    ["no Origin and no Sec-Fetch-Site (curl, a server)", {}, undefined],
    ["Sec-Fetch-Site: same-origin with no Origin", { "sec-fetch-site": "same-origin" }, undefined],
    ["Sec-Fetch-Site: none with no Origin", { "sec-fetch-site": "none" }, undefined],
    ["the origin a proxy forwards (x-forwarded-host and -proto)", { origin: "https://switchyard.example", "x-forwarded-host": "switchyard.example", "x-forwarded-proto": "https" }, undefined],
  ])("201 and one workflow for %s", async (_label, headers, url) => {
    const response = await post({ cookie, ...headers }, url);
    expect({ status: response.status, written: response.written }).toEqual({ status: 201, written: 1 });
  });

  it("follows AUTH_URL when it is set: its origin is accepted, the request's own Host no longer is", async () => {
    process.env.AUTH_URL = "https://switchyard.example/";
    expect((await post({ cookie, origin: "https://switchyard.example" })).status).toBe(201);
    expect(await post({ cookie, origin: "http://localhost:3000" })).toEqual({ ...refused, written: 0 });
  });

  it("200 for a GET from another site's Origin: reads change nothing", async () => {
    const response = await callRoute(listWorkflows, { params: { projectId: project.id }, headers: { cookie, origin: "https://evil.example", "sec-fetch-site": "cross-site" } });
    expect(response.status).toBe(200);
  });
});

describe("callers that are not cookie-based", () => {
  it("201 for a project API key with another site's Origin", async () => {
    const response = await post({ authorization: `Bearer ${apiKey}`, origin: "https://evil.example", "sec-fetch-site": "cross-site" });
    expect({ status: response.status, written: response.written }).toEqual({ status: 201, written: 1 });
  });

  it("201 for the SDK's user-token route from the SaaS app's own site, which is always another origin", async () => {
    const sdk = await createSdkProject();
    const response = await trigger(sdk.project.id, { token: await sdk.token(), headers: { origin: "https://saas-app.example", "sec-fetch-site": "cross-site" } });
    expect(response.status).toBe(201);
  });

  it("401, not 403, for no credentials at all from another site (nothing to forge)", async () => {
    const response = await post({ origin: "https://evil.example" });
    expect({ status: response.status, code: response.body.error.code, written: response.written }).toEqual({ status: 401, code: "unauthorized", written: 0 });
  });
});
