import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ManagedDevice } from '../domain/managed-device.js';
import type { FaultSpec } from './faults.js';
import type { GraphVersion } from './graph-schema.js';
import type { EmuRequest, EmuResponse } from './http-types.js';
import type { ReenrolOptions } from './fleet/fleet-store.js';
import type { EmulatedGroup } from './fleet/groups.js';
import { createEmulatorTls } from './ca.js';
import { handleControl } from './control.js';
import { instanceDiscovery, jwks, openIdConfiguration, tokenEndpoint, entraError } from './entra.js';
import { FaultController } from './faults.js';
import { FleetStore } from './fleet/fleet-store.js';
import { generateFleet } from './fleet/generate-fleet.js';
import { handleBatch } from './batch.js';
import { faultResponse, badRequest } from './graph-errors.js';
import { DEFAULT_PERMISSIONS, handleGraph } from './graph-routes.js';
import { loadScenarioFile, watchScenario } from './scenario.js';
import { startHttpsServer } from './server.js';
import { GRAPH_RESOURCE, TokenService } from './tokens.js';

export type { FaultSpec, FaultKind, FaultRoute } from './faults.js';
export { parseFaultSpec, FAULT_KINDS, FAULT_ROUTES } from './faults.js';
export type { ReenrolOptions } from './fleet/fleet-store.js';
export type { EmulatedGroup } from './fleet/groups.js';

export interface EmulatorOptions {
  /** Generated fleet size (default 500). */
  devices?: number;
  /** Generator seed (default 1); same seed + devices (+ referenceTime) → identical fleet. */
  seed?: number;
  /** Load the fleet exactly as given instead of generating; re-read when it changes. */
  scenarioFile?: string;
  /** Default 0 = any free port. */
  port?: number;
  /** Where caCertFile is written (default a new temp dir). */
  stateDir?: string;
  /** Access token expires_in (default 3599). */
  tokenLifetimeSec?: number;
  /** managedDevices page size (default 1000, Graph's). */
  pageSize?: number;
  faults?: readonly FaultSpec[];
  /** Application permissions granted (default: all the connector needs). */
  permissions?: readonly string[];
  /** Added latency per request (default 0). */
  latencyMs?: number;
  /** The client secret has expired: token requests get AADSTS7000222. */
  secretExpired?: boolean;
  /** Generated dates count back from here (default: today 00:00 UTC, so a fleet is stable within a day). */
  referenceTime?: Date;
  /** Where emulator diagnostics go (default stderr). */
  log?: (line: string) => void;
}

/** Exactly the JSON line the CLI prints. */
export interface EmulatorInfo {
  graphUrl: string;
  authorityUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  caCertFile: string;
}

export interface RunningEmulator extends EmulatorInfo {
  caCertPem: string;
  faults: { add(spec: FaultSpec): void; clear(): void; list(): readonly FaultSpec[] };
  fleet: {
    size(): number;
    add(n: number): ManagedDevice[];
    modify(n: number): ManagedDevice[];
    remove(n: number): string[];
    /** Same serial, new id, newer lastSyncDateTime; the old record is removed unless `keepOld`. */
    reenrol(n: number, options?: ReenrolOptions): ManagedDevice[];
    /** Full beta-shaped records. */
    devices(): readonly ManagedDevice[];
    /** Entra groups with their device members (azureADDeviceIds). */
    groups(): readonly EmulatedGroup[];
  };
  tokens: { expireAll(): void };
  stats(): { requests: number; byRoute: Record<string, number>; tokensIssued: number };
  close(): Promise<void>;
}

const GRAPH_PATH = /^\/graph\/(v1\.0|beta)(?:\/(.*))?$/;

