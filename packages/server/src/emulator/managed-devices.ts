import type { GraphCall } from './graph-context.js';
import type { ManagedDevice } from '../domain/managed-device.js';
import type { EmuResponse } from './http-types.js';
import { nextLink, queryOption } from './graph-context.js';
import { badRequest, notFound } from './graph-errors.js';
import { MANAGED_DEVICE_TABLES } from './graph-schema.js';
import { json } from './http-types.js';
import { parseSelect, projectDevice } from './projection.js';

const ENTITY_TYPE = 'microsoft.graph.managedDevice';
const MAX_PAGE = 1000;
const SKIPTOKEN = /^LastDeviceName='((?:[^']|'')*)',LastDeviceId='([^']*)'$/;

function skipTokenFor(deviceName: string, id: string): string {
  return `LastDeviceName='${deviceName.replace(/'/g, "''")}',LastDeviceId='${id}'`;
}

export type PageWindow = { readonly ok: true; readonly start: number; readonly limit: number; readonly page: number } | { readonly ok: false; readonly response: EmuResponse };

function parseTop(call: GraphCall): number | undefined | EmuResponse {
  const raw = queryOption(call, '$top');
  if (raw === null) return undefined;
  const top = Number(raw);
  if (!/^\d+$/.test(raw) || top < 1) return badRequest(`Invalid value '${raw}' for query option '$top'.`, call.request.headers['client-request-id']);
  return top;
}

/** Where this list request starts in keyset order, and its page number (for faults that target page N). */
export function managedDevicesWindow(call: GraphCall): PageWindow {
  const top = parseTop(call);
  if (typeof top === 'object') return { ok: false, response: top };
  // $top is honoured but a page never exceeds the server's page size (capped, not rejected).
  const limit = Math.min(top ?? call.ctx.pageSize, call.ctx.pageSize, MAX_PAGE);
  const token = queryOption(call, '$skiptoken');
  let start = 0;
  if (token !== null) {
    const match = SKIPTOKEN.exec(token);
    if (match === null) return { ok: false, response: badRequest(`The $skiptoken '${token}' is invalid.`, call.request.headers['client-request-id']) };
    start = call.ctx.store.indexAfter((match[1] ?? '').replace(/''/g, "'"), match[2] ?? '');
  }
  return { ok: true, start, limit, page: Math.floor(start / limit) + 1 };
}

/** `GET /{version}/deviceManagement/managedDevices`: keyset pages, per-page @odata.count, $filter/$orderby ignored. */
export function listManagedDevices(call: GraphCall): EmuResponse {
  const window = managedDevicesWindow(call);
  if (!window.ok) return window.response;
  const table = MANAGED_DEVICE_TABLES[call.version];
  const select = parseSelect(queryOption(call, '$select'), table, ENTITY_TYPE);
  if (!select.ok) return badRequest(select.message, call.request.headers['client-request-id']);
  const sorted = call.ctx.store.sortedDevices();
  const slice = sorted.slice(window.start, window.start + window.limit);
  const selectKey = `${call.version}|${select.names === undefined ? '*' : [...select.names].join(',')}`;
  const items = slice.map((device) => listItemJson(device, selectKey, () => projectDevice(device, call.version, { selected: select.names, isSingleGet: false })));
  const last = slice[slice.length - 1];
  const hasMore = window.start + slice.length < sorted.length && last !== undefined;
  const selectSuffix = select.names === undefined ? '' : `(${[...select.names].join(',')})`;
  const body: Record<string, unknown> = {
    '@odata.context': `${call.ctx.graphUrl}/${call.version}/$metadata#deviceManagement/managedDevices${selectSuffix}`,
    // Graph reports the number of items in this page, not the tenant total (NOTES §2.1).
    '@odata.count': items.length,
  };
  if (hasMore) body['@odata.nextLink'] = nextLink(call, 'deviceManagement/managedDevices', skipTokenFor(last.deviceName ?? '', last.id));
  const head = JSON.stringify(body);
  const parts: Buffer[] = [Buffer.from(`${head.slice(0, -1)},"value":[`, 'utf8')];
  items.forEach((item, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(item);
  });
  parts.push(CLOSE);
  return { status: 200, jsonBytes: Buffer.concat(parts) };
}

// Serialising 1000 devices per page dominated the emulator's CPU; a device's list JSON only changes when the
// device does, and the fleet store replaces (never mutates) a changed device, so a WeakMap keyed by the device
// object is invalidated for free.
const listJsonCache = new WeakMap<ManagedDevice, Map<string, Buffer>>();
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']}');

function listItemJson(device: ManagedDevice, selectKey: string, project: () => Record<string, unknown>): Buffer {
  let byKey = listJsonCache.get(device);
  if (byKey === undefined) {
    byKey = new Map();
    listJsonCache.set(device, byKey);
  }
  let text = byKey.get(selectKey);
  if (text === undefined) {
    text = Buffer.from(JSON.stringify(project()), 'utf8');
    byKey.set(selectKey, text);
  }
  return text;
}

/** `GET /{version}/deviceManagement/managedDevices/{id}`: GET-only fields are real only when `$select` names them. */
export function getManagedDevice(call: GraphCall, id: string): EmuResponse {
  const device = call.ctx.store.get(id);
  if (device === undefined) return notFound(id, call.request.headers['client-request-id']);
  const table = MANAGED_DEVICE_TABLES[call.version];
  const select = parseSelect(queryOption(call, '$select'), table, ENTITY_TYPE);
  if (!select.ok) return badRequest(select.message, call.request.headers['client-request-id']);
  const selectSuffix = select.names === undefined ? '' : `(${[...select.names].join(',')})`;
  return json(200, {
    '@odata.context': `${call.ctx.graphUrl}/${call.version}/$metadata#deviceManagement/managedDevices${selectSuffix}/$entity`,
    ...projectDevice(device, call.version, { selected: select.names, isSingleGet: true }),
  });
}
