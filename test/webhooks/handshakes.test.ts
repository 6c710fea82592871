// The acknowledgements providers expect, through the real route: Slack's url_verification challenge,
// Salesforce's SOAP Ack (after its organization id is checked), a custom webhook's GET challenge echo and the
// HEAD check Intercom makes before it saves a webhook.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as getDelivery, HEAD as headDelivery } from "@/app/projects/[projectId]/webhooks/[endpointId]/route";
import { db } from "@/lib/db/client";
import { forgetProjectConfig } from "@/lib/sdk-config/get-project-config";
import { SALESFORCE_ACK } from "@/lib/webhooks/read-delivery";
import { createWebhookEndpoint } from "@/lib/webhooks/manage-webhook-endpoints";
import { createTestProject } from "@/test/factories";
import { countRows, deployWebhookWorkflow, post } from "./webhook-helpers";

const SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

function slackSigned(body: unknown, timestamp = Math.floor(Date.now() / 1000)) {
  const text = JSON.stringify(body);
  const signature = `v0=${createHmac("sha256", SLACK_SECRET).update(`v0:${timestamp}:${text}`).digest("hex")}`;
  return { text, headers: { "content-type": "application/json", "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signature } };
}

describe("Slack", () => {
  it("answers a signed url_verification with its challenge, records it as a handshake and starts nothing", async () => {
    const project = await createTestProject();
    const endpoint = await createWebhookEndpoint({ projectId: project.id, origin: "", integration: "slack", secret: SLACK_SECRET, routing: { from: "body", path: "team_id" } });
    forgetProjectConfig(project.id);
    await deployWebhookWorkflow(project.id, { kind: "integration", integration: "slack", event: "*" });
    const answer = await post({
      projectId: project.id,
      endpointId: endpoint.id,
      ...slackSigned({ token: "Jhj5dZrVaK7ZwHHjRyZWjbDl", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type: "url_verification" }),
    });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    expect(answer.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await countRows(project.id)).toEqual({ events: 1, runs: 0, keys: 0 });
    expect(await db.event.findFirstOrThrow({ where: { projectId: project.id } })).toMatchObject({ deliveryStatus: "handshake", name: "url_verification" });
  });

  it("refuses a url_verification signed five minutes ago (stale) with 401 and no challenge", async () => {
    const project = await createTestProject();
    const endpoint = await createWebhookEndpoint({ projectId: project.id, origin: "", integration: "slack", secret: SLACK_SECRET });
    forgetProjectConfig(project.id);
    const stale = slackSigned({ challenge: "c", type: "url_verification" }, Math.floor(Date.now() / 1000) - 301);
    const answer = await post({ projectId: project.id, endpointId: endpoint.id, ...stale });
    expect(answer.status).toBe(401);
    expect(answer.body.error.details.reason).toBe("stale_timestamp");
    expect(answer.text).not.toContain('"c"');
  });

  it("routes an event callback by team id and starts the workflow on its event type", async () => {
    const project = await createTestProject();
    const endpoint = await createWebhookEndpoint({ projectId: project.id, origin: "", integration: "slack", secret: SLACK_SECRET, routing: { from: "body", path: "team_id" } });
    const user = await db.connectedUser.create({ data: { projectId: project.id, externalId: "slacker" }, select: { id: true } });
    await db.connectedUserProviderId.create({ data: { projectId: project.id, provider: "slack", providerId: "T0001", connectedUserId: user.id } });
    forgetProjectConfig(project.id);
    const workflowId = await deployWebhookWorkflow(project.id, { kind: "integration", integration: "slack", event: "app_mention" });
    const body = { type: "event_callback", team_id: "T0001", event_id: "Ev1", event: { type: "app_mention", text: "hi" } };
    const answer = await post({ projectId: project.id, endpointId: endpoint.id, ...slackSigned(body) });
    expect(answer.body).toMatchObject({ status: "accepted", runs: [{ workflowId }] });
    const run = await db.run.findFirstOrThrow({ where: { projectId: project.id } });
    expect(run).toMatchObject({ connectedUserId: user.id, input: { event: "app_mention", deliveryId: "Ev1" } });
  });
});

function outboundMessage(organizationId: string) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <soapenv:Body>
  <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
   <OrganizationId>${organizationId}</OrganizationId>
   <ActionId>04k5e000000TN1UAAW</ActionId>
   <SessionId xsi:nil="true"/>
   <Notification>
    <Id>04l5e00000ABCDEAA1</Id>
    <sObject xsi:type="sf:Contact" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
     <sf:Id>0035e00000XYZAAA</sf:Id>
     <sf:Email>ada@example.com</sf:Email>
    </sObject>
   </Notification>
  </notifications>
 </soapenv:Body>
</soapenv:Envelope>`;
}

describe("Salesforce Outbound Messages", () => {
  const ORG = "00D5e000000Hk9XEAS";

  async function salesforceProject() {
    const project = await createTestProject();
    const endpoint = await createWebhookEndpoint({
      projectId: project.id,
      origin: "",
      integration: "salesforce",
      salesforceOrganizationId: ORG,
      routing: { from: "body", path: "notifications.OrganizationId" },
    });
    const user = await db.connectedUser.create({ data: { projectId: project.id, externalId: "sf-admin" }, select: { id: true } });
    await db.connectedUserProviderId.create({ data: { projectId: project.id, provider: "salesforce", providerId: ORG, connectedUserId: user.id } });
    forgetProjectConfig(project.id);
    return { project, endpoint, user };
  }

  it("acknowledges a message of the configured organization with the SOAP Ack once its runs are committed", async () => {
    const { project, endpoint, user } = await salesforceProject();
    const workflowId = await deployWebhookWorkflow(project.id, { kind: "integration", integration: "salesforce", event: "Contact" });
    const answer = await post({ projectId: project.id, endpointId: endpoint.id, text: outboundMessage(ORG), headers: { "content-type": "text/xml; charset=utf-8", soapaction: '""' } });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe(SALESFORCE_ACK);
    expect(answer.headers.get("content-type")).toMatch(/xml/);
    const run = await db.run.findFirstOrThrow({ where: { projectId: project.id } });
    expect(run).toMatchObject({ workflowId, connectedUserId: user.id, input: { event: "Contact", deliveryId: "04l5e00000ABCDEAA1" } });
    expect((run.input as { payload: unknown }).payload).toMatchObject({ notifications: { OrganizationId: ORG } });
  });

  it("refuses a message of another organization with 401, records it and starts nothing", async () => {
    const { project, endpoint } = await salesforceProject();
    await deployWebhookWorkflow(project.id, { kind: "integration", integration: "salesforce", event: "Contact" });
    const answer = await post({ projectId: project.id, endpointId: endpoint.id, text: outboundMessage("00D000000000001AAA"), headers: { "content-type": "text/xml" } });
    expect(answer.status).toBe(401);
    expect(answer.body.error).toMatchObject({ code: "unauthorized", details: { reason: "wrong_organization" } });
    expect(await countRows(project.id)).toEqual({ events: 1, runs: 0, keys: 0 });
  });

  it("acknowledges a redelivered message again, starting nothing the second time", async () => {
    const { project, endpoint } = await salesforceProject();
    await deployWebhookWorkflow(project.id, { kind: "integration", integration: "salesforce", event: "*" });
    for (let attempt = 0; attempt < 2; attempt++) {
      const answer = await post({ projectId: project.id, endpointId: endpoint.id, text: outboundMessage(ORG), headers: { "content-type": "text/xml" } });
      expect(answer.text).toBe(SALESFORCE_ACK);
    }
    expect(await db.run.count({ where: { projectId: project.id } })).toBe(1);
  });
});

describe("a custom webhook's URL check", () => {
  it("echoes the challenge of a GET when enabled, answers HEAD, and refuses a GET otherwise", async () => {
    const project = await createTestProject();
    const echoing = await createWebhookEndpoint({
      projectId: project.id, origin: "", integration: "custom", name: "echo",
      custom: { verification: { mode: "none" }, challenge: { enabled: true, queryParam: "challenge" }, eventType: null, deliveryId: null },
    });
    const silent = await createWebhookEndpoint({
      projectId: project.id, origin: "", integration: "custom", name: "silent",
      custom: { verification: { mode: "none" }, challenge: { enabled: false, queryParam: "challenge" }, eventType: null, deliveryId: null },
    });
    forgetProjectConfig(project.id);
    const call = (handler: typeof getDelivery, endpointId: string, query: string, method: string) =>
      handler(new Request(`http://localhost/projects/${project.id}/webhooks/${endpointId}${query}`, { method }), { params: Promise.resolve({ projectId: project.id, endpointId }) });

    const echoed = await call(getDelivery, echoing.id, "?challenge=abc123", "GET");
    expect(echoed.status).toBe(200);
    expect(await echoed.text()).toBe("abc123");
    expect(echoed.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await call(headDelivery, silent.id, "", "HEAD")).status).toBe(200);
    const refused = await call(getDelivery, silent.id, "?challenge=abc123", "GET");
    expect(refused.status).toBe(405);
    expect(await refused.json()).toEqual({ error: { code: "method_not_allowed", message: "Send webhook deliveries with POST" } });
    expect(await countRows(project.id)).toEqual({ events: 0, runs: 0, keys: 0 });
  });
});
