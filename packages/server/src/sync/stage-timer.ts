import type { Stage } from './run-report.js';
import { STAGES } from './run-report.js';

/** Wall time and devices per stage, for the report's per-stage devices/s. */
export class StageTimer {
  readonly #ms = new Map<Stage, number>(STAGES.map((s) => [s, 0]));
  readonly #devices = new Map<Stage, number>(STAGES.map((s) => [s, 0]));

  async time<T>(stage: Stage, devices: number, fn: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await fn();
    } finally {
      this.add(stage, devices, performance.now() - started);
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
