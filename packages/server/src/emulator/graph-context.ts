import type { FleetStore } from './fleet/fleet-store.js';
import type { GraphVersion } from './graph-schema.js';
import type { EmuRequest } from './http-types.js';

export interface GraphContext {
  readonly graphUrl: string;
  readonly store: FleetStore;
  /** managedDevices page size (Graph: 1000). */
  readonly pageSize: number;
}

export interface GraphCall {
  readonly ctx: GraphContext;
  readonly request: EmuRequest;
  readonly version: GraphVersion;
  /** Path segments after `/graph/{version}/`. */
  readonly segments: readonly string[];
  /** The caller's application permissions, once the token is checked (some answers depend on them). */
  readonly roles?: readonly string[];
}

/** Builds an absolute nextLink that keeps the caller's query options and replaces `$skiptoken`. */
export function nextLink(call: GraphCall, resourcePath: string, skipToken: string): string {
  const parts: string[] = [];
  for (const [key, value] of call.request.query) {
    if (key.toLowerCase() === '$skiptoken') continue;
    parts.push(`${key}=${encodeURIComponent(value)}`);
  }
  parts.push(`$skiptoken=${encodeURIComponent(skipToken)}`);
  return `${call.ctx.graphUrl}/${call.version}/${resourcePath}?${parts.join('&')}`;
}

/** Reads a query option case-insensitively (`$top` and `$TOP` both work on Graph). */
export function queryOption(call: GraphCall, name: string): string | null {
  const lower = name.toLowerCase();
  for (const [key, value] of call.request.query) if (key.toLowerCase() === lower) return value;
  return null;
}
