// Task History's filters in the query string: read back as written, values the API would refuse dropped, and
// the search box's text sent to GET /runs as q.
import { describe, expect, it } from "vitest";
import { hasRunFilters, readRunFilters, runListQuery, type TRunFilters, writeRunFilters } from "./run-filter-params";

const RUN_ID = "2f1c7f8e-0c1e-4a55-9b3f-6d3a8f2b9e10";
const roundTrip = (filters: TRunFilters) => readRunFilters(writeRunFilters(filters));

describe("readRunFilters / writeRunFilters", () => {
  it("round-trips every filter in a fixed order", () => {
    const filters: TRunFilters = {
      q: RUN_ID,
      workflowId: "wf-1",
      userId: "user 42",
      statuses: ["failed", "cancelled"],
      triggerType: "app_event",
      range: "custom",
      from: "2025-01-01T00:00:00.000Z",
      to: "2025-01-02T00:00:00.000Z",
    };
    const query = writeRunFilters(filters).toString();
    expect(query).toBe(
      `q=${RUN_ID}&workflowId=wf-1&userId=user+42&status=failed%2Ccancelled&triggerType=app_event&range=custom&from=2025-01-01T00%3A00%3A00.000Z&to=2025-01-02T00%3A00%3A00.000Z`,
    );
    expect(readRunFilters(new URLSearchParams(query))).toEqual(filters);
  });

  it.each([
    ["a user id", "Alice"],
    ["wildcards and spaces inside", "bob_50% x"],
    ["a 255-character search", "x".repeat(255)],
  ])("round-trips a search for %s", (_label, q) => {
    expect(roundTrip({ q, statuses: [] })).toEqual({ q, statuses: [] });
  });

  it("trims the search, and writes no q for blank text", () => {
    expect(writeRunFilters({ q: `  ${RUN_ID} `, statuses: [] }).toString()).toBe(`q=${RUN_ID}`);
    expect(readRunFilters(new URLSearchParams("q=%20alice%20")).q).toBe("alice");
    for (const q of ["", "   "]) {
      expect(writeRunFilters({ q, statuses: [] }).toString()).toBe("");
      expect(hasRunFilters({ q, statuses: [] })).toBe(false);
      expect(readRunFilters(new URLSearchParams({ q })).q).toBeUndefined();
    }
  });

  it("drops a search longer than the API takes", () => {
    expect(readRunFilters(new URLSearchParams({ q: "x".repeat(256) })).q).toBeUndefined();
    expect(writeRunFilters({ q: "x".repeat(256), statuses: [] }).toString()).toBe("");
  });

  it("drops values the API would refuse", () => {
    expect(readRunFilters(new URLSearchParams("status=lost,failed&triggerType=email&range=1y&from=yesterday"))).toEqual({ statuses: ["failed"] });
  });
});

describe("runListQuery", () => {
  it("sends the search as q beside the other filters, and a preset range as from", () => {
    const now = Date.parse("2025-01-02T00:00:00.000Z");
    const query = new URLSearchParams(runListQuery({ q: "alice", statuses: ["running"], range: "24h" }, { cursor: "c1", now }));
    expect(Object.fromEntries(query)).toEqual({ q: "alice", status: "running", from: "2025-01-01T00:00:00.000Z", cursor: "c1" });
  });
});
