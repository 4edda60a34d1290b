export const CLOUD_NAMES = ['global', 'usgov', 'usgov-dod', 'china'] as const;
export type CloudName = (typeof CLOUD_NAMES)[number];

export interface CloudEndpoints {
  readonly authorityUrl: string;
  readonly graphUrl: string;
  readonly scope: string;
}

// Tokens are not interchangeable between clouds; see learn.microsoft.com/graph/deployments.
const CLOUDS: Readonly<Record<CloudName, { authorityUrl: string; graphUrl: string }>> = {
  global: { authorityUrl: 'https://login.microsoftonline.com', graphUrl: 'https://graph.microsoft.com' },
  usgov: { authorityUrl: 'https://login.microsoftonline.us', graphUrl: 'https://graph.microsoft.us' },
  'usgov-dod': { authorityUrl: 'https://login.microsoftonline.us', graphUrl: 'https://dod-graph.microsoft.us' },
  china: { authorityUrl: 'https://login.chinacloudapi.cn', graphUrl: 'https://microsoftgraph.chinacloudapi.cn' },
};

export interface ResolveCloudOptions {
  readonly cloud?: CloudName | undefined;
  readonly authorityUrl?: string | undefined;
  readonly graphUrl?: string | undefined;
  readonly scope?: string | undefined;
}

/**
 * The scope stays the cloud's Graph resource even when graphUrl is overridden (an emulator or a proxy in
 * front of Graph still issues tokens for Graph); pass `scope` to change it.
 */
export function resolveCloud(options: ResolveCloudOptions): CloudEndpoints {
  const cloud = CLOUDS[options.cloud ?? 'global'];
  const authorityUrl = trimSlash(options.authorityUrl ?? cloud.authorityUrl);
  const graphUrl = trimSlash(options.graphUrl ?? cloud.graphUrl);
  assertHttps('authorityUrl', authorityUrl);
  assertHttps('graphUrl', graphUrl);
  return { authorityUrl, graphUrl, scope: options.scope ?? `${cloud.graphUrl}/.default` };
}

export function isMicrosoftAuthorityHost(host: string): boolean {
  return Object.values(CLOUDS).some((c) => new URL(c.authorityUrl).host === host);
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function assertHttps(field: string, url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${field} is not a valid URL: "${url}"`);
  }
  // msal-node refuses non-https authorities (authority_uri_insecure); fail early with the field name instead.
  if (parsed.protocol !== 'https:') throw new Error(`${field} must use https, got "${url}"`);
}
