/** The transport-free request/response shapes every emulator route works on (so $batch can reuse them). */
export interface EmuRequest {
  readonly method: string;
  /** Path without the query, e.g. `/graph/v1.0/users`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

export interface EmuResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Serialised as JSON unless `rawBody` is set. */
  readonly body?: unknown;
  readonly rawBody?: string;
  /** Already-serialised UTF-8 JSON (list pages built from cached per-item bytes); sent as JSON like `body`. */
  readonly jsonBytes?: Buffer;
  /** Transport faults the server applies after choosing the bytes. */
  readonly transport?: 'reset' | 'truncate';
}

export function json(status: number, body: unknown, headers?: Readonly<Record<string, string>>): EmuResponse {
  return headers === undefined ? { status, body } : { status, body, headers };
}
