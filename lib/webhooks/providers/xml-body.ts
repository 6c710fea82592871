import "server-only";
import { XMLParser, XMLValidator } from "fast-xml-parser";

// XML bodies become plain JSON values:
// - namespace prefixes are dropped from element and attribute names, and from xsi:type values ("sf:Contact" → "Contact");
// - attributes are kept as "@name" (xmlns declarations are dropped), and an element with attributes keeps its text
//   as "#text";
// - every leaf is a string (ids and amounts are never turned into numbers); an xsi:nil element is null;
// - a SOAP Envelope is unwrapped to the content of its Body;
// - a Salesforce Outbound Message's notifications.Notification is always an array.
// So an Outbound Message reads { notifications: { OrganizationId, ActionId, SessionId, EnterpriseUrl, PartnerUrl,
// Notification: [{ Id, sObject: { "@type": "Contact", Id, Email, ... } }] } }.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  textNodeName: "#text",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
});

/** The JSON shape of a well-formed XML document, or undefined when it is not one. */
export function parseXmlBody(text: string): unknown {
  // Entity declarations are how XML parsers get exploited, and no webhook sender needs a DOCTYPE.
  if (/<!DOCTYPE/i.test(text) || XMLValidator.validate(text) !== true) return undefined;
  const document = normalize(parser.parse(text));
  const body = isRecord(document) && isRecord(document.Envelope) ? document.Envelope.Body : undefined;
  const value = body === undefined ? document : body;
  if (isRecord(value) && isRecord(value.notifications) && value.notifications.Notification !== undefined) {
    const { Notification } = value.notifications;
    value.notifications.Notification = Array.isArray(Notification) ? Notification : [Notification];
  }
  return value;
}

function normalize(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalize);
  if (!isRecord(node)) return node;
  const keys = Object.keys(node);
  if (keys.length === 1 && node["@nil"] === "true") return null;
  return Object.fromEntries(
    keys.map((key) => {
      const value = node[key];
      if (key === "@type" && typeof value === "string") return [key, value.slice(value.indexOf(":") + 1)];
      return [key, normalize(value)];
    }),
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
