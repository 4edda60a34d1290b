import type { Stage } from './run-report.js';
import { STAGES } from './run-report.js';

/**
 * Wall time and devices per stage, for the report's per-stage devices/s. Calls of one stage that overlap (a page's
 * writes run while the next page is read) count their union: the time that stage was under way, not the sum.
 */
export class StageTimer {
  readonly #ms = new Map<Stage, number>(STAGES.map((s) => [s, 0]));
  readonly #devices = new Map<Stage, number>(STAGES.map((s) => [s, 0]));
  readonly #running = new Map<Stage, { count: number; since: number }>();

  async time<T>(stage: Stage, devices: number, fn: () => Promise<T>): Promise<T> {
    const running = this.#running.get(stage) ?? { count: 0, since: 0 };
    if (running.count === 0) running.since = performance.now();
    running.count += 1;
    this.#running.set(stage, running);
    try {
      return await fn();
    } finally {
      running.count -= 1;
      this.add(stage, devices, running.count === 0 ? performance.now() - running.since : 0);
    }
  }

  timeSync<T>(stage: Stage, devices: number, fn: () => T): T {
    const started = performance.now();
    try {
      return fn();
    } finally {
      this.add(stage, devices, performance.now() - started);
    }
  }

  add(stage: Stage, devices: number, ms: number): void {
    this.#ms.set(stage, (this.#ms.get(stage) ?? 0) + ms);
    this.#devices.set(stage, (this.#devices.get(stage) ?? 0) + devices);
  }

  snapshot(): Record<Stage, { ms: number; devices: number }> {
    const out = {} as Record<Stage, { ms: number; devices: number }>;
    for (const stage of STAGES) out[stage] = { ms: Math.round(this.#ms.get(stage) ?? 0), devices: this.#devices.get(stage) ?? 0 };
    return out;
  }
}
