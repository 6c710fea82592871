// Realistic workflow documents for the editor benchmark and the documentation screenshots. Each one is
// parsed with the shared schema and must pass the deploy validator, so the canvas shows no warnings.
import { validateWorkflow } from "@/lib/engine/validate-workflow";
import { type TConditionGroup, type TEdge, type TStep, type TWorkflowGraph, ZWorkflowGraph } from "@/lib/schemas/workflow";

/** The App Event both scripts create; its example is the payload test runs start with. */
export const CONTACT_EVENT = {
  name: "Contact Created",
  example: {
    name: "Ada Lovelace",
    email: "ada@analytical-engines.com",
    company: "Analytical Engines Ltd",
    plan: "enterprise",
    region: "eu",
    items: [
      { sku: "SEAT-PRO", quantity: 12 },
      { sku: "ADDON-SSO", quantity: 1 },
    ],
  },
};

type TCursor = { source: string; branch?: string };
type TStepInput = Omit<TStep, "id" | "continueOnFailure"> & { id?: string };

const rule = (left: string, right: string): TConditionGroup => ({ combinator: "and", rules: [{ left, operator: "equals", right }] });

/** Appends steps to a tree, each after a cursor (a node and one of its exits); ids and names stay unique. */
class GraphBuilder {
  readonly steps: TStep[] = [];
  readonly edges: TEdge[] = [];
  private readonly counts = new Map<string, number>();

  add(at: TCursor, input: TStepInput): string {
    const n = (this.counts.get(input.type) ?? 0) + 1;
    this.counts.set(input.type, n);
    const id = input.id ?? `${input.type}_${n}`;
    const repeats = this.steps.filter((step) => step.name === input.name || step.name.startsWith(`${input.name} #`)).length;
    const name = repeats === 0 ? input.name : `${input.name} #${repeats + 1}`;
    this.steps.push({ ...input, id, name, continueOnFailure: false } as TStep);
    this.edges.push({ id: `${at.source}__${id}`, source: at.source, target: id, ...(at.branch ? { branch: at.branch } : {}) });
    return id;
  }
}

const fn = (name: string, code: string[], params: [string, string][]): TStepInput => ({
  type: "function",
  name,
  config: { code: ["function (params, context) {", ...code.map((line) => `  ${line}`), "}"].join("\n"), params: params.map(([key, value]) => ({ key, value })) },
});

const request = (name: string, method: "GET" | "POST", url: string, json?: string, bearer?: string): TStepInput => ({
  type: "request",
  name,
  config: {
    method,
    url,
    headers: [{ key: "Content-Type", value: "application/json" }],
    query: [],
    body: json ? { kind: "json", json } : { kind: "none" },
    auth: bearer ? { type: "bearer", token: bearer } : { type: "none" },
    timeoutMs: 10_000,
    idempotencyKey: true,
  },
});

/**
 * A workflow of exactly `stepCount` steps on the "Contact Created" event, built from repeating blocks that
 * use every kind of step the issue names: Function, Request, Conditional (both branches used), Switch
 * (two cases and the default), Fan Out (a lane per item, then the plain exit) and Delay.
 */
