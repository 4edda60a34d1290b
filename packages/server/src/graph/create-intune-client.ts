import { readFile } from 'node:fs/promises';
import { createTokenProvider } from './auth.js';
import { resolveCloud } from './clouds.js';
import { createGraphDispatcher } from './dispatcher.js';
import { GraphHttp } from './http.js';
import { IntuneClient } from './intune.js';
import { SlidingWindowLimiter } from './limiter.js';
import { DEFAULT_RETRY_POLICY } from './retry-policy.js';
import type { Dispatcher } from 'undici';
import type { GraphCredential, TokenProviderStats } from './auth.js';
import type { Clock } from './clock.js';
import type { CloudName } from './clouds.js';
import type { RetryEvent } from './http.js';
import type { RequestLimiter } from './limiter.js';
import type { RetryPolicy } from './retry-policy.js';

export interface GraphConnectionOptions {
  readonly tenantId: string;
  readonly clientId: string;
  readonly credential: GraphCredential;
  readonly cloud?: CloudName | undefined;
  readonly authorityUrl?: string | undefined;
  readonly graphUrl?: string | undefined;
  readonly scope?: string | undefined;
  /** PEM of a CA to trust for this connection only (the emulator's). */
  readonly caCertPem?: string | undefined;
  readonly pageSize?: number;
  readonly batchConcurrency?: number;
  readonly retryPolicy?: Partial<RetryPolicy>;
  /** The tenant's shared limiter (TenantLimiters.forTenant); a private one is made when absent. */
  readonly limiter?: RequestLimiter;
  readonly dispatcher?: Dispatcher;
  readonly clock?: Clock;
  readonly signal?: AbortSignal;
  readonly onRetry?: (event: RetryEvent) => void;
}

export interface GraphConnection {
  readonly client: IntuneClient;
  readonly http: GraphHttp;
  readonly tokenStats: TokenProviderStats;
  readonly graphUrl: string;
  /** Closes the sockets this connection opened (not an injected dispatcher). */
  close(): Promise<void>;
}

/** Wires dispatcher → token provider → limiter → GraphHttp → IntuneClient for one connection. */
export function createIntuneClient(options: GraphConnectionOptions): GraphConnection {
  const endpoints = resolveCloud(options);
  const ownsDispatcher = options.dispatcher === undefined;
  const dispatcher = options.dispatcher ?? createGraphDispatcher({ caPem: options.caCertPem });
  const clock = options.clock === undefined ? {} : { clock: options.clock };
  const tokenProvider = createTokenProvider({
    tenantId: options.tenantId,
    clientId: options.clientId,
    credential: options.credential,
    authorityUrl: endpoints.authorityUrl,
    scope: endpoints.scope,
    dispatcher,
    ...clock,
  });
  const http = new GraphHttp({
    dispatcher,
    tokenProvider,
    limiter: options.limiter ?? new SlidingWindowLimiter(clock),
    retryPolicy: { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy },
    ...clock,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.onRetry === undefined ? {} : { onRetry: options.onRetry }),
  });
  const client = new IntuneClient(
    {
      graphUrl: endpoints.graphUrl,
      ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
      ...(options.batchConcurrency === undefined ? {} : { batchConcurrency: options.batchConcurrency }),
    },
    { http, tokenProvider },
  );
  return {
    client,
    http,
    tokenStats: tokenProvider.stats,
    graphUrl: endpoints.graphUrl,
    close: async () => {
      if (ownsDispatcher) await dispatcher.close();
    },
  };
}

/** Reads a CA file named in a connection document, with an error that says which file and why. */
export async function readCaCertFile(path: string): Promise<string> {
  let pem: string;
  try {
    pem = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`caCertFile ${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error(`caCertFile ${path} is not a PEM certificate`);
  return pem;
}
