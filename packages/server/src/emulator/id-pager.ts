import type { GraphCall } from './graph-context.js';
import type { EmuResponse } from './http-types.js';
import { nextLink, queryOption } from './graph-context.js';
import { badRequest } from './graph-errors.js';
import { json } from './http-types.js';

export interface IdPagerOptions<T> {
  readonly resourcePath: string;
  readonly contextFragment: string;
  readonly defaultTop: number;
  readonly maxTop: number;
  /** Reject (users) or cap (Intune) a $top above maxTop. */
  readonly rejectTop?: (raw: string) => EmuResponse | undefined;
  readonly project: (item: T) => unknown;
  readonly tokenPrefix: string;
}

export type IdWindow = { readonly ok: true; readonly start: number; readonly limit: number; readonly page: number } | { readonly ok: false; readonly response: EmuResponse };

function lowerBound(items: readonly { id: string }[], lastId: string): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const item = items[mid];
    if (item !== undefined && item.id <= lastId) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Start, size and page number of an id-keyset page; the skiptoken is opaque base64url. */
export function idWindow<T extends { id: string }>(call: GraphCall, items: readonly T[], options: IdPagerOptions<T>): IdWindow {
  const clientRequestId = call.request.headers['client-request-id'];
  const rawTop = queryOption(call, '$top');
  let limit = options.defaultTop;
  if (rawTop !== null) {
    const rejection = options.rejectTop?.(rawTop);
    if (rejection !== undefined) return { ok: false, response: rejection };
    if (!/^\d+$/.test(rawTop) || Number(rawTop) < 1) return { ok: false, response: badRequest(`Invalid value '${rawTop}' for query option '$top'.`, clientRequestId) };
    limit = Math.min(Number(rawTop), options.maxTop);
  }
  const token = queryOption(call, '$skiptoken');
  let start = 0;
  if (token !== null) {
    const decoded = Buffer.from(token, 'base64url').toString('utf8');
    if (!decoded.startsWith(options.tokenPrefix)) return { ok: false, response: badRequest(`The $skiptoken '${token}' is invalid.`, clientRequestId) };
    start = lowerBound(items, decoded.slice(options.tokenPrefix.length));
  }
  return { ok: true, start, limit, page: Math.floor(start / limit) + 1 };
}

export function pageById<T extends { id: string }>(call: GraphCall, items: readonly T[], options: IdPagerOptions<T>): EmuResponse {
  const window = idWindow(call, items, options);
  if (!window.ok) return window.response;
  const slice = items.slice(window.start, window.start + window.limit);
  const body: Record<string, unknown> = {
    '@odata.context': `${call.ctx.graphUrl}/${call.version}/$metadata#${options.contextFragment}`,
  };
  const last = slice[slice.length - 1];
  if (window.start + slice.length < items.length && last !== undefined) {
    body['@odata.nextLink'] = nextLink(call, options.resourcePath, Buffer.from(`${options.tokenPrefix}${last.id}`).toString('base64url'));
  }
  body['value'] = slice.map(options.project);
  return json(200, body);
}
