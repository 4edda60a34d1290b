import { randomUUID } from 'node:crypto';
import type { EmuRequest, EmuResponse } from './http-types.js';
import type { TokenService } from './tokens.js';
import { json } from './http-types.js';
import { TENANT_DOMAIN, TENANT_INITIAL_DOMAIN } from './fleet/names.js';
import { GRAPH_RESOURCE } from './tokens.js';

export interface EntraContext {
  readonly authorityUrl: string;
  readonly graphUrl: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly secretExpired: boolean;
  readonly tokenLifetimeSec: number;
  readonly permissions: readonly string[];
  readonly tokens: TokenService;
}

function entraTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/** Entra's OAuth error body (examples/token.client-credentials.error.docs.json). */
export function entraError(request: EmuRequest, status: number, error: string, code: number, message: string): EmuResponse {
  const traceId = randomUUID();
  const correlationId = request.headers['client-request-id'] ?? randomUUID();
  const timestamp = entraTimestamp(new Date());
  return json(
    status,
    {
      error,
      error_description: `AADSTS${code}: ${message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
    { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' },
  );
}

function isKnownTenant(ctx: EntraContext, tenant: string): boolean {
  const lower = tenant.toLowerCase();
  return lower === ctx.tenantId.toLowerCase() || lower === TENANT_DOMAIN || lower === TENANT_INITIAL_DOMAIN;
}

function tenantNotFound(ctx: EntraContext, request: EmuRequest, tenant: string): EmuResponse {
  return entraError(
    request, 400, 'invalid_request', 90002,
    `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  );
}

/** OpenID metadata (v2.0 and v1 paths) pointing back at this server. */
export function openIdConfiguration(ctx: EntraContext, request: EmuRequest, tenant: string, isV2: boolean): EmuResponse {
  if (!isKnownTenant(ctx, tenant) && tenant !== 'common' && tenant !== 'organizations') return tenantNotFound(ctx, request, tenant);
  const base = `${ctx.authorityUrl}/${tenant}`;
  const v = isV2 ? '/v2.0' : '';
  return json(200, {
    token_endpoint: `${base}/oauth2${v}/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${ctx.authorityUrl}/${tenant}/discovery${v}/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256', 'ES256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: isV2 ? `${ctx.authorityUrl}/${ctx.tenantId}/v2.0` : `https://sts.windows.net/${ctx.tenantId}/`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${ctx.graphUrl}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2${v}/authorize`,
    device_authorization_endpoint: `${base}/oauth2${v}/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2${v}/logout`,
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'tid', 'ver', 'at_hash', 'c_hash'],
    kerberos_endpoint: `${base}/kerberos`,
    tenant_region_scope: 'NA',
    cloud_instance_name: new URL(ctx.authorityUrl).host,
    cloud_graph_host_name: new URL(ctx.graphUrl).host,
    msgraph_host: new URL(ctx.graphUrl).host,
  });
}

/** msal's instance discovery: this host is its own cloud with no aliases. */
export function instanceDiscovery(ctx: EntraContext): EmuResponse {
  const host = new URL(ctx.authorityUrl).host;
  return json(200, {
    tenant_discovery_endpoint: `${ctx.authorityUrl}/${ctx.tenantId}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  });
}

export function jwks(ctx: EntraContext): EmuResponse {
  return json(200, { keys: [ctx.tokens.publicJwk] });
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  // RFC 6749 §2.3.1: both halves are form-urlencoded before Basic encoding.
  return {
    id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
    secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
  };
}

const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

/** `POST /{tenant}/oauth2/v2.0/token`. */
export async function tokenEndpoint(ctx: EntraContext, request: EmuRequest, tenant: string): Promise<EmuResponse> {
  if (request.method !== 'POST') return entraError(request, 405, 'invalid_request', 900561, 'The endpoint only accepts POST requests.');
  if (!isKnownTenant(ctx, tenant)) return tenantNotFound(ctx, request, tenant);
  const form = new URLSearchParams(request.body);
  const grantType = form.get('grant_type');
  switch (grantType) {
    case 'client_credentials':
      return clientCredentials(ctx, request, form);
    // authorization_code, refresh_token and certificate assertions get their own branches here (later issue).
    case null:
      return entraError(request, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'grant_type'.");
    default:
      return entraError(request, 400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`);
  }
}

async function clientCredentials(ctx: EntraContext, request: EmuRequest, form: URLSearchParams): Promise<EmuResponse> {
  const basic = basicCredentials(request.headers['authorization']);
  const clientId = basic?.id ?? form.get('client_id');
  const secret = basic?.secret ?? form.get('client_secret');
  if (clientId === null || clientId === '') {
    return entraError(request, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.");
  }
  if (clientId.toLowerCase() !== ctx.clientId.toLowerCase()) {
    return entraError(
      request, 400, 'unauthorized_client', 700016,
      `Application with identifier '${clientId}' was not found in the directory '${ctx.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    );
  }
  if (form.get('client_assertion') !== null) {
    return entraError(request, 401, 'invalid_client', 700027, 'The certificate with identifier used to sign the client assertion is not registered on application.');
  }
  if (secret === null || secret === '') {
    return entraError(request, 401, 'invalid_client', 7000216, "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.");
  }
  if (secret !== ctx.clientSecret) {
    return entraError(
      request, 401, 'invalid_client', 7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${ctx.clientId}'.`,
    );
  }
  if (ctx.secretExpired) {
    return entraError(
      request, 401, 'invalid_client', 7000222,
      `The provided client secret keys for app '${ctx.clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
    );
  }
  const scope = form.get('scope') ?? '';
  const resources = scope.split(' ').filter((s) => s !== '' && !OIDC_SCOPES.has(s));
  const [only] = resources;
  const audience = only === `${GRAPH_RESOURCE}/.default` ? GRAPH_RESOURCE : only === `${ctx.graphUrl}/.default` ? ctx.graphUrl : undefined;
  if (resources.length !== 1 || audience === undefined) {
    return entraError(request, 400, 'invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`);
  }
  const accessToken = await ctx.tokens.issue(audience, ctx.permissions);
  return json(
    200,
    { token_type: 'Bearer', expires_in: ctx.tokenLifetimeSec, ext_expires_in: ctx.tokenLifetimeSec, access_token: accessToken },
    { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' },
  );
}
