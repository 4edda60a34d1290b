import { parseIntuneRetryAfter, parseRetryAfter } from './retry-after.js';

export const FAILURE_TYPES = ['http', 'network', 'timeout', 'malformed_response', 'auth'] as const;
export type FailureType = (typeof FAILURE_TYPES)[number];

/** What went wrong with one request, as data: the input of `decideRetry`. */
export interface GraphFailure {
  readonly type: FailureType;
  readonly status?: number;
  /** Graph's `error.code`, an AADSTS code for auth failures, or a socket error code. */
  readonly code?: string;
  readonly message: string;
  /** The Intune message parsed out of the JSON string inside `error.message`, when there is one. */
  readonly innerMessage?: string;
  readonly requestId?: string;
  readonly clientRequestId?: string;
  readonly retryAfterMs?: number;
  readonly url?: string;
}

export type ErrorKind = 'config' | 'transient' | 'system';

export interface GraphErrorDetails extends GraphFailure {
  readonly kind: ErrorKind;
  readonly reason: string;
  readonly permission?: string;
  readonly attempts?: number;
}

/** An upstream (Graph or Entra) failure that ended a request; `message` is one line an admin can act on. */
export class GraphError extends Error {
  override readonly name = 'GraphError';
  readonly type: FailureType;
  readonly kind: ErrorKind;
  readonly reason: string;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly innerMessage: string | undefined;
  readonly requestId: string | undefined;
  readonly clientRequestId: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly permission: string | undefined;
  readonly attempts: number | undefined;
  readonly url: string | undefined;

  constructor(details: GraphErrorDetails, options?: { cause?: unknown }) {
    super(adminMessage(details), options);
    this.type = details.type;
    this.kind = details.kind;
    this.reason = details.reason;
    this.status = details.status;
    this.code = details.code;
    this.innerMessage = details.innerMessage;
    this.requestId = details.requestId;
    this.clientRequestId = details.clientRequestId;
    this.retryAfterMs = details.retryAfterMs;
    this.permission = details.permission;
    this.attempts = details.attempts;
    this.url = details.url;
  }
}

function adminMessage(d: GraphErrorDetails): string {
  const detail = firstLine(d.innerMessage ?? d.message);
  if (d.type === 'auth') return detail;
  if (d.permission !== undefined && d.status === 403) {
    return `Graph denied access (403 ${d.code ?? 'Forbidden'}): grant ${d.permission} (application) and admin consent. ${detail}`.trim();
  }
  const status = d.status === undefined ? d.type : `${d.status}${d.code === undefined ? '' : ` ${d.code}`}`;
  const tries = d.attempts !== undefined && d.attempts > 1 ? ` after ${d.attempts} attempts` : '';
  const ids = d.requestId === undefined ? '' : ` (request-id ${d.requestId})`;
  return `Graph request failed${tries}: ${status}: ${detail}${ids}`;
}

export function firstLine(text: string): string {
  const line = text.split(/\r?\n/, 1)[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

export interface ParsedErrorBody {
  readonly code?: string;
  readonly message?: string;
  readonly innerMessage?: string;
  readonly requestId?: string;
  readonly clientRequestId?: string;
  readonly intuneRetryAfterMs?: number;
}

/** Reads Graph's `{ error: { code, message, innerError } }`, tolerating anything else. */
export function parseGraphErrorBody(body: unknown, nowMs: number): ParsedErrorBody {
  const error = isRecord(body) && isRecord(body['error']) ? body['error'] : undefined;
  if (error === undefined) return {};
  const inner = isRecord(error['innerError']) ? error['innerError'] : isRecord(error['innererror']) ? error['innererror'] : {};
  const message = str(error['message']);
  const intune = message === undefined ? undefined : parseIntuneMessage(message);
  const intuneRetryAfterMs = intune === undefined ? undefined : parseIntuneRetryAfter(intune['RetryAfter'], nowMs);
  return compact({
    code: str(error['code']),
    message,
    innerMessage: intune === undefined ? undefined : str(intune['Message']),
    requestId: str(inner['request-id']),
    clientRequestId: str(inner['client-request-id']),
    intuneRetryAfterMs,
  });
}

// Intune wraps its own JSON document in the `message` string (NOTES §4.2); parse it only when it looks like one.
function parseIntuneMessage(message: string): Record<string, unknown> | undefined {
  const text = message.trim();
  if (!text.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export interface ResponseLike {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: unknown;
}

export function failureFromResponse(response: ResponseLike, options: { nowMs: number; url?: string }): GraphFailure {
  const parsed = parseGraphErrorBody(response.body, options.nowMs);
  const retryAfterMs = parseRetryAfter(header(response.headers, 'retry-after'), options.nowMs) ?? parsed.intuneRetryAfterMs;
  return compact({
    type: 'http' as const,
    status: response.status,
    code: parsed.code,
    message: parsed.message ?? `HTTP ${response.status}`,
    innerMessage: parsed.innerMessage,
    requestId: header(response.headers, 'request-id') ?? parsed.requestId,
    clientRequestId: header(response.headers, 'client-request-id') ?? parsed.clientRequestId,
    retryAfterMs,
    url: options.url,
  });
}

export function header(headers: ResponseLike['headers'], name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

// exactOptionalPropertyTypes forbids explicit undefined on optional fields, so drop them.
export type Compacted<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};
/** The same failure told in the caller's terms (which group, which user), with the original as its cause. */
export function restated(error: GraphError, message: string, permission: string | undefined = error.permission): GraphError {
  return new GraphError(
    compact({
      type: error.type,
      kind: error.kind,
      reason: error.reason,
      status: error.status,
      code: error.code,
      message,
      requestId: error.requestId,
      clientRequestId: error.clientRequestId,
      retryAfterMs: error.retryAfterMs,
      permission,
      attempts: error.attempts,
      url: error.url,
    }),
    { cause: error },
  );
}

export function compact<T extends object>(value: T): Compacted<T> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = v;
  return out as Compacted<T>;
}
