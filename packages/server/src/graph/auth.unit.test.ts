import { ServerError } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { tokenError } from './auth.js';

const entraDescription =
  "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value.\r\nTrace ID: 255d1aef\r\nCorrelation ID: fb3d2015\r\nTimestamp: 2026-03-01 12:00:00Z";

describe('tokenError', () => {
  it('turns msal ServerError into the first line of Entra error_description', () => {
    const msal = new ServerError('invalid_client', 'fb3d2015', `Error(s): 7000215 - Timestamp: 2026-03-01 - Description: ${entraDescription} - Correlation ID: fb3d2015 - Trace ID: 255d1aef`);
    const error = tokenError(msal, undefined);
    expect(error.message).toBe('AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value.');
    expect(error).toMatchObject({ type: 'auth', kind: 'config', code: 'AADSTS7000215' });
  });

  it('uses the Entra error seen on the wire when msal hides it (unknown tenant on metadata fetch)', () => {
    const error = tokenError(new Error('endpoints_resolution_error: See https://aka.ms/msal.js.errors'), "AADSTS90002: Tenant 'x' not found.\r\nTrace ID: 1");
    expect(error.message).toBe("AADSTS90002: Tenant 'x' not found.");
    expect(error.code).toBe('AADSTS90002');
  });

  it('reports an untrusted certificate as a config problem naming caCertFile', () => {
    const tls = Object.assign(new Error('unable to verify the first certificate'), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    const error = tokenError(new Error('endpoints_resolution_error'), undefined, tls);
    expect(error).toMatchObject({ type: 'auth', kind: 'config', reason: 'tls_untrusted' });
    expect(error.message).toContain('set caCertFile');
  });

  it('reports an unreachable authority as a retryable network failure', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const error = tokenError(new Error('network_error'), undefined, refused);
    expect(error).toMatchObject({ type: 'network', kind: 'transient', code: 'ECONNREFUSED' });
    expect(error.message).toContain('Cannot reach the token endpoint: connect ECONNREFUSED');
  });
});
