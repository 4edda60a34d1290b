import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { systemClock } from './clock.js';
import { GraphError, compact, failureFromResponse, firstLine } from './graph-error.js';
import { DEFAULT_RETRY_POLICY, decideRetry } from './retry-policy.js';
import type { Dispatcher } from 'undici';
import type { TokenProvider } from './auth.js';
import type { Clock } from './clock.js';
import type { GraphFailure } from './graph-error.js';
import type { RequestLimiter } from './limiter.js';
import type { RetryDecision, RetryPolicy } from './retry-policy.js';

export interface GraphResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: unknown;
}

export interface RequestOptions {
  readonly signal?: AbortSignal | undefined;
  /** Requests charged to the tenant limiter: a $batch of 20 costs 20. */
  readonly cost?: number;
  /** The application permission this call needs, named when Graph answers 403. */
  readonly permission?: string;
  /** Returns what is wrong with a 2xx body, or undefined; a wrong shape is retried like a torn body. */
  readonly validate?: (body: unknown) => string | undefined;
}

export interface RetryEvent {
  readonly method: string;
  readonly url: string;
  readonly attempt: number;
  readonly failure: GraphFailure;
  readonly decision: RetryDecision;
}

export interface GraphHttpOptions {
  readonly dispatcher: Dispatcher;
  readonly tokenProvider: TokenProvider;
  readonly limiter: RequestLimiter;
  readonly clock?: Clock;
  readonly retryPolicy?: RetryPolicy;
  /** Cancels everything this client does (a run being stopped). */
  readonly signal?: AbortSignal;
  readonly userAgent?: string;
  readonly onRetry?: (event: RetryEvent) => void;
}

export interface GraphHttpStats {
  requests: number;
  retries: number;
  tokenRefreshes: number;
  responseChars: number;
}

type Attempt = { readonly ok: true; readonly response: GraphResponse } | { readonly ok: false; readonly failure: GraphFailure };

/** JSON over HTTPS to Graph: token, tenant limiter, retries by `decideRetry`, defensive parsing. */
export class GraphHttp {
  readonly stats: GraphHttpStats = { requests: 0, retries: 0, tokenRefreshes: 0, responseChars: 0 };
  readonly clock: Clock;
  readonly policy: RetryPolicy;

  constructor(private readonly options: GraphHttpOptions) {
    this.clock = options.clock ?? systemClock;
    this.policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  }

  /** Lets helpers that retry on their own ($batch items) report through the same hook. */
  reportRetry(event: RetryEvent): void {
    this.options.onRetry?.(event);
  }

  getJson(url: string, options: RequestOptions = {}): Promise<GraphResponse> {
    return this.send('GET', url, undefined, options);
  }

  postJson(url: string, body: unknown, options: RequestOptions = {}): Promise<GraphResponse> {
    return this.send('POST', url, JSON.stringify(body), options);
  }

  private async send(method: 'GET' | 'POST', url: string, body: string | undefined, options: RequestOptions): Promise<GraphResponse> {
    const signal = combineSignals(this.options.signal, options.signal);
    let hasRefreshedToken = false;
    let forceRefresh = false;
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      const outcome = await this.attempt({ method, url, body, options, signal, forceRefresh });
      if (outcome.ok) return outcome.response;
      forceRefresh = false;
      const decision = decideRetry(
        outcome.failure,
        { attempt, hasRefreshedToken, ...(options.permission === undefined ? {} : { permission: options.permission }) },
        this.policy,
      );
      this.options.onRetry?.({ method, url, attempt, failure: outcome.failure, decision });
      if (decision.action === 'fail') {
        throw new GraphError(
          compact({ ...outcome.failure, kind: decision.kind, reason: decision.reason, attempts: attempt, permission: decision.permission }),
        );
      }
      if (decision.action === 'refresh_token') {
        hasRefreshedToken = true;
        forceRefresh = true;
        this.stats.tokenRefreshes++;
      }
      this.stats.retries++;
      if (decision.waitMs !== undefined && decision.waitMs > 0) await this.clock.sleep(decision.waitMs, signal);
    }
  }

  private async attempt(args: {
    method: 'GET' | 'POST';
    url: string;
    body: string | undefined;
    options: RequestOptions;
    signal: AbortSignal | undefined;
    forceRefresh: boolean;
  }): Promise<Attempt> {
    const { method, url, body, options, signal } = args;
    await this.options.limiter.acquire(options.cost ?? 1, signal);
    let token: string;
    try {
      token = (await this.options.tokenProvider.getToken({ forceRefresh: args.forceRefresh, ...(signal === undefined ? {} : { signal }) })).token;
    } catch (error) {
      if (error instanceof GraphError && error.type === 'network') return { ok: false, failure: failureOf(error) };
      throw error;
    }
    this.stats.requests++;
    const clientRequestId = randomUUID();
    let status: number;
    let headers: GraphResponse['headers'];
    let text: string;
    try {
      const response = await request(url, {
        method,
        dispatcher: this.options.dispatcher,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          'client-request-id': clientRequestId,
          'user-agent': this.options.userAgent ?? 'intune-assets',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body }),
        ...(signal === undefined ? {} : { signal }),
      });
      status = response.statusCode;
      headers = response.headers;
      text = await response.body.text();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      return { ok: false, failure: networkFailure(error, url, clientRequestId) };
    }
    this.stats.responseChars += text.length;
    const parsed = parseJson(text);
    if (status < 200 || status >= 300) {
      const failure = failureFromResponse({ status, headers, body: parsed.ok ? parsed.value : text }, { nowMs: this.clock.now(), url });
      return { ok: false, failure: failure.clientRequestId === undefined ? { ...failure, clientRequestId } : failure };
    }
    const problem = parsed.ok ? options.validate?.(parsed.value) : `invalid JSON (${parsed.error})`;
    if (problem !== undefined) {
      return {
        ok: false,
        failure: { type: 'malformed_response', status, code: 'malformed_response', message: `malformed response from ${describeUrl(url)}: ${problem}`, clientRequestId, url },
      };
    }
    return { ok: true, response: { status, headers, body: parsed.ok ? parsed.value : undefined } };
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);

function networkFailure(error: unknown, url: string, clientRequestId: string): GraphFailure {
  const code = errorCode(error);
  const message = `${describeUrl(url)}: ${firstLine(error instanceof Error ? error.message : String(error))}`;
  const type: GraphFailure['type'] = code !== undefined && TIMEOUT_CODES.has(code) ? 'timeout' : 'network';
  return compact({ type, code, message, clientRequestId, url });
}

function errorCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    if ('code' in e && typeof e.code === 'string') return e.code;
    e = 'cause' in e ? e.cause : undefined;
  }
  return undefined;
}

function failureOf(error: GraphError): GraphFailure {
  return compact({
    type: error.type,
    status: error.status,
    code: error.code,
    message: error.message,
    retryAfterMs: error.retryAfterMs,
    url: error.url,
  });
}

// Query strings carry skiptokens and filters; the path is enough to say where it went wrong.
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url;
  }
}

function combineSignals(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return AbortSignal.any([a, b]);
}
