import { describe, expect, it } from "vitest";
import { metadataSummary } from "./metadata-summary";

describe("metadataSummary", () => {
  it("puts the name and email first, in any case, then other keys as key: value", () => {
    expect(metadataSummary({ plan: "pro", Email: "ada@example.com", Name: "Ada" })).toBe("Ada · ada@example.com · plan: pro");
  });
  it("counts nested values instead of printing them, and skips empty strings", () => {
    expect(metadataSummary({ name: "Ada", nickname: "", providers: { salesforce: "x" }, tags: ["a"] })).toBe("Ada · +2 more");
  });
  it("is empty for no metadata", () => {
    expect(metadataSummary({})).toBe("");
  });
  it("cuts a long line with an ellipsis", () => {
    const line = metadataSummary({ note: "x".repeat(300) });
    expect(line).toHaveLength(120);
    expect(line.endsWith("…")).toBe(true);
  });
});
