import { GraphError, compact, failureFromResponse, isRecord } from './graph-error.js';
import { decideRetry } from './retry-policy.js';
import type { Clock } from './clock.js';
import type { GraphFailure } from './graph-error.js';
import type { GraphResponse, RequestOptions, RetryEvent } from './http.js';
import type { RetryPolicy } from './retry-policy.js';

/** Graph's JSON batching takes at most 20 requests (learn.microsoft.com/graph/json-batching). */
export const MAX_BATCH_SIZE = 20;

export interface BatchRequest {
  /** Relative to the version root, e.g. `/deviceManagement/managedDevices/{id}?$select=id,udid`. */
  readonly url: string;
}

export type BatchItemResult = { readonly ok: true; readonly status: number; readonly body: unknown } | { readonly ok: false; readonly error: GraphError };

export interface BatchTransport {
  readonly clock: Clock;
  readonly policy: RetryPolicy;
  postJson(url: string, body: unknown, options?: RequestOptions): Promise<GraphResponse>;
  reportRetry(event: RetryEvent): void;
}

export interface BatchOptions {
  /** e.g. `https://graph.microsoft.com/v1.0/$batch`. */
  readonly batchUrl: string;
  readonly signal?: AbortSignal | undefined;
  readonly permission?: string;
  /** Batches in flight at once; the tenant limiter still bounds the request rate. */
  readonly concurrency?: number;
}

/**
 * Runs GET requests through `$batch`, 20 at a time. Sub-requests are throttled one by one and the envelope
 * still answers 200, so failed items are re-sent after the largest wait they asked for. Results come back in
 * input order; one failing item never fails the others.
 */
export async function executeBatch(http: BatchTransport, requests: readonly BatchRequest[], options: BatchOptions): Promise<BatchItemResult[]> {
  const results = new Array<BatchItemResult | undefined>(requests.length);
  const chunks: number[][] = [];
  for (let start = 0; start < requests.length; start += MAX_BATCH_SIZE) {
    chunks.push(Array.from({ length: Math.min(MAX_BATCH_SIZE, requests.length - start) }, (_, i) => start + i));
  }
  let nextChunk = 0;
  const worker = async (): Promise<void> => {
    while (nextChunk < chunks.length) {
      const chunk = chunks[nextChunk++];
      if (chunk !== undefined) await runChunk(http, requests, chunk, results, options);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, chunks.length)) }, worker));
  return results.map((r, i) => r ?? { ok: false, error: new GraphError({ type: 'malformed_response', kind: 'system', reason: 'batch_item_missing', message: `no result for batch item ${i}` }) });
}

async function runChunk(
  http: BatchTransport,
  requests: readonly BatchRequest[],
  chunk: readonly number[],
  results: Array<BatchItemResult | undefined>,
  options: BatchOptions,
): Promise<void> {
  let pending = [...chunk];
  for (let attempt = 1; pending.length > 0; attempt++) {
    const body = { requests: pending.map((index) => ({ id: String(index), method: 'GET', url: requests[index]?.url ?? '' })) };
    const response = await http.postJson(options.batchUrl, body, {
      cost: pending.length,
      validate: envelopeProblem,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(options.permission === undefined ? {} : { permission: options.permission }),
    });
    const byId = new Map<string, Record<string, unknown>>();
    const items = isRecord(response.body) && Array.isArray(response.body['responses']) ? response.body['responses'] : [];
    for (const item of items) if (isRecord(item) && typeof item['id'] === 'string') byId.set(item['id'], item);

    const retry: number[] = [];
    let waitMs = 0;
    for (const index of pending) {
      const item = byId.get(String(index));
      const failure = item === undefined ? missingItem(index) : itemFailure(item, http.clock.now(), options.batchUrl);
      if (failure === undefined && item !== undefined) {
        results[index] = { ok: true, status: Number(item['status']), body: item['body'] };
        continue;
      }
      const itemFailed = failure ?? missingItem(index);
      // A 401 inside a batch cannot be fixed by refreshing: the envelope's token was accepted.
      const decision = decideRetry(itemFailed, { attempt, hasRefreshedToken: true, ...(options.permission === undefined ? {} : { permission: options.permission }) }, http.policy);
      http.reportRetry({ method: 'GET', url: requests[index]?.url ?? '', attempt, failure: itemFailed, decision });
      if (decision.action === 'retry') {
        retry.push(index);
        waitMs = Math.max(waitMs, decision.waitMs ?? 0);
      } else {
        results[index] = { ok: false, error: new GraphError(compact({ ...itemFailed, kind: decision.kind, reason: decision.reason, attempts: attempt, permission: decision.permission })) };
      }
    }
    pending = retry;
    if (pending.length > 0 && waitMs > 0) await http.clock.sleep(waitMs, options.signal);
  }
}

function itemFailure(item: Record<string, unknown>, nowMs: number, batchUrl: string): GraphFailure | undefined {
  const status = item['status'];
  if (typeof status !== 'number') return { type: 'malformed_response', message: 'batch item without a numeric status', url: batchUrl };
  if (status >= 200 && status < 300) return undefined;
  const headers = isRecord(item['headers']) ? stringRecord(item['headers']) : {};
  return failureFromResponse({ status, headers, body: item['body'] }, { nowMs, url: batchUrl });
}

function missingItem(index: number): GraphFailure {
  return { type: 'malformed_response', message: `the $batch response has no item with id "${index}"` };
}

function stringRecord(value: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) if (typeof v === 'string' || typeof v === 'number') out[key] = String(v);
  return out;
}

export function envelopeProblem(body: unknown): string | undefined {
  if (!isRecord(body)) return 'the $batch body is not a JSON object';
  if (!Array.isArray(body['responses'])) return '"responses" is not an array';
  return undefined;
}
