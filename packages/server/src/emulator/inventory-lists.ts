import { createHash } from 'node:crypto';
import type { GraphCall } from './graph-context.js';
import type { EmuResponse } from './http-types.js';
import type { DetectedApp } from './fleet/apps.js';
import type { AutopilotIdentity } from './fleet/autopilot.js';
import type { IdPagerOptions } from './id-pager.js';
import { notFound } from './graph-errors.js';
import { json } from './http-types.js';
import { APP_PLATFORM_OS } from './fleet/apps.js';
import { pageById } from './id-pager.js';

export const DETECTED_APPS_OPTIONS: IdPagerOptions<DetectedApp> = {
  resourcePath: 'deviceManagement/detectedApps',
  contextFragment: 'deviceManagement/detectedApps',
  defaultTop: 50,
  maxTop: 1000,
  tokenPrefix: 'da:',
  project: (app) => ({ ...app }),
};

export const AUTOPILOT_OPTIONS: IdPagerOptions<AutopilotIdentity> = {
  resourcePath: 'deviceManagement/windowsAutopilotDeviceIdentities',
  contextFragment: 'deviceManagement/windowsAutopilotDeviceIdentities',
  defaultTop: 1000,
  maxTop: 1000,
  tokenPrefix: 'ap:',
  project: (identity) => ({ ...identity }),
};

export function listDetectedApps(call: GraphCall): EmuResponse {
  return pageById(call, call.ctx.store.sortedById('detectedApps'), DETECTED_APPS_OPTIONS);
}

export function listAutopilot(call: GraphCall): EmuResponse {
  return pageById(call, call.ctx.store.sortedById('autopilot'), AUTOPILOT_OPTIONS);
}

function unitHash(text: string): number {
  return createHash('sha1').update(text).digest().readUInt32BE(0) / 4294967296;
}

/**
 * beta `managedDevices/{id}/detectedApps`: a stable subset of the catalogue for the device's platform,
 * each app included with probability deviceCount / devices on that platform.
 */
export function listDeviceDetectedApps(call: GraphCall, id: string): EmuResponse {
  const device = call.ctx.store.get(id);
  if (device === undefined) return notFound(id, call.request.headers['client-request-id']);
  const os = device.operatingSystem ?? '';
  const counts = call.ctx.store.osCounts();
  const apps = call.ctx.store.snapshot.detectedApps.filter((app) => {
    const platformOses = APP_PLATFORM_OS[app.platform] ?? [];
    if (!platformOses.includes(os)) return false;
    const onPlatform = platformOses.reduce((sum, name) => sum + (counts.get(name) ?? 0), 0);
    return onPlatform > 0 && unitHash(`${device.id}/${app.id}`) < app.deviceCount / onPlatform;
  });
  return json(200, {
    '@odata.context': `${call.ctx.graphUrl}/beta/$metadata#deviceManagement/managedDevices('${device.id}')/detectedApps`,
    '@odata.count': apps.length,
    value: apps.map((app) => ({ ...app })),
  });
}
