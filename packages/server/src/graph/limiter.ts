import { systemClock } from './clock.js';
import type { Clock } from './clock.js';

export interface RequestLimiter {
  /** Resolves when `cost` requests may be sent without passing the tenant's budget. */
  acquire(cost: number, signal?: AbortSignal): Promise<void>;
}

export interface SlidingWindowOptions {
  /** Graph allows 2000 requests / 20 s per app per tenant for Intune; keep a margin (NOTES §4.1). */
  readonly limit?: number;
  readonly windowMs?: number;
  readonly clock?: Clock;
}

export const DEFAULT_LIMIT = 1800;
export const DEFAULT_WINDOW_MS = 20_000;

/**
 * Sliding-window limiter over the send times of the last `limit` requests (a ring buffer, so memory is
 * bounded by the limit, not by traffic). Waiters are served in arrival order.
 */
export class SlidingWindowLimiter implements RequestLimiter {
  readonly limit: number;
  readonly windowMs: number;
  private readonly clock: Clock;
  private readonly stamps: Float64Array;
  private head = 0;
  private size = 0;
  private tail: Promise<void> = Promise.resolve();

  constructor(options: SlidingWindowOptions = {}) {
    this.limit = options.limit ?? DEFAULT_LIMIT;
    this.windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
    this.clock = options.clock ?? systemClock;
    if (!Number.isInteger(this.limit) || this.limit < 1) throw new Error(`limiter limit must be a positive integer, got ${this.limit}`);
    if (!(this.windowMs > 0)) throw new Error(`limiter windowMs must be positive, got ${this.windowMs}`);
    this.stamps = new Float64Array(this.limit);
  }

  acquire(cost: number, signal?: AbortSignal): Promise<void> {
    if (!Number.isInteger(cost) || cost < 1 || cost > this.limit) {
      return Promise.reject(new Error(`limiter cost must be an integer in 1..${this.limit}, got ${cost}`));
    }
    const turn = this.tail.then(() => this.take(cost, signal));
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  /** Requests counted in the current window. */
  inWindow(): number {
    this.evict(this.clock.now());
    return this.size;
  }

  private async take(cost: number, signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.clock.now();
      this.evict(now);
      if (this.size + cost <= this.limit) {
        for (let i = 0; i < cost; i++) this.push(now);
        return;
      }
      const mustExpire = this.size + cost - this.limit;
      const oldestBlocking = this.stamps[(this.head + mustExpire - 1) % this.limit] ?? now;
      await this.clock.sleep(Math.max(1, oldestBlocking + this.windowMs - now), signal);
    }
  }

  private evict(now: number): void {
    while (this.size > 0 && (this.stamps[this.head] ?? 0) + this.windowMs <= now) {
      this.head = (this.head + 1) % this.limit;
      this.size--;
    }
  }

  private push(at: number): void {
    this.stamps[(this.head + this.size) % this.limit] = at;
    this.size++;
  }
}

/** One limiter per tenant, held by the composition root and shared by every client of that tenant. */
export class TenantLimiters {
  private readonly byTenant = new Map<string, SlidingWindowLimiter>();
  constructor(private readonly options: SlidingWindowOptions = {}) {}

  forTenant(tenantId: string): SlidingWindowLimiter {
    const key = tenantId.toLowerCase();
    let limiter = this.byTenant.get(key);
    if (limiter === undefined) {
      limiter = new SlidingWindowLimiter(this.options);
      this.byTenant.set(key, limiter);
    }
    return limiter;
  }
}
