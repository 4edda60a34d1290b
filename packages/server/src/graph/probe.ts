import { GraphError, firstLine, isRecord } from './graph-error.js';
import { pageProblem } from './paging.js';
import type { TokenProvider } from './auth.js';
import type { GraphHttp } from './http.js';
import type { GraphApiVersion } from './intune.js';

export interface CapabilityResult {
  readonly ok: boolean;
  readonly status?: number;
  readonly permission: string;
  readonly message: string;
}

export interface ProbeResult {
  /** Token and device listing both work: the connection can sync. */
  readonly ok: boolean;
  readonly token: { readonly ok: boolean; readonly message: string };
  readonly capabilities: {
    readonly devices: CapabilityResult;
    readonly users: CapabilityResult;
    readonly detectedApps: CapabilityResult;
    readonly autopilot: CapabilityResult;
  };
  /** Sorted union of the property names seen on the devices read (annotations such as @odata.type left out). */
  readonly deviceFields: readonly string[];
  readonly devicesRead: number;
  readonly durationMs: number;
}

export interface ProbeOptions {
  readonly version?: GraphApiVersion;
  /** `$top` of the one device page read. */
  readonly sampleSize?: number;
  readonly signal?: AbortSignal;
}

interface ProbeDeps {
  readonly http: GraphHttp;
  readonly tokenProvider: TokenProvider;
  readonly root: string;
}

const CAPABILITIES = [
  { key: 'users', path: '/users?$top=1&$select=id', permission: 'User.Read.All' },
  { key: 'detectedApps', path: '/deviceManagement/detectedApps?$top=1', permission: 'DeviceManagementManagedDevices.Read.All' },
  { key: 'autopilot', path: '/deviceManagement/windowsAutopilotDeviceIdentities?$top=1', permission: 'DeviceManagementServiceConfig.Read.All' },
] as const;
const DEVICES_PERMISSION = 'DeviceManagementManagedDevices.Read.All';

export async function probeConnection(deps: ProbeDeps, options: ProbeOptions): Promise<ProbeResult> {
  const started = Date.now();
  const signal = options.signal;
  const notTried = (permission: string): CapabilityResult => ({ ok: false, permission, message: 'not tried: no access token' });
  try {
    await deps.tokenProvider.getToken(signal === undefined ? {} : { signal });
  } catch (error) {
    return {
      ok: false,
      token: { ok: false, message: messageOf(error) },
      capabilities: {
        devices: notTried(DEVICES_PERMISSION),
        users: notTried('User.Read.All'),
        detectedApps: notTried('DeviceManagementManagedDevices.Read.All'),
        autopilot: notTried('DeviceManagementServiceConfig.Read.All'),
      },
      deviceFields: [],
      devicesRead: 0,
      durationMs: Date.now() - started,
    };
  }

  const fields = new Set<string>();
  let devicesRead = 0;
  const devices = await capability(DEVICES_PERMISSION, async () => {
    const url = `${deps.root}/deviceManagement/managedDevices?$top=${options.sampleSize ?? 100}`;
    const response = await deps.http.getJson(url, { permission: DEVICES_PERMISSION, validate: pageProblem, ...(signal === undefined ? {} : { signal }) });
    const value = isRecord(response.body) && Array.isArray(response.body['value']) ? response.body['value'] : [];
    for (const device of value) {
      if (!isRecord(device)) continue;
      devicesRead++;
      for (const key of Object.keys(device)) if (!key.startsWith('@') && !key.includes('@odata.')) fields.add(key);
    }
    return { status: response.status, message: `read ${devicesRead} device(s)` };
  }, signal);

  const others = await Promise.all(
    CAPABILITIES.map((c) =>
      capability(c.permission, async () => {
        const response = await deps.http.getJson(`${deps.root}${c.path}`, { permission: c.permission, validate: pageProblem, ...(signal === undefined ? {} : { signal }) });
        return { status: response.status, message: 'ok' };
      }, signal),
    ),
  );
  const [users, detectedApps, autopilot] = others as [CapabilityResult, CapabilityResult, CapabilityResult];
  return {
    ok: devices.ok,
    token: { ok: true, message: 'token acquired' },
    capabilities: { devices, users, detectedApps, autopilot },
    deviceFields: [...fields].sort(),
    devicesRead,
    durationMs: Date.now() - started,
  };
}

async function capability(
  permission: string,
  run: () => Promise<{ status: number; message: string }>,
  signal: AbortSignal | undefined,
): Promise<CapabilityResult> {
  try {
    const { status, message } = await run();
    return { ok: true, status, permission, message };
  } catch (error) {
    if (signal?.aborted) throw error;
    return {
      ok: false,
      ...(error instanceof GraphError && error.status !== undefined ? { status: error.status } : {}),
      permission,
      message: messageOf(error),
    };
  }
}

function messageOf(error: unknown): string {
  if (error instanceof GraphError) return error.message;
  return firstLine(error instanceof Error ? error.message : String(error));
}
