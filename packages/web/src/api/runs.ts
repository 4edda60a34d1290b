import { api, query } from './client.js';
import type { RunStatus } from './connections.js';

// Declared here per the API contract (runs & scheduler routes) until packages/contracts exports run schemas;
// RunReport mirrors the server's sync/run-report.ts (SPEC §4.13).

export type { RunStatus };
export type RunTrigger = 'schedule' | 'manual' | 'cli';
export type DeviceOutcome = 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed' | 'duplicate' | 'retired' | 'restored';
export const DEVICE_OUTCOMES: readonly DeviceOutcome[] = ['created', 'updated', 'unchanged', 'skipped', 'failed', 'duplicate', 'retired', 'restored'];

export interface RunProgress {
  readonly stage?: string;
  readonly devicesDone?: number;
  readonly devicesFetched?: number;
  readonly devicesTotal?: number | null;
}

export interface RunCounts {
  readonly fetched?: number;
  readonly synced?: number;
  readonly unsynced?: number;
  readonly created?: number;
  readonly updated?: number;
  readonly unchanged?: number;
  readonly retired?: number;
  readonly missing?: number;
  readonly restored?: number;
  readonly inactivated?: number;
  readonly allocated?: number;
  readonly usersCreated?: number;
  readonly skipped?: Readonly<Record<string, number>>;
  readonly failed?: number;
  readonly conflicts?: number;
}

export interface RunSummary {
  readonly id: string;
  readonly connection: string;
  readonly status: RunStatus;
  readonly dryRun: boolean;
  readonly trigger: RunTrigger;
  readonly queuedAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly durationMs: number | null;
  readonly counts: RunCounts | null;
  readonly progress: RunProgress | null;
  readonly error?: string | null;
}

export interface DeviceError {
  readonly deviceId: string;
  readonly stage: string;
  readonly code: string;
  readonly message: string;
}

export type DiffAction = 'create' | 'update' | 'unchanged' | 'skip' | 'duplicate' | 'fail' | 'retire' | 'restore' | 'inactivate';

export interface FieldChange {
  readonly field: string;
  readonly old: unknown;
  readonly new: unknown;
}

export interface DeviceDiff {
  readonly deviceId: string;
  readonly deviceName: string | null;
  readonly action: DiffAction;
  readonly reason?: string;
  readonly changes?: readonly FieldChange[];
}

export interface RunReport {
  readonly runId: string;
  readonly connection: string;
  readonly status: 'succeeded' | 'partial' | 'failed';
  readonly dryRun: boolean;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly counts: RunCounts;
  readonly errors: readonly DeviceError[];
  readonly errorsOmitted: number;
  readonly stages: Readonly<Record<string, { readonly ms: number; readonly devices: number }>>;
  readonly graph: { readonly requests: number; readonly requestsPerDevice: number };
  readonly notices: readonly string[];
  readonly fetchComplete: boolean;
  readonly diff?: readonly DeviceDiff[];
}

export interface RunDetail {
  readonly run: RunSummary;
  readonly report: RunReport | null;
}

export interface RunDeviceItem {
  readonly intuneDeviceId: string;
  readonly deviceName: string | null;
  readonly outcome: DeviceOutcome;
  readonly reason: string | null;
  readonly assetId: string | null;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

export interface RunDeviceFilter {
  readonly outcome?: string;
  readonly reason?: string;
  readonly search?: string;
  readonly cursor?: string | null;
  readonly limit?: number;
}

const enc = encodeURIComponent;

export const runsApi = {
  start: (connection: string, dryRun: boolean) => api.post<{ runId: string; status: 'queued' }>(`/connections/${enc(connection)}/runs`, { dryRun }),
  listForConnection: (connection: string, cursor: string | null, signal?: AbortSignal) =>
    api.get<Page<RunSummary>>(`/connections/${enc(connection)}/runs${query({ cursor, limit: 20 })}`, signal),
  list: (filter: { status?: string; cursor?: string | null }, signal?: AbortSignal) =>
    api.get<Page<RunSummary>>(`/runs${query({ status: filter.status, cursor: filter.cursor })}`, signal),
  get: (id: string, signal?: AbortSignal) => api.get<RunDetail>(`/runs/${enc(id)}`, signal),
  devices: (id: string, filter: RunDeviceFilter, signal?: AbortSignal) =>
    api.get<Page<RunDeviceItem>>(`/runs/${enc(id)}/devices${query({ ...filter, limit: filter.limit ?? 50 })}`, signal),
  eventsUrl: (id: string) => `/api/v1/runs/${enc(id)}/events`,
};
