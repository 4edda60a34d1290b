import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GraphError, failureFromResponse, parseGraphErrorBody } from './graph-error.js';

const examples = new URL('../../data/graph/examples/', import.meta.url);
const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(name, examples), 'utf8'));
const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('parseGraphErrorBody', () => {
  it('parses the Intune 500 whose message is a JSON document', () => {
    const parsed = parseGraphErrorBody(fixture('error.intune-500.realworld.json'), NOW);
    expect(parsed.code).toBe('InternalServerError');
    expect(parsed.innerMessage).toMatch(/^An internal server error has occurred - Operation ID/);
    expect(parsed.requestId).toBe('e0632382-b271-43e0-97fc-475ae068ed6f');
    expect(parsed.clientRequestId).toBe('3e43f1c7-dece-dc29-0770-9d1ceae7e86e');
    expect(parsed.intuneRetryAfterMs).toBeUndefined();
  });

  it('parses the documented 429 body', () => {
    const parsed = parseGraphErrorBody(fixture('throttling.429.docs.json'), NOW);
    expect(parsed).toEqual({
      code: 'TooManyRequests',
      message: 'Please retry again later.',
      requestId: '94fb3b52-452a-4535-a601-69e0a90e3aa2',
    });
  });

  it.each([[null], ['<html>Bad gateway</html>'], [{ error: 'x' }], [[1, 2]]])('tolerates %j', (body) => {
    expect(parseGraphErrorBody(body, NOW)).toEqual({});
  });
});

describe('failureFromResponse and GraphError', () => {
  it('prefers the Retry-After header and the request-id header', () => {
    const failure = failureFromResponse(
      { status: 429, headers: { 'Retry-After': '2.128', 'request-id': 'hdr-id' }, body: fixture('throttling.429.docs.json') },
      { nowMs: NOW, url: 'https://graph.example/v1.0/x' },
    );
    expect(failure).toMatchObject({ type: 'http', status: 429, code: 'TooManyRequests', retryAfterMs: 2128, requestId: 'hdr-id' });
  });

  it('renders a one-line admin message with the Intune message, not the JSON', () => {
    const failure = failureFromResponse({ status: 500, headers: {}, body: fixture('error.intune-500.realworld.json') }, { nowMs: NOW });
    const error = new GraphError({ ...failure, kind: 'transient', reason: 'server_error_retries_exhausted', attempts: 4 });
    expect(error.message).toMatch(/^Graph request failed after 4 attempts: 500 InternalServerError: An internal server error has occurred/);
    expect(error.message).toContain('(request-id e0632382-b271-43e0-97fc-475ae068ed6f)');
    expect(error.message).not.toContain('\n');
    expect(error.message).not.toContain('_version');
  });

  it('names the permission to grant on 403', () => {
    const failure = failureFromResponse(
      { status: 403, headers: {}, body: { error: { code: 'Forbidden', message: 'Application is not authorized to perform this operation.' } } },
      { nowMs: NOW },
    );
    const error = new GraphError({ ...failure, kind: 'config', reason: 'forbidden', permission: 'User.Read.All' });
    expect(error.message).toBe(
      'Graph denied access (403 Forbidden): grant User.Read.All (application) and admin consent. Application is not authorized to perform this operation.',
    );
  });
});
