import { describe, expect, it } from "vitest";
import { toStorableStepData } from "./storable-step-data";

describe("toStorableStepData", () => {
  it("leaves ordinary data as it is, emoji included", () => {
    const value = { a: [1, "two", { three: null, flag: true }], "ключ": "😀", escaped: "\\u0000 as text" };
    expect(toStorableStepData(value)).toEqual(value);
  });

  it("writes NUL characters and unpaired surrogates out as \\uXXXX text, in values and keys", () => {
    expect(toStorableStepData({ "a\u0000b": ["x\u0000y", "lone \ud800", "low \udc01 end", "pair 😀"] })).toEqual({
      "a\\u0000b": ["x\\u0000y", "lone \\ud800", "low \\udc01 end", "pair 😀"],
    });
    expect(toStorableStepData("top\u0000")).toBe("top\\u0000");
  });

  it("replaces what nests deeper than the limit with a note, without exhausting the stack", () => {
    let deep: unknown = "bottom";
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const stored = toStorableStepData({ deep }, 64) as { deep: unknown };
    // The object and 63 arrays inside it: 64 levels kept.
    let level: unknown = stored.deep;
    let depth = 1;
    while (Array.isArray(level)) {
      level = level[0];
      depth++;
    }
    expect(depth).toBe(64);
    expect(level).toEqual({ truncated: "nested more than 64 levels deep; not kept" });
    expect(() => JSON.stringify(stored)).not.toThrow();
  });
});
