import { ConfidentialClientApplication, ServerError } from '@azure/msal-node';
import { systemClock } from './clock.js';
import { GraphError, firstLine } from './graph-error.js';
import { isMicrosoftAuthorityHost } from './clouds.js';
import { MsalNetworkClient } from './msal-network-client.js';
import type { Configuration } from '@azure/msal-node';
import type { Dispatcher } from 'undici';
import type { Clock } from './clock.js';

/** How the app proves itself to Entra. More modes (auth-code refresh token, managed identity) join this union. */
export type GraphCredential =
  | { readonly type: 'client_secret'; readonly clientSecret: string }
  | { readonly type: 'client_certificate'; readonly privateKeyPem: string; readonly thumbprintSha256: string; readonly x5c?: string };

export interface AccessToken {
  readonly token: string;
  readonly expiresOnMs: number;
}

export interface TokenProvider {
  getToken(options?: { forceRefresh?: boolean; signal?: AbortSignal }): Promise<AccessToken>;
}

export interface TokenProviderOptions {
  readonly tenantId: string;
  readonly clientId: string;
  readonly credential: GraphCredential;
  /** Authority base without the tenant, e.g. https://login.microsoftonline.com. */
  readonly authorityUrl: string;
  readonly scope: string;
  readonly dispatcher: Dispatcher;
  readonly clock?: Clock;
  /** Refresh this long before expiry, at most; short-lived tokens refresh at 80% of their life. */
  readonly refreshMarginMs?: number;
}

export interface TokenProviderStats {
  tokenRequests: number;
}

const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Client-credential tokens through msal-node. msal caches too, but with a fixed 300 s renewal offset, so a
 * token living less than that would be fetched for every request; this wrapper caches by the token's own
 * lifetime and shares one in-flight request between concurrent callers.
 */
export function createTokenProvider(options: TokenProviderOptions): TokenProvider & { readonly stats: TokenProviderStats } {
  const clock = options.clock ?? systemClock;
  const network = new MsalNetworkClient(options.dispatcher);
  const app = new ConfidentialClientApplication(msalConfiguration(options, network));
  const stats: TokenProviderStats = { tokenRequests: 0 };
  let cached: { token: AccessToken; refreshAtMs: number } | undefined;
  let inFlight: Promise<AccessToken> | undefined;

  async function acquire(forceRefresh: boolean): Promise<AccessToken> {
    stats.tokenRequests++;
    network.lastEntraError = undefined;
    network.lastTransportError = undefined;
    const acquiredAt = clock.now();
    try {
      const result = await app.acquireTokenByClientCredential({ scopes: [options.scope], skipCache: forceRefresh });
      if (result === null || result.accessToken === '') throw new Error('Entra returned no access token');
      const expiresOnMs = result.expiresOn?.getTime() ?? acquiredAt + 3_600_000;
      const lifetimeMs = Math.max(0, expiresOnMs - acquiredAt);
      const marginMs = Math.min(options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS, lifetimeMs * 0.2);
      const token = { token: result.accessToken, expiresOnMs };
      cached = { token, refreshAtMs: expiresOnMs - marginMs };
      return token;
    } catch (error) {
      throw tokenError(error, network.lastEntraError, network.lastTransportError);
    }
  }

  return {
    stats,
    async getToken(request = {}) {
      request.signal?.throwIfAborted();
      if (!request.forceRefresh && cached !== undefined && clock.now() < cached.refreshAtMs) return cached.token;
      if (inFlight === undefined || request.forceRefresh) {
        const pending = acquire(request.forceRefresh === true);
        inFlight = pending;
        pending.then(
          () => (inFlight = inFlight === pending ? undefined : inFlight),
          () => (inFlight = inFlight === pending ? undefined : inFlight),
        );
      }
      return inFlight;
    },
  };
}

function msalConfiguration(options: TokenProviderOptions, network: MsalNetworkClient): Configuration {
  const host = new URL(options.authorityUrl).host;
  const credential = options.credential;
  return {
    auth: {
      clientId: options.clientId,
      authority: `${options.authorityUrl}/${options.tenantId}`,
      // Known authorities skip instance discovery against login.microsoftonline.com, which a sovereign
      // proxy or the emulator cannot answer.
      ...(isMicrosoftAuthorityHost(host) ? {} : { knownAuthorities: [host] }),
      ...(credential.type === 'client_secret'
        ? { clientSecret: credential.clientSecret }
        : {
            clientCertificate: {
              thumbprintSha256: credential.thumbprintSha256,
              privateKey: credential.privateKeyPem,
              ...(credential.x5c === undefined ? {} : { x5c: credential.x5c }),
            },
          }),
    },
    system: { networkClient: network },
  };
}

const NETWORK_CODE = /^(E[A-Z]+|UND_ERR_[A-Z_]+|ERR_TLS_[A-Z_]+|[A-Z_]*(CERT|SELF_SIGNED|UNABLE_TO_VERIFY)[A-Z_]*)$/;
const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/;

/** Entra failures read like Entra: "AADSTS7000215: Invalid client secret provided…", never a stack trace. */
export function tokenError(error: unknown, lastEntraError: string | undefined, transportError?: unknown): GraphError {
  if (error instanceof GraphError) return error;
  const description = error instanceof ServerError ? descriptionOf(error.errorMessage) : undefined;
  const entra = description ?? lastEntraError;
  if (entra !== undefined) {
    const line = firstLine(entra);
    const code = /AADSTS\d+/.exec(line)?.[0] ?? (error instanceof ServerError ? error.errorCode : undefined);
    return new GraphError(
      { type: 'auth', kind: 'config', reason: 'auth_failed', message: line, ...(code === undefined ? {} : { code }) },
      { cause: error },
    );
  }
  const cause = transportError ?? error;
  const networkCode = findNetworkCode(cause);
  const message = cause instanceof Error ? firstLine(cause.message) : String(cause);
  if (networkCode !== undefined && TLS_CODE.test(networkCode)) {
    return new GraphError(
      { type: 'auth', kind: 'config', reason: 'tls_untrusted', code: networkCode, message: `The token endpoint's TLS certificate is not trusted (${networkCode}: ${message}); set caCertFile for a private CA` },
      { cause },
    );
  }
  if (networkCode !== undefined) {
    return new GraphError(
      { type: 'network', kind: 'transient', reason: 'network_error', code: networkCode, message: `Cannot reach the token endpoint: ${message}` },
      { cause: error },
    );
  }
  return new GraphError({ type: 'auth', kind: 'config', reason: 'auth_failed', message: `Token request failed: ${message}` }, { cause: error });
}

// msal formats errorMessage as "Error(s): … - Description: AADSTS…\r\nTrace ID: … - Correlation ID: …".
function descriptionOf(errorMessage: string): string | undefined {
  const match = /Description: ([\s\S]*?)(?: - Correlation ID:|$)/.exec(errorMessage);
  const text = match?.[1]?.trim();
  return text === undefined || text === '' || text === 'Not Available' ? undefined : text;
}

function findNetworkCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; typeof e === 'object' && e !== null && depth < 5; depth++) {
    const code = 'code' in e ? e.code : undefined;
    if (typeof code === 'string' && NETWORK_CODE.test(code)) return code;
    e = 'cause' in e ? e.cause : undefined;
  }
  return undefined;
}
