import { describe, expect, it } from "vitest";
import { deliveryRequest } from "@/lib/webhooks/providers/delivery-request.test-kit";
import {
  SALESFORCE_ACK,
  deliveryEventType,
  deliveryIdOf,
  handshakeAnswer,
  parseDeliveryBody,
  readPath,
} from "@/lib/webhooks/read-delivery";
import { verifyDelivery } from "@/lib/webhooks/verify-delivery";

const ORGANIZATION_ID = "00D5e000000Hk9XEAS";

function outboundMessage(organizationId: string, notifications: { id: string; contactId: string }[]): string {
  const items = notifications
    .map(
      ({ id, contactId }) => `
   <Notification>
    <Id>${id}</Id>
    <sObject xsi:type="sf:Contact" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
     <sf:Id>${contactId}</sf:Id>
     <sf:Email>ada&amp;co@example.com</sf:Email>
     <sf:MailingPostalCode>02134</sf:MailingPostalCode>
    </sObject>
   </Notification>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <soapenv:Body>
  <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
   <OrganizationId>${organizationId}</OrganizationId>
   <ActionId>04k5e000000TN1UAAW</ActionId>
   <SessionId xsi:nil="true"/>
   <EnterpriseUrl>https://acme.my.salesforce.com/services/Soap/c/61.0/00D5e000000Hk9X</EnterpriseUrl>
   <PartnerUrl>https://acme.my.salesforce.com/services/Soap/u/61.0/00D5e000000Hk9X</PartnerUrl>${items}
  </notifications>
 </soapenv:Body>
</soapenv:Envelope>`;
}

function salesforceRequest(organizationId: string, notifications = [{ id: "04l5e00000RbCvPAAV", contactId: "0035e00000Bz1QmAAJ" }]) {
  return deliveryRequest({
    headers: { "Content-Type": "text/xml; charset=utf-8", SOAPAction: '""' },
    body: outboundMessage(organizationId, notifications),
  });
}

describe("Salesforce Outbound Messages", () => {
  it("accepts the configured organization, in its 18- or 15-character form", async () => {
    for (const configured of [ORGANIZATION_ID, ORGANIZATION_ID.slice(0, 15)]) {
      expect(
        await verifyDelivery(salesforceRequest(ORGANIZATION_ID), {
          integration: "salesforce",
          secrets: [],
          salesforceOrganizationId: configured,
          now: 0,
        }),
      ).toEqual({ ok: true, scheme: "salesforce_organization", secretIndex: null });
    }
  });

  it("refuses another organization, including one differing only in case", async () => {
    for (const sent of ["00D5e000000Hk9YEAS", "00d5e000000hk9xEAS"]) {
      expect(
        await verifyDelivery(salesforceRequest(sent), {
          integration: "salesforce",
          secrets: [],
          salesforceOrganizationId: ORGANIZATION_ID,
          now: 0,
        }),
      ).toEqual({
        ok: false,
        reason: "wrong_organization",
        message: `The message comes from Salesforce organization ${sent}, not the configured one.`,
      });
    }
  });

  it("refuses a body that is not an Outbound Message, and a trigger with no organization configured", async () => {
    const notSoap = deliveryRequest({ headers: { "Content-Type": "text/xml" }, body: "<hello>world</hello>" });
    expect(
      await verifyDelivery(notSoap, { integration: "salesforce", secrets: [], salesforceOrganizationId: ORGANIZATION_ID, now: 0 }),
    ).toMatchObject({ ok: false, reason: "malformed_signature" });
    expect(await verifyDelivery(salesforceRequest(ORGANIZATION_ID), { integration: "salesforce", secrets: [], now: 0 })).toMatchObject({
      ok: false,
      reason: "no_secret",
    });
  });

  it("parses the SOAP envelope into its Body, with namespace prefixes stripped and Notification an array", () => {
    const body = parseDeliveryBody(salesforceRequest(ORGANIZATION_ID));
    expect(body).toEqual({
      kind: "xml",
      value: {
        notifications: {
          OrganizationId: ORGANIZATION_ID,
          ActionId: "04k5e000000TN1UAAW",
          SessionId: null,
          EnterpriseUrl: "https://acme.my.salesforce.com/services/Soap/c/61.0/00D5e000000Hk9X",
          PartnerUrl: "https://acme.my.salesforce.com/services/Soap/u/61.0/00D5e000000Hk9X",
          Notification: [
            {
              Id: "04l5e00000RbCvPAAV",
              sObject: {
                "@type": "Contact",
                Id: "0035e00000Bz1QmAAJ",
                Email: "ada&co@example.com",
                MailingPostalCode: "02134",
              },
            },
          ],
        },
      },
    });
  });

  it("reads the sObject type as the event type and the Notification ids as the delivery id", () => {
    const request = salesforceRequest(ORGANIZATION_ID, [
      { id: "04l5e00000RbCvPAAV", contactId: "0035e00000Bz1QmAAJ" },
      { id: "04l5e00000RbCvQAAV", contactId: "0035e00000Bz1QnAAJ" },
    ]);
    const body = parseDeliveryBody(request);
    expect(readPath(body.value, "notifications.Notification.1.sObject.Id")).toBe("0035e00000Bz1QnAAJ");
    expect(deliveryEventType("salesforce", body, request)).toBe("Contact");
    expect(deliveryIdOf("salesforce", body, request)).toBe("04l5e00000RbCvPAAV,04l5e00000RbCvQAAV");
  });

  it("answers with the SOAP Ack Salesforce waits for", () => {
    const request = salesforceRequest(ORGANIZATION_ID);
    expect(handshakeAnswer("salesforce", parseDeliveryBody(request), request)).toEqual({
      status: 200,
      contentType: "text/xml; charset=utf-8",
      body: SALESFORCE_ACK,
    });
    const ack = parseDeliveryBody(deliveryRequest({ headers: { "Content-Type": "text/xml" }, body: SALESFORCE_ACK }));
    expect(readPath(ack.value, "notificationsResponse.Ack")).toBe("true");
  });
});
