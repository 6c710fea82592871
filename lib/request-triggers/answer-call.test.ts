import { describe, expect, it } from "vitest";
import { answerOfRun } from "./answer-call";

describe("answerOfRun", () => {
  it("sends text as it is, as JSON when it reads as JSON, else as plain text", () => {
    expect(answerOfRun({ statusCode: 201, headers: {}, body: '{"ok": true}' })).toEqual({ status: 201, headers: { "content-type": "application/json" }, text: '{"ok": true}' });
    expect(answerOfRun({ statusCode: 200, headers: {}, body: "hello" })).toEqual({ status: 200, headers: { "content-type": "text/plain; charset=utf-8" }, text: "hello" });
    expect(answerOfRun({ statusCode: 200, headers: { "Content-Type": "text/csv" }, body: "a,b" })).toEqual({ status: 200, headers: { "content-type": "text/csv" }, text: "a,b" });
  });

  it("sends other values as JSON", () => {
    expect(answerOfRun({ statusCode: 200, headers: {}, body: { n: 1 } })).toEqual({ status: 200, headers: { "content-type": "application/json" }, text: '{"n":1}' });
    expect(answerOfRun({ statusCode: 200, headers: {}, body: null })).toEqual({ status: 200, headers: { "content-type": "application/json" }, text: "null" });
  });

  it("sends no body for an empty one and for 204 and 304", () => {
    expect(answerOfRun({ statusCode: 200, headers: { "content-type": "text/plain" }, body: "" })).toEqual({ status: 200, headers: {} });
    expect(answerOfRun({ statusCode: 204, headers: {}, body: "ignored" })).toEqual({ status: 204, headers: {} });
    expect(answerOfRun({ statusCode: 304, headers: {}, body: { n: 1 } })).toEqual({ status: 304, headers: {} });
  });

  it("keeps the step's own headers, and none that are the server's or reach beyond this answer", () => {
    const headers = {
      "X-Request-Id": "r-1",
      "set-cookie": "a=1",
      "content-length": "999",
      "transfer-encoding": "chunked",
      "access-control-allow-origin": "https://evil.example",
      "bad name": "x",
      "x-split": "a\r\nInjected: 1",
    };
    expect(answerOfRun({ statusCode: 200, headers, body: "" })).toEqual({ status: 200, headers: { "x-request-id": "r-1" } });
  });

  it("answers 200 for a status that cannot be a final answer", () => {
    expect(answerOfRun({ statusCode: 101, headers: {}, body: "" }).status).toBe(200);
  });
});