export function benchmarkGraph(options: { stepCount: number; appEventId: string }): TWorkflowGraph {
  const b = new GraphBuilder();
  let spine: TCursor = { source: "trigger" };
  let mapped = "";
  const blocks: { size: number; build: () => void }[] = [
    {
      size: 2,
      build: () => {
        mapped = b.add(spine, fn("Map the contact", ["const [first, ...rest] = String(params.name).split(' ');", "return { first, last: rest.join(' '), email: String(params.email).toLowerCase() };"], [["name", "{{trigger.payload.name}}"], ["email", "{{trigger.payload.email}}"]]));
        const lookup = b.add({ source: mapped }, request("Look up the account", "GET", `https://crm.example.com/api/accounts?email={{steps.${mapped}.output.email}}`, undefined, "{{settings.crmToken}}"));
        spine = { source: lookup };
      },
    },
    {
      size: 4,
      build: () => {
        const check = b.add(spine, { type: "conditional", name: "Enterprise plan?", config: { condition: rule("{{trigger.payload.plan}}", "enterprise") } });
        const notify = b.add({ source: check, branch: "true" }, request("Notify the account team", "POST", "https://hooks.slack.example.com/services/T000/B000", `{ "text": "New enterprise contact {{trigger.payload.email}}" }`));
        b.add({ source: notify }, { type: "delay", name: "Wait an hour", config: { value: 1, unit: "hours" } });
        const score = b.add({ source: check, branch: "false" }, fn("Score the lead", ["return { score: params.email.endsWith('.com') ? 40 : 10 };"], [["email", `{{steps.${mapped}.output.email}}`]]));
        spine = { source: score };
      },
    },
    {
      size: 4,
      build: () => {
        const route = b.add(spine, {
          type: "switch",
          name: "Route by region",
          config: { cases: [{ id: "eu", label: "Europe", condition: rule("{{trigger.payload.region}}", "eu") }, { id: "us", label: "Americas", condition: rule("{{trigger.payload.region}}", "us") }] },
        });
        b.add({ source: route, branch: "eu" }, request("Sync to the EU CRM", "POST", "https://eu.crm.example.com/api/contacts", `{ "email": "{{trigger.payload.email}}" }`));
        b.add({ source: route, branch: "us" }, request("Sync to the US CRM", "POST", "https://us.crm.example.com/api/contacts", `{ "email": "{{trigger.payload.email}}" }`));
        const other = b.add({ source: route, branch: "default" }, fn("Flag unknown region", ["return { region: params.region || 'unknown' };"], [["region", "{{trigger.payload.region}}"]]));
        spine = { source: other };
      },
    },
    {
      size: 4,
      build: () => {
        const each = b.add(spine, { type: "fan_out", name: "For each line item", config: { items: "{{trigger.payload.items}}", concurrency: 5 } });
        const price = b.add({ source: each, branch: "each" }, fn("Price the item", ["return { sku: params.sku, total: Number(params.quantity) * 49 };"], [["sku", "{{fanOut.item.sku}}"], ["quantity", "{{fanOut.item.quantity}}"]]));
        b.add({ source: price }, request("Reserve a licence", "POST", "https://licensing.example.com/api/reservations", `{ "sku": "{{fanOut.item.sku}}" }`));
        const wait = b.add({ source: each }, { type: "delay", name: "Wait for provisioning", config: { value: 5, unit: "minutes" } });
        spine = { source: wait };
      },
    },
  ];
  for (let i = 0; b.steps.length < options.stepCount; i += 1) {
    const block = blocks[i % blocks.length];
    if (b.steps.length + block.size <= options.stepCount) block.build();
    else spine = { source: b.add(spine, fn("Tidy up", ["return { done: true };"], [])) };
  }
  return checkedGraph({ trigger: { type: "app_event", appEventId: options.appEventId }, steps: b.steps, edges: b.edges }, options.appEventId);
}

/**
 * The branching workflow the documentation shows: map a new contact, then a business address gets a CRM
 * lead and a Slack message, a personal one joins the newsletter. Requests go to `stubUrl` (a local stub).
 */
export function onboardingGraph(options: { appEventId: string; stubUrl: string }): TWorkflowGraph {
  const b = new GraphBuilder();
  const map = b.add({ source: "trigger" }, {
    ...fn(
      "Map the contact",
      ["const [firstName, ...rest] = String(params.name).split(' ');", "const domain = String(params.email).split('@')[1];", "const personal = ['gmail.com', 'yahoo.com', 'outlook.com'].includes(domain);", "return { firstName, lastName: rest.join(' '), email: params.email, domain, isBusiness: !personal };"],
      [["name", "{{trigger.payload.name}}"], ["email", "{{trigger.payload.email}}"]],
    ),
    id: "map_contact",
  });
  const check = b.add({ source: map }, { id: "is_business", type: "conditional", name: "Business email?", config: { condition: { combinator: "and", rules: [{ left: "{{steps.map_contact.output.isBusiness}}", operator: "is_true" }] } } });
  const lead = b.add({ source: check, branch: "true" }, {
    ...request("Create the CRM lead", "POST", `${options.stubUrl}/crm/leads`, `{\n  "firstName": "{{steps.map_contact.output.firstName}}",\n  "lastName": "{{steps.map_contact.output.lastName}}",\n  "email": "{{steps.map_contact.output.email}}",\n  "company": "{{trigger.payload.company}}"\n}`),
    id: "create_lead",
  });
  b.add({ source: lead }, { ...request("Tell the sales channel", "POST", `${options.stubUrl}/slack/messages`, `{ "text": "New lead: {{trigger.payload.company}} ({{steps.create_lead.output.body.id}})" }`), id: "notify_sales" });
  const wait = b.add({ source: check, branch: "false" }, { id: "wait", type: "delay", name: "Wait a day", config: { value: 1, unit: "days" } });
  b.add({ source: wait }, { ...request("Add to the newsletter", "POST", `${options.stubUrl}/newsletter/subscribers`, `{ "email": "{{trigger.payload.email}}" }`), id: "newsletter" });
  return checkedGraph({ trigger: { type: "app_event", appEventId: options.appEventId }, steps: b.steps, edges: b.edges }, options.appEventId);
}

function checkedGraph(graph: TWorkflowGraph, appEventId: string): TWorkflowGraph {
  const parsed = ZWorkflowGraph.parse(graph);
  const { problems } = validateWorkflow(parsed, { appEventIds: new Set([appEventId]) });
  if (problems.length > 0) throw new Error(`the sample workflow has problems: ${JSON.stringify(problems.slice(0, 5))}`);
  return parsed;
}
