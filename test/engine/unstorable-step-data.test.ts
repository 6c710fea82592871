// A partner's answer or user code may produce what PostgreSQL cannot store (NUL, unpaired surrogates, absurd
// nesting). The run still goes on, its record holds a visibly escaped copy, and the steps after it read that copy.
import { describe, expect, it } from "vitest";
import { functionStep, requestStep, runOnce, useEngineWorld } from "@/test/engine-helpers";

const engine = useEngineWorld();

describe("step data PostgreSQL cannot store", () => {
  it("is escaped in a Request's answer, and the next step reads the escaped copy", async () => {
    engine.stub.on("/nul", () => ({ body: { name: "Ada\u0000Lovelace", lone: "x\ud800y" } }));
    const run = await runOnce(engine.world, [
      requestStep("fetch", `${engine.stub.url}/nul`),
      functionStep("read", "function (params) { return { name: params.name } }", { name: "{{steps.fetch.output.body.name}}" }),
    ]);
    expect(run.status).toBe("succeeded");
    expect(run.steps.find((step) => step.stepId === "fetch")?.output).toMatchObject({ body: { name: "Ada\\u0000Lovelace", lone: "x\\ud800y" } });
    expect(run.output).toEqual({ name: "Ada\\u0000Lovelace" });
  });

  it("is escaped in a Function's result, and what nests too deep is replaced by a note", async () => {
    const run = await runOnce(engine.world, [
      functionStep("make", "function () { let deep = 'bottom'; for (let i = 0; i < 300; i++) deep = [deep]; return { text: 'a\\u0000b', deep } }"),
    ]);
    expect(run.status).toBe("succeeded");
    const output = run.steps[0].output as { text: string; deep: unknown };
    expect(output.text).toBe("a\\u0000b");
    expect(JSON.stringify(output.deep)).toContain("nested more than 64 levels deep");
  });

  it("refuses a JSON body template that nests too deep after filling in, without retrying", async () => {
    const deep = `${"[".repeat(100)}1${"]".repeat(100)}`;
    const run = await runOnce(engine.world, [requestStep("send", `${engine.stub.url}/deep`, { config: { method: "POST", url: `${engine.stub.url}/deep`, headers: [], query: [], body: { kind: "json", json: deep } } })]);
    expect(run.status).toBe("failed");
    expect(run.steps[0]).toMatchObject({ status: "failed", retryAt: null, error: { code: "template_invalid_json" } });
    expect(engine.stub.hits("/deep")).toHaveLength(0);
  });
});