function todayUtc(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

function positiveInt(name: string, value: number | undefined, fallback: number, min = 1): number {
  const chosen = value ?? fallback;
  if (!Number.isInteger(chosen) || chosen < min) throw new Error(`emulator option ${name} must be an integer ≥ ${min}, got ${String(value)}`);
  return chosen;
}

/** Starts the emulated tenant: Entra + Graph over HTTPS on 127.0.0.1 with a fresh CA. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const devices = positiveInt('devices', options.devices, 500, 0);
  const seed = positiveInt('seed', options.seed, 1, 0);
  const pageSize = positiveInt('pageSize', options.pageSize, 1000);
  const tokenLifetimeSec = positiveInt('tokenLifetimeSec', options.tokenLifetimeSec, 3599);
  const port = positiveInt('port', options.port, 0, 0);
  const latencyMs = positiveInt('latencyMs', options.latencyMs, 0, 0);

  const fleetData = options.scenarioFile === undefined
    ? generateFleet({ devices, seed, nowMs: (options.referenceTime ?? todayUtc()).getTime() })
    : loadScenarioFile(options.scenarioFile);
  const store = new FleetStore(fleetData, seed);
  const faults = new FaultController(options.faults ?? []);
  const tls = await createEmulatorTls();

  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), 'intune-emulator-'));
  mkdirSync(stateDir, { recursive: true });
  const caCertFile = join(stateDir, 'emulator-ca.pem');
  writeFileSync(caCertFile, tls.caCertPem);

  const tenantId = randomUUID();
  const clientId = randomUUID();
  const clientSecret = `emu~${randomBytes(24).toString('base64url')}`;
  const permissions = options.permissions ?? DEFAULT_PERMISSIONS;
  let authorityUrl = '';
  let graphUrl = '';
  // Bound after listen (the port is only known then); the audience list reads graphUrl lazily.
  const audiences: string[] = [GRAPH_RESOURCE];
  const tokens = await TokenService.create({ tenantId, clientId, lifetimeSec: tokenLifetimeSec, audiences });

  const entraCtx = () => ({ authorityUrl, graphUrl, tenantId, clientId, clientSecret, secretExpired: options.secretExpired === true, tokenLifetimeSec, permissions, tokens });
  const graphDeps = () => ({ ctx: { graphUrl, store, pageSize }, tokens, faults });

  const dispatch = async (request: EmuRequest): Promise<{ route: string; response: EmuResponse; itemRoutes?: readonly string[] }> => {
    const graph = GRAPH_PATH.exec(request.path);
    if (graph !== null) {
      const version = graph[1] as GraphVersion;
      const rest = graph[2] ?? '';
      if (rest === '$batch') return handleBatch(graphDeps(), request, version);
      const segments = rest.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
      return handleGraph(graphDeps(), request, version, segments);
    }
    if (request.path.startsWith('/_emulator/')) {
      return { route: 'control', response: handleControl({ clientSecret, faults, store, tokens }, request, request.path.slice('/_emulator/'.length)) };
    }
    const [tenant = '', ...rest] = request.path.split('/').filter((s) => s !== '');
    const tail = rest.join('/');
    if (tail === 'discovery/instance') return { route: 'discovery', response: instanceDiscovery(entraCtx()) };
    if (tail === 'v2.0/.well-known/openid-configuration' || tail === '.well-known/openid-configuration') {
      return { route: 'openid', response: openIdConfiguration(entraCtx(), request, tenant, tail.startsWith('v2.0')) };
    }
    if (tail === 'discovery/v2.0/keys' || tail === 'discovery/keys') return { route: 'jwks', response: jwks(entraCtx()) };
    if (tail === 'oauth2/v2.0/token' || tail === 'oauth2/token') {
      const fault = faults.next({ route: 'token' });
      if (fault !== undefined) {
        if (fault.kind === 'reset' || fault.kind === 'malformed') {
          const response = await tokenEndpoint(entraCtx(), request, tenant);
          return { route: 'token', response: { ...response, transport: fault.kind === 'reset' ? 'reset' : 'truncate' } };
        }
        if (fault.kind === 'token-expiry') tokens.expireAll();
        else {
          const response = faultResponse(fault, request.headers['client-request-id']);
          if (response !== undefined) return { route: 'token', response };
        }
      }
      return { route: 'token', response: await tokenEndpoint(entraCtx(), request, tenant) };
    }
    if (tenant !== '' && rest.length === 0) return { route: 'unknown', response: entraError(request, 404, 'invalid_request', 900561, `The endpoint '/${tenant}' does not exist.`) };
    return { route: 'unknown', response: badRequest(`Resource not found for the segment '${request.path}'.`) };
  };

  const server = await startHttpsServer({ tls, port, latencyMs, dispatch, onError: (error) => log(`emulator: request failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`) });
  authorityUrl = `https://127.0.0.1:${server.port}`;
  graphUrl = `${authorityUrl}/graph`;
  audiences.push(graphUrl);

  const stopWatching = options.scenarioFile === undefined
    ? () => undefined
    : watchScenario(options.scenarioFile, {
        onReload: (data) => {
          store.replace(data);
          log(`emulator: scenario reloaded (${data.devices.length} devices)`);
        },
        onError: (error) => log(`emulator: scenario change ignored, still serving the previous fleet: ${error.message}`),
      });

  return {
    graphUrl,
    authorityUrl,
    tenantId,
    clientId,
    clientSecret,
    caCertFile,
    caCertPem: tls.caCertPem,
    faults: { add: (spec) => faults.add(spec), clear: () => faults.clear(), list: () => faults.list() },
    fleet: {
      size: () => store.size(),
      add: (n) => store.add(n),
      modify: (n) => store.modify(n),
      remove: (n) => store.remove(n),
      reenrol: (n, reenrolOptions) => store.reenrol(n, reenrolOptions),
      devices: () => store.devices(),
      groups: () => store.snapshot.groups,
    },
    tokens: { expireAll: () => tokens.expireAll() },
    stats: () => ({ requests: server.stats.requests, byRoute: { ...server.stats.byRoute }, tokensIssued: tokens.issuedCount }),
    close: async () => {
      stopWatching();
      await server.close();
    },
  };
}

/** The fields of a running emulator that make up its connection line. */
export function emulatorInfo(emulator: EmulatorInfo): EmulatorInfo {
  const { graphUrl, authorityUrl, tenantId, clientId, clientSecret, caCertFile } = emulator;
  return { graphUrl, authorityUrl, tenantId, clientId, clientSecret, caCertFile };
}
