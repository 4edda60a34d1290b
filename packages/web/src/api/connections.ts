import { api } from './client.js';

// Declared here per the API contract until packages/contracts exports its connection API types from the index;
// the shapes match contracts/src/api/connections.ts (connectionListItemSchema, connectionViewSchema).

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'partial' | 'failed';

export interface ConnectionLastRun {
  readonly id: string;
  readonly status: RunStatus;
  readonly dryRun: boolean;
  readonly queuedAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly durationMs: number | null;
  readonly counts: Record<string, unknown> | null;
  readonly error: string | null;
}

export interface ConnectionListItem {
  readonly id: string;
  readonly name: string;
  readonly isActive: boolean;
  readonly description: string;
  readonly tenantId: string;
  readonly syncMode: 'inventory' | 'discovery';
  readonly department: string;
  readonly schedule: string;
  readonly nextRunAt: string | null;
  readonly lastRun: ConnectionLastRun | null;
  readonly attention: readonly string[];
}

/** The parts of GET /connections/:name the overview shows (the view carries every setting). */
export interface ConnectionOverview {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly isActive?: boolean;
  readonly tenantId?: string;
  readonly clientId?: string;
  readonly department?: string;
  readonly syncMode?: string;
  readonly cloud?: string;
  readonly authMode?: string;
  readonly schedule?: unknown;
  readonly hasSecret: boolean;
  readonly secretUpdatedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lastTest: { readonly ok: boolean; readonly at: string; readonly message: string } | null;
}

export interface ScheduleInfo {
  readonly cron: string;
  readonly timezone: string;
  readonly nextRuns: readonly string[];
  readonly syncNowAvailableAt: string | null;
}

const enc = encodeURIComponent;

export const connectionsApi = {
  list: (signal?: AbortSignal) => api.get<{ items: ConnectionListItem[] }>('/connections', signal),
  get: (name: string, signal?: AbortSignal) => api.get<ConnectionOverview>(`/connections/${enc(name)}`, signal),
  schedule: (name: string, signal?: AbortSignal) => api.get<ScheduleInfo>(`/connections/${enc(name)}/schedule`, signal),
};
