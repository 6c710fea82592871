import { describe, expect, it } from "vitest";
import { KeyedStatementBatches, StatementBatches } from "./statement-batches";

function createGate() {
  let release!: () => void;
  const opened = new Promise<void>((resolve) => (release = resolve));
  return { opened, release };
}

// A key is forgotten a few microtasks after its last caller is answered.
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

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

  it("with lingerMs, lets items that arrive over several turns share the first one's statement", async () => {
    const sent: string[][] = [];
    const batches = new StatementBatches<string>(async (items) => void sent.push(items), { lingerMs: 50 });
    const first = batches.add("a");
    await nextTurn();
    const second = batches.add("b");
    await nextTurn();
    const third = batches.add("c");
    await Promise.all([first, second, third]);
    expect(sent).toEqual([["a", "b", "c"]]);
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
    const batches = new StatementBatches<number>(async (items) => void sizes.push(items.length), { maxItems: 2 });
    await Promise.all([1, 2, 3, 4, 5].map((item) => batches.add(item)));
    expect(sizes).toEqual([2, 2, 1]);
  });

  it("caps the bytes of one statement, and sends an item larger than the cap alone", async () => {
    const sent: string[][] = [];
    const batches = new StatementBatches<string>(async (items) => void sent.push(items), { maxBytes: 4, sizeOf: (item) => item.length });
    await Promise.all(["aa", "bb", "c", "ddddd", "e", "f"].map((item) => batches.add(item)));
    expect(sent).toEqual([["aa", "bb"], ["c"], ["ddddd"], ["e", "f"]]);
  });

  it("goes on with the next batch after a batch whose every attempt failed", async () => {
    const sent: string[][] = [];
    const gate = createGate();
    const batches = new StatementBatches<string>(async (items) => {
      sent.push(items);
      if (sent.length === 1) await gate.opened;
      if (items.some((item) => item.startsWith("bad"))) throw new Error("bad row");
    });
    const first = batches.add("first");
    await new Promise((resolve) => setImmediate(resolve));
    const failing = ["bad-1", "bad-2"].map((item) => batches.add(item));
    gate.release();
    await first;
    expect((await Promise.allSettled(failing)).map((result) => result.status)).toEqual(["rejected", "rejected"]);
    await batches.add("later");
    expect(sent).toEqual([["first"], ["bad-1", "bad-2"], ["bad-1"], ["bad-2"], ["later"]]);
  });
});

describe("StatementBatches with admit", () => {
  it("admits once per batch, fails the refused items with the refusal, and does not admit again items retried alone", async () => {
    const admitted: string[][] = [];
    const sent: string[][] = [];
    const refusal = new Error("refused");
    const batches = new StatementBatches<string>(
      async (items) => {
        sent.push(items);
        if (items.includes("bad")) throw new Error("bad row");
      },
      { admit: async (items) => (admitted.push(items), { admitted: 3, refusal }) },
    );
    const results = await Promise.allSettled(["a", "bad", "c", "over"].map((item) => batches.add(item)));
    expect(results.map((result) => (result.status === "rejected" ? (result.reason as Error).message : "ok"))).toEqual(["ok", "bad row", "ok", "refused"]);
    expect(admitted).toEqual([["a", "bad", "c", "over"]]);
    expect(sent).toEqual([["a", "bad", "c"], ["a"], ["bad"], ["c"]]);
  });

  it("fails the whole batch with the error of a failed admission, and goes on with the next", async () => {
    let admissions = 0;
    const batches = new StatementBatches<string>(async () => {}, {
      admit: async (items) => {
        admissions += 1;
        if (admissions === 1) throw new Error("admission failed");
        return { admitted: items.length, refusal: null };
      },
    });
    const results = await Promise.allSettled(["a", "b"].map((item) => batches.add(item)));
    expect(results.map((result) => result.status)).toEqual(["rejected", "rejected"]);
    await expect(batches.add("c")).resolves.toBeUndefined();
  });
});

describe("StatementBatches, immediate", () => {
  it("sends a lone item at once, and what arrives meanwhile as the next statement", async () => {
    const sent: string[][] = [];
    const gate = createGate();
    const batches = new StatementBatches<string>(
      async (items) => {
        sent.push(items);
        if (sent.length === 1) await gate.opened;
      },
      { immediate: true },
    );
    const all = ["a", "b", "c"].map((item) => batches.add(item));
    // Sent in the same turn: no setImmediate in between.
    expect(sent).toEqual([["a"]]);
    gate.release();
    await Promise.all(all);
    expect(sent).toEqual([["a"], ["b", "c"]]);
  });
});

describe("KeyedStatementBatches", () => {
  it("batches each key apart, one statement out per key, and forgets a key once it is idle", async () => {
    const sent: [string, number[]][] = [];
    const gates = { p: createGate(), q: createGate() };
    const batches = new KeyedStatementBatches<number, number>(
      async (key, items) => {
        sent.push([key, items]);
        if (sent.filter(([sentKey]) => sentKey === key).length === 1) await gates[key as "p" | "q"].opened;
        return items.map((item) => item * 10);
      },
      { immediate: true },
    );
    const p = [1, 2, 3].map((item) => batches.add("p", item));
    const q = [4, 5].map((item) => batches.add("q", item));
    expect(sent).toEqual([
      ["p", [1]],
      ["q", [4]],
    ]);
    expect(batches.activeKeys).toBe(2);
    gates.q.release();
    expect(await Promise.all(q)).toEqual([40, 50]);
    await nextTurn();
    expect(batches.activeKeys).toBe(1);
    gates.p.release();
    expect(await Promise.all(p)).toEqual([10, 20, 30]);
    await nextTurn();
    expect(batches.activeKeys).toBe(0);
    expect(sent).toEqual([
      ["p", [1]],
      ["q", [4]],
      ["q", [5]],
      ["p", [2, 3]],
    ]);
  });

  it("keeps no key behind for keys whose statements failed", async () => {
    const batches = new KeyedStatementBatches<number>(async () => {
      throw new Error("down");
    });
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => batches.add(`key-${i % 10}`, i)));
    expect(results.every((result) => result.status === "rejected")).toBe(true);
    await nextTurn();
    expect(batches.activeKeys).toBe(0);
  });
});
