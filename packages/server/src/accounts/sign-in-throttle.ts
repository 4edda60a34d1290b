/**
 * Failed sign-ins per client address and per email in a sliding window. Both keys count: one address guessing
 * many emails and many addresses guessing one email are each stopped. In memory on purpose: the window is short
 * and a restart forgetting it is harmless; a scaled-out deployment behind a load balancer throttles per process.
 */
export class SignInThrottle {
  readonly #failures = new Map<string, number[]>();

  constructor(
    private readonly options: { maxFailures: number; windowMs: number; now?: () => number } = { maxFailures: 10, windowMs: 15 * 60_000 },
  ) {}

  /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfterSeconds(keys: readonly string[]): number {
    const now = this.#now();
    let waitMs = 0;
    for (const key of keys) {
      const recent = this.#recent(key, now);
      if (recent.length >= this.options.maxFailures) {
        const oldest = recent[recent.length - this.options.maxFailures] ?? now;
        waitMs = Math.max(waitMs, oldest + this.options.windowMs - now);
      }
    }
    return Math.ceil(waitMs / 1000);
  }

  recordFailure(keys: readonly string[]): void {
    const now = this.#now();
    for (const key of keys) this.#failures.set(key, [...this.#recent(key, now), now]);
  }

  recordSuccess(keys: readonly string[]): void {
    for (const key of keys) this.#failures.delete(key);
  }

  #recent(key: string, now: number): number[] {
    const list = (this.#failures.get(key) ?? []).filter((at) => at > now - this.options.windowMs);
    if (list.length === 0) this.#failures.delete(key);
    return list;
  }

  #now(): number {
    return this.options.now?.() ?? Date.now();
  }
}
