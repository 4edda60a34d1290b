import { formatTime } from './format.js';

/**
 * "Sync now" after a 409 `sync_debounced`: when the button is available again and how to say it.
 * `availableAt` comes from the error's details; the clock is passed in.
 */
export interface DebounceState {
  readonly isAvailable: boolean;
  /** Whole minutes left, rounded up (never "in 0 min" while still blocked). */
  readonly minutesLeft: number;
  /** "Available again at 14:35 (in 12 min)", or null once available. */
  readonly label: string | null;
}

export function debounceState(availableAt: string | null, now: Date): DebounceState {
  if (availableAt === null) return { isAvailable: true, minutesLeft: 0, label: null };
  const at = new Date(availableAt);
  const leftMs = at.getTime() - now.getTime();
  if (Number.isNaN(leftMs) || leftMs <= 0) return { isAvailable: true, minutesLeft: 0, label: null };
  const minutesLeft = Math.max(1, Math.ceil(leftMs / 60_000));
  return { isAvailable: false, minutesLeft, label: `Available again at ${formatTime(at)} (in ${minutesLeft} min)` };
}

/** Reads `availableAt` from a 409 `sync_debounced` error's details (or derives it from retryAfterSeconds). */
export function availableAtFromDetails(details: unknown, now: Date): string | null {
  if (typeof details !== 'object' || details === null) return null;
  const record = details as Record<string, unknown>;
  if (typeof record.availableAt === 'string') return record.availableAt;
  if (typeof record.retryAfterSeconds === 'number') return new Date(now.getTime() + record.retryAfterSeconds * 1000).toISOString();
  return null;
}
