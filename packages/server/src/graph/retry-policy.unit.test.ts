import { describe, expect, it } from 'vitest';
import { failureFromResponse } from './graph-error.js';
import { backoffMs, decideRetry } from './retry-policy.js';
import type { GraphFailure } from './graph-error.js';
import type { RetryPolicy } from './retry-policy.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const policy: RetryPolicy = {
  maxAttempts: 5,
  maxServerErrorAttempts: 3,
  maxMalformedAttempts: 2,
  baseDelayMs: 1000,
  maxBackoffMs: 8000,
  maxWaitMs: 60_000,
  random: () => 0.5,
};
const first = { attempt: 1, hasRefreshedToken: false };
const DEVICES_PERMISSION = 'DeviceManagementManagedDevices.Read.All';

function http(status: number, headers: Record<string, string> = {}, body: unknown = {}): GraphFailure {
  return failureFromResponse({ status, headers, body }, { nowMs: NOW });
}

const intune500 = {
  error: {
    code: 'InternalServerError',
    message: '{ "_version": 3, "Message": "An internal server error has occurred", "RetryAfter": "00:00:07" }',
  },
};

// Synthetic responses → decisions: one row per line of the policy.
const TABLE: ReadonlyArray<{ name: string; failure: GraphFailure; action: string; kind: string; reason: string; waitMs?: number }> = [
  { name: '429 fractional Retry-After', failure: http(429, { 'Retry-After': '2.128' }), action: 'retry', kind: 'transient', reason: 'throttled', waitMs: 2128 },
  { name: '429 HTTP-date Retry-After', failure: http(429, { 'retry-after': new Date(NOW + 5000).toUTCString() }), action: 'retry', kind: 'transient', reason: 'throttled', waitMs: 5000 },
  { name: '429 without Retry-After → backoff', failure: http(429), action: 'retry', kind: 'transient', reason: 'throttled', waitMs: 750 },
  { name: '503', failure: http(503, { 'Retry-After': '3' }), action: 'retry', kind: 'transient', reason: 'service_unavailable', waitMs: 3000 },
  { name: '504', failure: http(504), action: 'retry', kind: 'transient', reason: 'gateway_timeout', waitMs: 750 },
  { name: 'Intune 500 with RetryAfter in message', failure: http(500, {}, intune500), action: 'retry', kind: 'transient', reason: 'server_error', waitMs: 7000 },
  { name: '502', failure: http(502), action: 'retry', kind: 'transient', reason: 'server_error', waitMs: 750 },
  { name: 'connection reset', failure: { type: 'network', code: 'ECONNRESET', message: 'socket hang up' }, action: 'retry', kind: 'transient', reason: 'network_error', waitMs: 750 },
  { name: 'timeout', failure: { type: 'timeout', message: 'headers timeout' }, action: 'retry', kind: 'transient', reason: 'timeout', waitMs: 750 },
  { name: 'malformed page', failure: { type: 'malformed_response', message: 'Unexpected end of JSON' }, action: 'retry', kind: 'transient', reason: 'malformed_response', waitMs: 750 },
  { name: 'untrusted certificate', failure: { type: 'network', code: 'SELF_SIGNED_CERT_IN_CHAIN', message: 'self-signed' }, action: 'fail', kind: 'config', reason: 'tls_untrusted' },
  { name: '401 first time', failure: http(401), action: 'refresh_token', kind: 'transient', reason: 'unauthorized', waitMs: 0 },
  { name: '403', failure: http(403, {}, { error: { code: 'Forbidden', message: 'Application is not authorized' } }), action: 'fail', kind: 'config', reason: 'forbidden' },
  { name: '404', failure: http(404), action: 'fail', kind: 'system', reason: 'not_found' },
  { name: '400', failure: http(400, {}, { error: { code: 'BadRequest', message: 'Invalid filter clause' } }), action: 'fail', kind: 'system', reason: 'bad_request' },
  { name: '409', failure: http(409), action: 'fail', kind: 'system', reason: 'bad_request' },
  { name: '501', failure: http(501), action: 'fail', kind: 'system', reason: 'server_error' },
  { name: 'token failure', failure: { type: 'auth', code: 'AADSTS7000215', message: 'AADSTS7000215: Invalid client secret provided.' }, action: 'fail', kind: 'config', reason: 'auth_failed' },
];

describe('decideRetry', () => {
  it.each(TABLE)('$name → $action/$kind ($reason)', ({ failure, action, kind, reason, waitMs }) => {
    const decision = decideRetry(failure, first, policy);
    expect({ action: decision.action, kind: decision.kind, reason: decision.reason }).toEqual({ action, kind, reason });
    expect(decision.waitMs).toBe(waitMs);
  });

  it('refreshes the token only once: a second 401 fails as a config problem', () => {
    expect(decideRetry(http(401), { attempt: 2, hasRefreshedToken: true }, policy)).toEqual({
      action: 'fail',
      kind: 'config',
      reason: 'unauthorized_after_refresh',
    });
  });

  it('names the permission to grant on 403', () => {
    const decision = decideRetry(http(403), { ...first, permission: DEVICES_PERMISSION }, policy);
    expect(decision.permission).toBe(DEVICES_PERMISSION);
  });

  it('stops retrying at each budget', () => {
    expect(decideRetry(http(429), { attempt: 4, hasRefreshedToken: false }, policy).action).toBe('retry');
    expect(decideRetry(http(429), { attempt: 5, hasRefreshedToken: false }, policy)).toEqual({
      action: 'fail',
      kind: 'transient',
      reason: 'throttled_retries_exhausted',
    });
    expect(decideRetry(http(500), { attempt: 3, hasRefreshedToken: false }, policy).reason).toBe('server_error_retries_exhausted');
    const malformed: GraphFailure = { type: 'malformed_response', message: 'x' };
    expect(decideRetry(malformed, { attempt: 2, hasRefreshedToken: false }, policy).action).toBe('fail');
  });

  it('caps the applied wait but reports the Retry-After it honoured', () => {
    const decision = decideRetry(http(429, { 'Retry-After': '2.128' }), first, { ...policy, maxWaitMs: 50 });
    expect(decision).toMatchObject({ action: 'retry', waitMs: 50, computedWaitMs: 2128 });
  });

  it('honours Retry-After: 0 as an immediate retry', () => {
    expect(decideRetry(http(429, { 'Retry-After': '0' }), first, policy).waitMs).toBe(0);
  });
});

describe('backoffMs', () => {
  it('doubles per attempt and stays under the cap', () => {
    const mid = { ...policy, random: () => 0.5 };
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffMs(a, mid))).toEqual([750, 1500, 3000, 6000, 6000, 6000]);
  });

  it('keeps jitter within [ceiling/2, ceiling)', () => {
    const low = backoffMs(3, { ...policy, random: () => 0 });
    const high = backoffMs(3, { ...policy, random: () => 0.999999 });
    expect(low).toBe(2000);
    expect(high).toBe(4000);
    for (let i = 0; i < 200; i++) {
      const wait = backoffMs(3, { ...policy, random: Math.random });
      expect(wait).toBeGreaterThanOrEqual(2000);
      expect(wait).toBeLessThanOrEqual(4000);
    }
  });
});
