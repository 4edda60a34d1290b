/**
 * The register writes of earlier pages still under way while the next page is read and mapped. The register
 * applies a run's writes in the order they were asked for, so a page's writes are done when its last one is.
 *
 * A page may go on past unfinished writes unless it touches what they write: a device whose serial or match key
 * an unfinished write carries waits for it (its lookup must find that asset, and the serial's holder must know its
 * outcome). At most `maxPages` pages (3) are unfinished at once, the one being read among them, so memory holds
 * a bounded number of them.
 */
export class WriteBehind {
  readonly #pages: Array<{ readonly keys: ReadonlySet<string>; readonly done: Promise<void> }> = [];
  readonly #maxPages: number;
  #failure: { readonly error: unknown } | null = null;

  constructor(options: { readonly maxPages?: number } = {}) {
    this.#maxPages = options.maxPages ?? 3;
  }

  /**
   * A page's writes. Each settles when its write and whatever the page does with the result are done; one rejects
   * only when the run must stop (the register refused every write of a batch).
   */
  add(keys: ReadonlySet<string>, writes: readonly Promise<void>[]): void {
    if (writes.length === 0) return;
    const page = {
      keys,
      // Every write of the page, failed or not: a page is done only when none of its writes is still running.
      done: Promise.allSettled(writes).then((results) => {
        for (const result of results) if (result.status === 'rejected') this.#failure ??= { error: result.reason };
      }),
    };
    void page.done.finally(() => {
      const at = this.#pages.indexOf(page);
      if (at !== -1) this.#pages.splice(at, 1);
    });
    this.#pages.push(page);
  }

  /** Before a page is looked up: waits for the writes it depends on and for room; throws if a write stopped the run. */
  async before(keys: Iterable<string>): Promise<void> {
    this.#throwIfFailed();
    let last = -1;
    for (const key of keys) {
      for (let i = this.#pages.length - 1; i > last; i -= 1) {
        if (this.#pages[i]?.keys.has(key)) {
          last = i;
          break;
        }
      }
    }
    // A page's retries of single devices queue behind later pages' writes, so every page up to the one waited for is awaited.
    const waitFor = Math.max(last, this.#pages.length - this.#maxPages);
    if (waitFor >= 0) await Promise.all(this.#pages.slice(0, waitFor + 1).map((page) => page.done));
    this.#throwIfFailed();
  }

  /** Waits for every write; throws the first failure. Reconcile and the run's end come after this. */
  async settle(): Promise<void> {
    await this.idle();
    this.#throwIfFailed();
  }

  /** Waits for every write without throwing: a run that stops for another reason still returns only once they are done. */
  async idle(): Promise<void> {
    while (this.#pages.length > 0) await Promise.all(this.#pages.map((page) => page.done));
  }

  #throwIfFailed(): void {
    if (this.#failure !== null) throw this.#failure.error;
  }
}
