import { describe, expect, it } from "vitest";
import { StatementBatches } from "./statement-batches";

function createGate() {
  let release!: () => void;
  const opened = new Promise<void>((resolve) => (release = resolve));
  return { opened, release };
}

describe("StatementBatches", () => {
  it("sends what arrives in one turn as one statement, and what arrives meanwhile as the next", async () => {
    const sent: string[][] = [];
    const gate = createGate();
    const batches = new StatementBatches<string>(async (items) => {
      sent.push(items);
      if (sent.length === 1) await gate.opened;
    });
    const first = ["a", "b", "c"].map((item) => batches.add(item));
    await new Promise((resolve) => setImmediate(resolve));
    const second = ["d", "e"].map((item) => batches.add(item));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sent).toEqual([["a", "b", "c"]]);
    gate.release();
    await Promise.all([...first, ...second]);
    expect(sent).toEqual([
      ["a", "b", "c"],
      ["d", "e"],
    ]);
  });

  it("resolves nobody before the statement has returned", async () => {
    const gate = createGate();
    const batches = new StatementBatches<string>(() => gate.opened);
    let settled = false;
    const written = batches.add("a").then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    gate.release();
    await written;
    expect(settled).toBe(true);
  });

  it("fails only the item that fails on its own when a shared statement fails", async () => {
    const sent: string[][] = [];
    const batches = new StatementBatches<string>(async (items) => {
      sent.push(items);
      if (items.includes("bad")) throw new Error("bad row");
    });
    const results = await Promise.allSettled(["a", "bad", "c"].map((item) => batches.add(item)));
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(sent).toEqual([["a", "bad", "c"], ["a"], ["bad"], ["c"]]);
  });

  it("gives each caller its own item's result", async () => {
    const batches = new StatementBatches<number, number>(async (items) => items.map((item) => item * 10));
    expect(await Promise.all([1, 2, 3].map((item) => batches.add(item)))).toEqual([10, 20, 30]);
  });

  it("caps the items of one statement", async () => {
    const sizes: number[] = [];
    const batches = new StatementBatches<number>(async (items) => void sizes.push(items.length), 2);
    await Promise.all([1, 2, 3, 4, 5].map((item) => batches.add(item)));
    expect(sizes).toEqual([2, 2, 1]);
  });
});
