import { rootCertificates } from 'node:tls';
import { Agent } from 'undici';
import type { Dispatcher } from 'undici';

export interface GraphDispatcherOptions {
  /** PEM of an extra CA to trust (the emulator's), added to Node's roots for this dispatcher only. */
  readonly caPem?: string | undefined;
  readonly connections?: number;
  readonly headersTimeoutMs?: number;
  readonly bodyTimeoutMs?: number;
}

/**
 * The one place TLS trust is configured. The CA is trusted in-process, for requests through this dispatcher
 * only; never set NODE_TLS_REJECT_UNAUTHORIZED.
 */
export function createGraphDispatcher(options: GraphDispatcherOptions = {}): Dispatcher {
  return new Agent({
    connections: options.connections ?? 8,
    headersTimeout: options.headersTimeoutMs ?? 120_000,
    bodyTimeout: options.bodyTimeoutMs ?? 120_000,
    keepAliveTimeout: 10_000,
    ...(options.caPem === undefined ? {} : { connect: { ca: [...rootCertificates, options.caPem] } }),
  });
}
