import { describe, expect, it } from 'vitest';
import { isMicrosoftAuthorityHost, resolveCloud } from './clouds.js';

describe('resolveCloud', () => {
  it.each([
    ['global', 'https://login.microsoftonline.com', 'https://graph.microsoft.com'],
    ['usgov', 'https://login.microsoftonline.us', 'https://graph.microsoft.us'],
    ['usgov-dod', 'https://login.microsoftonline.us', 'https://dod-graph.microsoft.us'],
    ['china', 'https://login.chinacloudapi.cn', 'https://microsoftgraph.chinacloudapi.cn'],
  ] as const)('%s', (cloud, authorityUrl, graphUrl) => {
    expect(resolveCloud({ cloud })).toEqual({ authorityUrl, graphUrl, scope: `${graphUrl}/.default` });
  });

  it('lets explicit URLs override the cloud but keeps the Graph scope', () => {
    expect(resolveCloud({ authorityUrl: 'https://127.0.0.1:8443/', graphUrl: 'https://127.0.0.1:8443/graph' })).toEqual({
      authorityUrl: 'https://127.0.0.1:8443',
      graphUrl: 'https://127.0.0.1:8443/graph',
      scope: 'https://graph.microsoft.com/.default',
    });
  });

  it('rejects non-https URLs naming the field', () => {
    expect(() => resolveCloud({ graphUrl: 'http://127.0.0.1:8080' })).toThrow('graphUrl must use https, got "http://127.0.0.1:8080"');
    expect(() => resolveCloud({ authorityUrl: 'not a url' })).toThrow('authorityUrl is not a valid URL: "not a url"');
  });

  it('knows Microsoft authority hosts', () => {
    expect(isMicrosoftAuthorityHost('login.microsoftonline.us')).toBe(true);
    expect(isMicrosoftAuthorityHost('127.0.0.1:8443')).toBe(false);
  });
});
