/** How a StatementBatches forms and sends its batches. */
export type TBatchOptions<T> = {
  /** At most this many items in one statement (default 200). */
  maxItems?: number;
  /** At most this many bytes of items in one statement, each measured by `sizeOf`; an item larger alone still goes, alone. */
  maxBytes?: number;
  sizeOf?: (item: T) => number;
  /**
   * Sends as soon as no statement is out, instead of at the end of the event loop's turn: a lone item goes at
   * once, and what arrives while it is out goes next, together.
   */
  immediate?: boolean;
  /**
   * Waits this long after the first item arrives before sending (when no statement is out), so that items
   * arriving a little apart share a statement: group commit at the cost of that much latency per item.
   */
  lingerMs?: number;
  /**
   * Runs once per batch before it is sent (a rate limit, say): of the items, in order, the first `admitted` go
   * on and the others fail with `refusal`. If it throws, the whole batch fails with its error. Items retried
   * alone after a failed shared statement are not admitted again.
   */
  admit?: (items: T[]) => Promise<{ admitted: number; refusal: unknown }>;
};

type TEntry<T, R> = { item: T; bytes: number; resolve: (result: R) => void; reject: (error: unknown) => void };

/**
 * Sends what was added in one turn of the event loop, and whatever arrives while a statement is out, as the
 * next single statement, and gives each caller its own item's result. One statement is out at a time, which
 * is what lets batches form (the way PostgreSQL's group commit does).
 *
 * A shared statement's failure does not say whose item caused it, so each item of a failed batch is then sent
 * alone, one after the other: one caller's bad item fails that caller only. Whatever fails, every item of a
 * batch is settled and the next batch goes.
 */
export class StatementBatches<T, R = void> {
  private waiting: TEntry<T, R>[] = [];
  private sending = false;
  private scheduled = false;
  private readonly maxItems: number;

  /** `send` answers one result per item, in order (or nothing, for R = void). `onIdle`: nothing is waiting or out any more. */
  constructor(
    private readonly send: (items: T[]) => Promise<R[] | void>,
    private readonly options: TBatchOptions<T> = {},
    private readonly onIdle?: () => void,
  ) {
    this.maxItems = options.maxItems ?? 200;
  }

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, bytes: this.options.sizeOf?.(item) ?? 0, resolve, reject });
      if (this.options.immediate) void this.sendWaiting();
      else this.schedule();
    });
  }

  private schedule(): void {
    if (this.sending || this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    const send = () => {
      this.scheduled = false;
      void this.sendWaiting();
    };
    // setImmediate runs after this turn's I/O callbacks: what they added goes out together.
    if (this.options.lingerMs) setTimeout(send, this.options.lingerMs);
    else setImmediate(send);
  }

  private async sendWaiting(): Promise<void> {
    if (this.sending || this.waiting.length === 0) return;
    this.sending = true;
    const entries = this.waiting.splice(0, this.batchSize());
    try {
      await this.sendBatch(entries);
    } catch (error) {
      // Not reached by a failing statement (sendBatch settles those); whatever else went wrong, nobody is left waiting.
      for (const entry of entries) entry.reject(error);
    } finally {
      this.sending = false;
      if (this.waiting.length === 0) this.onIdle?.();
      else if (this.options.immediate) void this.sendWaiting();
      else this.schedule();
    }
  }

  private batchSize(): number {
    const limit = Math.min(this.waiting.length, this.maxItems);
    const { maxBytes } = this.options;
    if (maxBytes === undefined) return limit;
    let size = 1;
    let bytes = this.waiting[0].bytes;
    while (size < limit && bytes + this.waiting[size].bytes <= maxBytes) bytes += this.waiting[size++].bytes;
    return size;
  }

  private async sendBatch(entries: TEntry<T, R>[]): Promise<void> {
    let batch = entries;
    if (this.options.admit) {
      try {
        const { admitted, refusal } = await this.options.admit(entries.map((entry) => entry.item));
        for (const refused of entries.slice(admitted)) refused.reject(refusal);
        batch = entries.slice(0, admitted);
      } catch (error) {
        for (const entry of entries) entry.reject(error);
        return;
      }
      if (batch.length === 0) return;
    }
    try {
      const results = await this.send(batch.map((entry) => entry.item));
      batch.forEach((entry, i) => entry.resolve(results?.[i] as R));
    } catch (error) {
      if (batch.length === 1) batch[0].reject(error);
      else {
        for (const entry of batch) {
          await this.send([entry.item]).then((results) => entry.resolve(results?.[0] as R), entry.reject);
        }
      }
    }
  }
}

/**
 * StatementBatches per key (a project, say): each key's items are batched apart, one statement out per key.
 * A key's batches are dropped as soon as nothing of it is waiting or out, so keys seen once cost nothing later.
 */
export class KeyedStatementBatches<T, R = void> {
  private readonly byKey = new Map<string, StatementBatches<T, R>>();

  constructor(
    private readonly send: (key: string, items: T[]) => Promise<R[] | void>,
    private readonly options: TBatchOptions<T> = {},
  ) {}

  add(key: string, item: T): Promise<R> {
    let batches = this.byKey.get(key);
    if (!batches) {
      batches = new StatementBatches<T, R>((items) => this.send(key, items), this.options, () => this.byKey.delete(key));
      this.byKey.set(key, batches);
    }
    return batches.add(item);
  }

  /** How many keys have items waiting or out. */
  get activeKeys(): number {
    return this.byKey.size;
  }
}
