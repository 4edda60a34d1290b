import type { ErrorKind, GraphFailure } from './graph-error.js';

export interface RetryPolicy {
  /** Total attempts for throttling, 503/504 and network failures. */
  readonly maxAttempts: number;
  /** Total attempts for 500/502 (Intune's 500 is often transient, but not always). */
  readonly maxServerErrorAttempts: number;
  readonly maxMalformedAttempts: number;
  readonly baseDelayMs: number;
  readonly maxBackoffMs: number;
  /** Hard cap on any single wait, including a server-requested Retry-After. */
  readonly maxWaitMs: number;
  /** Jitter source in [0, 1). */
  readonly random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 8,
  maxServerErrorAttempts: 4,
  maxMalformedAttempts: 3,
  baseDelayMs: 1000,
  maxBackoffMs: 60_000,
  // Graph workloads have been seen asking for 315 s (NOTES §4.2); waiting less only earns another 429.
  maxWaitMs: 330_000,
  random: Math.random,
});

export interface AttemptState {
  /** 1-based number of the attempt that just failed. */
  readonly attempt: number;
  readonly hasRefreshedToken: boolean;
  /** The application permission the request needs, named in 403 messages. */
  readonly permission?: string;
}

export type RetryAction = 'retry' | 'refresh_token' | 'fail';

export interface RetryDecision {
  readonly action: RetryAction;
  readonly kind: ErrorKind;
  readonly reason: string;
  /** The wait to apply before the next attempt (capped by maxWaitMs). */
  readonly waitMs?: number;
  /** The wait the server asked for or backoff computed, before the cap. */
  readonly computedWaitMs?: number;
  readonly permission?: string;
}

type Budget = 'maxAttempts' | 'maxServerErrorAttempts' | 'maxMalformedAttempts';

interface Rule {
  readonly reason: string;
  readonly matches: (f: GraphFailure) => boolean;
  readonly outcome:
    | { readonly action: 'retry'; readonly budget: Budget }
    | { readonly action: 'refresh_token' }
    | { readonly action: 'fail'; readonly kind: ErrorKind };
}

const status = (...codes: number[]) => (f: GraphFailure) => f.type === 'http' && f.status !== undefined && codes.includes(f.status);
const statusRange = (from: number, to: number) => (f: GraphFailure) =>
  f.type === 'http' && f.status !== undefined && f.status >= from && f.status <= to;
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/;

// First match wins. Graph's own SDK retries 429/503/504 (RetryHandler.ts); we add resets, timeouts,
// malformed bodies and a few 500s.
const RULES: readonly Rule[] = [
  { reason: 'auth_failed', matches: (f) => f.type === 'auth', outcome: { action: 'fail', kind: 'config' } },
  {
    reason: 'tls_untrusted',
    matches: (f) => f.type === 'network' && f.code !== undefined && TLS_CODES.test(f.code),
    outcome: { action: 'fail', kind: 'config' },
  },
  { reason: 'network_error', matches: (f) => f.type === 'network', outcome: { action: 'retry', budget: 'maxAttempts' } },
  { reason: 'timeout', matches: (f) => f.type === 'timeout', outcome: { action: 'retry', budget: 'maxAttempts' } },
  {
    reason: 'malformed_response',
    matches: (f) => f.type === 'malformed_response',
    outcome: { action: 'retry', budget: 'maxMalformedAttempts' },
  },
  { reason: 'throttled', matches: status(429), outcome: { action: 'retry', budget: 'maxAttempts' } },
  { reason: 'service_unavailable', matches: status(503), outcome: { action: 'retry', budget: 'maxAttempts' } },
  { reason: 'gateway_timeout', matches: status(504), outcome: { action: 'retry', budget: 'maxAttempts' } },
  { reason: 'server_error', matches: status(500, 502), outcome: { action: 'retry', budget: 'maxServerErrorAttempts' } },
  { reason: 'unauthorized', matches: status(401), outcome: { action: 'refresh_token' } },
  { reason: 'forbidden', matches: status(403), outcome: { action: 'fail', kind: 'config' } },
  { reason: 'not_found', matches: status(404), outcome: { action: 'fail', kind: 'system' } },
  { reason: 'bad_request', matches: statusRange(400, 499), outcome: { action: 'fail', kind: 'system' } },
  { reason: 'server_error', matches: statusRange(500, 599), outcome: { action: 'fail', kind: 'system' } },
];

/**
 * Decides what to do after a failed attempt. Pure: the jitter comes from `policy.random`.
 * @example decideRetry({ type: 'http', status: 429, message: '', retryAfterMs: 2128 }, { attempt: 1, hasRefreshedToken: false }, DEFAULT_RETRY_POLICY)
 *   // → { action: 'retry', kind: 'transient', reason: 'throttled', waitMs: 2128, computedWaitMs: 2128 }
 */
export function decideRetry(failure: GraphFailure, state: AttemptState, policy: RetryPolicy): RetryDecision {
  const rule = RULES.find((r) => r.matches(failure));
  const permission = failure.status === 403 && state.permission !== undefined ? { permission: state.permission } : {};
  if (rule === undefined) return { action: 'fail', kind: 'system', reason: 'unexpected_failure' };
  const { outcome, reason } = rule;
  switch (outcome.action) {
    case 'fail':
      return { action: 'fail', kind: outcome.kind, reason, ...permission };
    case 'refresh_token':
      return state.hasRefreshedToken
        ? { action: 'fail', kind: 'config', reason: 'unauthorized_after_refresh' }
        : { action: 'refresh_token', kind: 'transient', reason, waitMs: 0, computedWaitMs: 0 };
    case 'retry': {
      if (state.attempt >= policy[outcome.budget]) return { action: 'fail', kind: 'transient', reason: `${reason}_retries_exhausted` };
      const computedWaitMs = failure.retryAfterMs ?? backoffMs(state.attempt, policy);
      return { action: 'retry', kind: 'transient', reason, waitMs: Math.min(computedWaitMs, policy.maxWaitMs), computedWaitMs };
    }
    default: {
      const unreachable: never = outcome;
      return unreachable;
    }
  }
}

/** Capped exponential backoff with "equal jitter": a wait in [cap/2, cap) where cap = base·2^(attempt−1). */
export function backoffMs(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxBackoffMs' | 'random'>): number {
  const ceiling = Math.min(policy.maxBackoffMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + policy.random() * (ceiling / 2));
}
