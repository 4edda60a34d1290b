import type { FaultController, FaultProbe, FaultSpec } from './faults.js';
import type { GraphCall, GraphContext } from './graph-context.js';
import type { GraphVersion } from './graph-schema.js';
import type { EmuRequest, EmuResponse } from './http-types.js';
import type { TokenService } from './tokens.js';
import { idWindow } from './id-pager.js';
import { badRequest, faultResponse, graphError } from './graph-errors.js';
import { AUTOPILOT_OPTIONS, DETECTED_APPS_OPTIONS, listAutopilot, listDetectedApps, listDeviceDetectedApps } from './inventory-lists.js';
import { getManagedDevice, listManagedDevices, managedDevicesWindow } from './managed-devices.js';
import { DEVICE_OBJECTS_READ, groupMembersPagerOptions, listGroupDevices } from './groups.js';
import { getUser, listUsers, usersPagerOptions } from './users.js';

const MANAGED_DEVICES_READ = ['DeviceManagementManagedDevices.Read.All', 'DeviceManagementManagedDevices.ReadWrite.All'];
const USERS_READ = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const SERVICE_CONFIG_READ = ['DeviceManagementServiceConfig.Read.All', 'DeviceManagementServiceConfig.ReadWrite.All'];
const GROUP_MEMBERS_READ = ['GroupMember.Read.All', 'GroupMember.ReadWrite.All', 'Group.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];

/** Application permissions the connector needs; the emulator grants these unless told otherwise. */
export const DEFAULT_PERMISSIONS: readonly string[] = [
  MANAGED_DEVICES_READ[0] ?? '', USERS_READ[0] ?? '', SERVICE_CONFIG_READ[0] ?? '', GROUP_MEMBERS_READ[0] ?? '', DEVICE_OBJECTS_READ[0] ?? '',
];

interface Route {
  readonly route: FaultProbe['route'];
  readonly permissions: readonly string[];
  readonly page?: (call: GraphCall) => number | undefined;
  readonly handle: (call: GraphCall) => EmuResponse;
}

function match(call: GraphCall): Route | EmuResponse {
  const [a, b, c, d, ...rest] = call.segments;
  const clientRequestId = call.request.headers['client-request-id'];
  if (a === 'deviceManagement' && b === 'managedDevices' && c === undefined) {
    return {
      route: 'managedDevices',
      permissions: MANAGED_DEVICES_READ,
      page: (x) => {
        const window = managedDevicesWindow(x);
        return window.ok ? window.page : undefined;
      },
      handle: listManagedDevices,
    };
  }
  if (a === 'deviceManagement' && b === 'managedDevices' && c !== undefined && d === undefined) {
    return { route: 'managedDevice', permissions: MANAGED_DEVICES_READ, handle: (x) => getManagedDevice(x, c) };
  }
  if (a === 'deviceManagement' && b === 'managedDevices' && c !== undefined && d === 'detectedApps' && rest.length === 0) {
    // v1.0 has no managedDevice → detectedApps navigation (NOTES §3.3).
    if (call.version !== 'beta') return badRequest("Resource not found for the segment 'detectedApps'.", clientRequestId);
    return { route: 'managedDevice', permissions: MANAGED_DEVICES_READ, handle: (x) => listDeviceDetectedApps(x, c) };
  }
  if (a === 'deviceManagement' && b === 'detectedApps' && c === undefined) {
    return {
      route: 'detectedApps',
      permissions: MANAGED_DEVICES_READ,
      page: (x) => pageOf(idWindow(x, x.ctx.store.sortedById('detectedApps'), DETECTED_APPS_OPTIONS)),
      handle: listDetectedApps,
    };
  }
  if (a === 'deviceManagement' && b === 'windowsAutopilotDeviceIdentities' && c === undefined) {
    return {
      route: 'autopilot',
      permissions: SERVICE_CONFIG_READ,
      page: (x) => pageOf(idWindow(x, x.ctx.store.sortedById('autopilot'), AUTOPILOT_OPTIONS)),
      handle: listAutopilot,
    };
  }
  if (a === 'users' && b === undefined) {
    return {
      route: 'users',
      permissions: USERS_READ,
      page: (x) => pageOf(idWindow(x, x.ctx.store.sortedById('users'), usersPagerOptions([], x))),
      handle: listUsers,
    };
  }
  if (a === 'users' && b !== undefined && c === undefined) return { route: 'users', permissions: USERS_READ, handle: (x) => getUser(x, b) };
  if (a === 'groups' && b !== undefined && c === 'transitiveMembers' && d === 'microsoft.graph.device' && rest.length === 0) {
    return {
      route: 'groups',
      permissions: GROUP_MEMBERS_READ,
      page: (x) => {
        const group = x.ctx.store.group(b);
        return group === undefined ? undefined : pageOf(idWindow(x, x.ctx.store.groupMembers(group), groupMembersPagerOptions([], x)));
      },
      handle: (x) => listGroupDevices(x, b),
    };
  }
  const unknown = call.segments.find((s) => !['deviceManagement', 'managedDevices', 'users', 'groups'].includes(s)) ?? call.segments.join('/');
  return badRequest(`Resource not found for the segment '${unknown}'.`, clientRequestId);
}

function pageOf(window: { ok: boolean; page?: number }): number | undefined {
  return window.ok ? window.page : undefined;
}

export interface GraphDeps {
  readonly ctx: GraphContext;
  readonly tokens: TokenService;
  readonly faults: FaultController;
}

export interface RoutedResponse {
  readonly route: string;
  readonly response: EmuResponse;
  /** For `$batch`: the route of each item, so stats can say what a batch asked for. */
  readonly itemRoutes?: readonly string[];
}

async function authorise(deps: GraphDeps, request: EmuRequest, permissions: readonly string[] | undefined): Promise<EmuResponse | undefined> {
  const result = await authoriseRoles(deps, request, permissions);
  return 'roles' in result ? undefined : result;
}

/** The token's application permissions when it may call the route, else the 401/403 response. */
async function authoriseRoles(deps: GraphDeps, request: EmuRequest, permissions: readonly string[] | undefined): Promise<EmuResponse | { readonly roles: readonly string[] }> {
  const clientRequestId = request.headers['client-request-id'];
  const check = await deps.tokens.check(request.headers['authorization']);
  if (!check.ok) {
    const message =
      check.reason === 'missing' ? 'Access token is empty.' : check.reason === 'expired' ? 'Access token has expired or is not yet valid.' : 'Access token validation failure. Invalid audience or signature.';
    return graphError(401, 'InvalidAuthenticationToken', message, {
      clientRequestId,
      headers: { 'www-authenticate': 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"' },
    });
  }
  if (permissions !== undefined && !permissions.some((p) => check.claims.roles.includes(p))) {
    return graphError(
      403, 'Forbidden',
      `Application is not authorized to perform this operation. Application must have one of the following scopes: ${permissions.join(', ')}`,
      { clientRequestId },
    );
  }
  return { roles: check.claims.roles };
}

/** Applies a fault: status faults replace the response, transport faults mark it, token expiry revokes tokens. */
function withFault(spec: FaultSpec | undefined, deps: GraphDeps, request: EmuRequest): EmuResponse | 'expire' | 'reset' | 'truncate' | undefined {
  if (spec === undefined) return undefined;
  if (spec.kind === 'token-expiry') {
    deps.tokens.expireAll();
    return 'expire';
  }
  if (spec.kind === 'reset') return 'reset';
  if (spec.kind === 'malformed') return 'truncate';
  return faultResponse(spec, request.headers['client-request-id']);
}

/** One Graph request (top-level or a $batch item): route, fault, auth, handle. */
export async function handleGraph(deps: GraphDeps, request: EmuRequest, version: GraphVersion, segments: readonly string[], inBatch = false): Promise<RoutedResponse> {
  const call: GraphCall = { ctx: deps.ctx, request, version, segments };
  const matched = match(call);
  if (!('handle' in matched)) return { route: 'unknown', response: matched };
  if (request.method !== 'GET') {
    return { route: matched.route, response: graphError(405, 'BadRequest', `The HTTP method '${request.method}' is not allowed for this resource.`, { clientRequestId: request.headers['client-request-id'] }) };
  }
  const page = matched.page?.(call);
  const fault = withFault(deps.faults.next(page === undefined ? { route: matched.route, inBatch } : { route: matched.route, page, inBatch }), deps, request);
  if (typeof fault === 'object') return { route: matched.route, response: fault };
  const granted = await authoriseRoles(deps, request, matched.permissions);
  if (!('roles' in granted)) return { route: matched.route, response: granted };
  const response = matched.handle({ ...call, roles: granted.roles });
  if (fault === 'reset' || fault === 'truncate') return { route: matched.route, response: { ...response, transport: fault } };
  return { route: matched.route, response };
}

export { authorise };
