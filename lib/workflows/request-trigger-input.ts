// What a Request trigger hands its run: `{ type: "request", body, query, headers }`, read by templates as
// {{trigger.body…}}, {{trigger.query…}} and {{trigger.headers…}}. Calls build it from the HTTP request
// (lib/request-triggers); test runs, tested steps and the editor's variable picker build it from the
// builder's test data, `{ body, query, headers }`. Client-safe, without "server-only".

export type TRequestQuery = Record<string, string | string[]>;
export type TRequestTriggerInput = { type: "request"; body: unknown; query: TRequestQuery; headers: Record<string, string> };

/** The test data a Request trigger starts with in the editor. */
export const REQUEST_TEST_DATA_EXAMPLE = { body: {}, query: {}, headers: {} };

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The input of a run started from test data `{ body, query, headers }`; a part left out, or not an object where one is needed, is empty. */
export function requestInputFromTestData(testData: unknown): TRequestTriggerInput {
  const data = isPlainObject(testData) ? testData : {};
  // Without a prototype, so that a key named __proto__ is a key like any other.
  const query: TRequestQuery = Object.create(null);
  for (const [key, value] of Object.entries(isPlainObject(data.query) ? data.query : {})) {
    query[key] = Array.isArray(value) ? value.map(String) : String(value);
  }
  const headers: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(isPlainObject(data.headers) ? data.headers : {})) headers[name.toLowerCase()] = String(value);
  return { type: "request", body: data.body === undefined ? {} : data.body, query, headers };
}
