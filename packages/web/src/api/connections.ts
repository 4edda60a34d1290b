import type { ConnectionLastRun, ConnectionListItem, ConnectionView, ScheduleDto } from '@intune-assets/contracts';
import { api } from './client.js';

export type { ConnectionLastRun, ConnectionListItem, ConnectionView };
export type ScheduleInfo = ScheduleDto;
export type RunStatus = ConnectionLastRun['status'];

const enc = encodeURIComponent;

export const connectionsApi = {
  list: (signal?: AbortSignal) => api.get<{ items: ConnectionListItem[] }>('/connections', signal),
  get: (name: string, signal?: AbortSignal) => api.get<ConnectionView>(`/connections/${enc(name)}`, signal),
  schedule: (name: string, signal?: AbortSignal) => api.get<ScheduleInfo>(`/connections/${enc(name)}/schedule`, signal),
};
