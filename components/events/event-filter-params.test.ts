// The Event Log's search filters in the query string: the name (sent as typed, matched as part of a name by the
// API) and the schema-mismatch filter, which only App Events can meet.
import { describe, expect, it } from "vitest";
import { hasEventFilters, readEventFilters, type TEventFilters, writeEventFilters } from "./event-filter-params";

const roundTrip = (filters: TEventFilters) => readEventFilters(writeEventFilters(filters));

describe("the name and schema-mismatch filters in the URL", () => {
  it.each<[string, TEventFilters, string]>([
    ["a part of a name, wildcards and all", { name: "50% off_\\" }, "name=50%25+off_%5C"],
    ["the schema-mismatch filter", { schemaMismatch: "true" }, "schemaMismatch=true"],
    ["both, with an App Event source", { name: "deal", source: "sdk", schemaMismatch: "true" }, "name=deal&source=sdk&schemaMismatch=true"],
    ["mismatches with runs started", { startedRuns: "false", schemaMismatch: "true" }, "startedRuns=false&schemaMismatch=true"],
  ])("writes and reads back %s", (_label, filters, query) => {
    expect(writeEventFilters(filters).toString()).toBe(query);
    expect(roundTrip(filters)).toEqual(filters);
    expect(hasEventFilters(filters)).toBe(true);
  });

  it("reads only schemaMismatch=true, the one value the API takes", () => {
    for (const value of ["false", "1", "TRUE", ""]) expect(readEventFilters(new URLSearchParams(`schemaMismatch=${value}`))).toEqual({});
  });

  it.each<[string, TEventFilters, string]>([
    ["a webhook source", { source: "webhook", schemaMismatch: "true" }, "source=webhook"],
    ["an integration", { integration: "github", schemaMismatch: "true" }, "integration=github"],
    ["a delivery status", { deliveryStatus: "accepted", schemaMismatch: "true" }, "deliveryStatus=accepted"],
  ])("drops the schema-mismatch filter beside %s: webhook deliveries are never checked against a schema", (_label, filters, query) => {
    expect(writeEventFilters(filters).toString()).toBe(query);
    expect(readEventFilters(new URLSearchParams(`${query}&schemaMismatch=true`)).schemaMismatch).toBeUndefined();
  });
});
