import type { RunDeviceDto, RunPage, RunProgressDto, RunSummary } from '@intune-assets/contracts';
import { api, query } from './client.js';
import { toRunReport } from '../lib/run-report.js';
import type { RunReport } from '../lib/run-report.js';

export type { RunSummary, RunPage };
export type RunProgress = RunProgressDto;
export type RunStatus = RunSummary['status'];
export type DeviceOutcome = RunDeviceDto['outcome'];
// Listed here rather than imported: a value import from contracts would pull zod into the main bundle.
export const DEVICE_OUTCOMES: readonly DeviceOutcome[] = ['created', 'updated', 'unchanged', 'skipped', 'failed', 'duplicate', 'retired', 'restored'];
export type RunDeviceItem = RunDeviceDto;
export type { DeviceDiff, DeviceError, FieldChange, RunReport } from '../lib/run-report.js';

export interface RunDetail {
  readonly run: RunSummary;
  /** Null until the run ends, or when the stored report cannot be read. */
  readonly report: RunReport | null;
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
    api.get<RunPage>(`/connections/${enc(connection)}/runs${query({ cursor, limit: 20 })}`, signal),
  list: (filter: { status?: string; cursor?: string | null }, signal?: AbortSignal) =>
    api.get<RunPage>(`/runs${query({ status: filter.status, cursor: filter.cursor })}`, signal),
  get: async (id: string, signal?: AbortSignal): Promise<RunDetail> => {
    const detail = await api.get<{ run: RunSummary; report: unknown }>(`/runs/${enc(id)}`, signal);
    return { run: detail.run, report: toRunReport(detail.report) };
  },
  devices: (id: string, filter: RunDeviceFilter, signal?: AbortSignal) =>
    api.get<Page<RunDeviceItem>>(`/runs/${enc(id)}/devices${query({ ...filter, limit: filter.limit ?? 50 })}`, signal),
  eventsUrl: (id: string) => `/api/v1/runs/${enc(id)}/events`,
};
