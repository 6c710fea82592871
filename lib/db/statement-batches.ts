/**
 * Sends what was added in one turn of the event loop, and whatever arrives while a statement is out, as the
 * next single statement, and gives each caller its own item's result. One statement is out at a time, which
 * is what lets batches form (the way PostgreSQL's group commit does).
 *
 * A shared statement's failure does not say whose item caused it, so each item of a failed batch is then sent
 * alone, one after the other: one caller's bad item fails that caller only.
 */
export class StatementBatches<T, R = void> {
  private waiting: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] = [];
  private sending = false;
  private scheduled = false;

  /** `send` answers one result per item, in order (or nothing, for R = void). */
  constructor(
    private readonly send: (items: T[]) => Promise<R[] | void>,
    private readonly maxItems = 200,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.sending || this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    // setImmediate runs after this turn's I/O callbacks: what they added goes out together.
    setImmediate(() => {
      this.scheduled = false;
      void this.sendWaiting();
    });
  }

  private async sendWaiting(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    const batch = this.waiting.splice(0, this.maxItems);
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
    } finally {
      this.sending = false;
      this.schedule();
    }
  }
}
