import { randomUUID } from 'node:crypto';
import type { EmuResponse } from './http-types.js';
import type { FaultSpec } from './faults.js';

function innerError(clientRequestId: string | undefined): Record<string, string> {
  return {
    date: new Date().toISOString().slice(0, 19),
    'request-id': randomUUID(),
    'client-request-id': clientRequestId ?? randomUUID(),
  };
}

/** Graph's error envelope: `{ error: { code, message, innerError } }` (NOTES §4, examples/error.graph.generic.docs.json). */
export function graphError(
  status: number,
  code: string,
  message: string,
  options: { clientRequestId?: string | undefined; headers?: Record<string, string> } = {},
): EmuResponse {
  const body = { error: { code, message, innerError: innerError(options.clientRequestId) } };
  return options.headers === undefined ? { status, body } : { status, body, headers: options.headers };
}

export function notFound(what: string, clientRequestId?: string): EmuResponse {
  return graphError(404, 'ResourceNotFound', `Resource not found for the segment '${what}'.`, { clientRequestId });
}

export function badRequest(message: string, clientRequestId?: string): EmuResponse {
  return graphError(400, 'BadRequest', message, { clientRequestId });
}

function retryAfterHeaders(spec: FaultSpec): Record<string, string> {
  if (spec.retryAfterSec !== undefined) return { 'retry-after': String(spec.retryAfterSec) };
  if (spec.retryAfterDateSec !== undefined) {
    return { 'retry-after': new Date(Date.now() + spec.retryAfterDateSec * 1000).toUTCString() };
  }
  return {};
}

/** The response a status-style fault produces (throttle, 503, 504, Intune 500). */
export function faultResponse(spec: FaultSpec, clientRequestId?: string): EmuResponse | undefined {
  switch (spec.kind) {
    case 'throttle': {
      // Body verbatim in shape from examples/throttling.429.docs.json; Retry-After may be fractional.
      const body = {
        error: {
          code: 'TooManyRequests',
          innerError: {
            code: '429',
            date: new Date().toISOString().slice(0, 19),
            message: 'Please retry after',
            'request-id': randomUUID(),
            status: '429',
          },
          message: 'Please retry again later.',
        },
      };
      return { status: 429, body, headers: retryAfterHeaders(spec) };
    }
    case 'unavailable':
      return graphError(503, 'serviceNotAvailable', 'The service is temporarily unavailable. Please retry later.', {
        clientRequestId,
        headers: retryAfterHeaders(spec),
      });
    case 'gateway-timeout':
      return graphError(504, 'gatewayTimeout', 'The gateway timed out waiting for the upstream service.', { clientRequestId });
    case 'intune-500': {
      const activityId = clientRequestId ?? randomUUID();
      // Intune wraps its own JSON error inside error.message (examples/error.intune-500.realworld.json).
      const inner = `{  "_version": 3,  "Message": "An internal server error has occurred - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000 - Activity ID: ${activityId} - Url: https://fef.msub01.manage.microsoft.com/DeviceFE/StatelessDeviceFEService/deviceManagement/managedDevices?api-version=2023-10-19",  "CustomApiErrorPhrase": "",  "RetryAfter": null,  "ErrorSourceService": "",  "HttpHeaders": "{}"}`;
      return graphError(500, 'InternalServerError', inner, { clientRequestId: activityId });
    }
    default:
      return undefined;
  }
}
