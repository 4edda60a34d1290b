import { api } from '../../api/client.js';
import type { ConnectionSettings, FieldIssue } from '@intune-assets/contracts';
import type { ConnectionDraft } from './form-to-document.js';

import type { ConnectionFields, ConnectionView, MappingPreview, MappingPreviewRow } from '@intune-assets/contracts';

export type { ConnectionFields, ConnectionView, MappingPreview, MappingPreviewRow };

export interface Capability {
  readonly ok: boolean;
  readonly status?: number;
  readonly permission: string;
  readonly message: string;
}

export interface AvailableField {
  readonly name: string;
  readonly type: string;
  readonly getOnly: boolean;
}

export interface ConnectionTestReport {
  readonly connection: string;
  readonly ok: boolean;
  readonly token: { readonly ok: boolean; readonly message: string };
  readonly capabilities: Readonly<Record<'devices' | 'users' | 'detectedApps' | 'autopilot', Capability>>;
  readonly devicesRead: number;
  readonly durationMs: number;
  readonly availableFields: {
    readonly source: 'live' | 'stored' | 'schema';
    readonly at: string | null;
    readonly notice: string | null;
    readonly fields: readonly AvailableField[];
  };
}

export type PreviewValue = string | number | boolean | null;

export interface RegisterField {
  readonly target: string;
  readonly label: string;
  readonly type: string;
  readonly defaultExpression: string | null;
  readonly defaultSourceOfTruth: 'intune' | 'register';
}

export interface ReferenceData {
  readonly departments: readonly { readonly id: string; readonly name: string; readonly isDefault: boolean }[];
  readonly assetGroups: readonly { readonly id: string; readonly name: string; readonly department: string }[];
  readonly categories: readonly {
    readonly id: string;
    readonly name: string;
    readonly department: string;
    readonly group: string | null;
    readonly fields: readonly { readonly name: string; readonly type: string; readonly isRequired: boolean; readonly target: string }[];
  }[];
  readonly statuses: readonly { readonly key: string; readonly displayName: string }[];
  readonly subStatuses: readonly { readonly id: string; readonly name: string; readonly statusKey: string }[];
  readonly conditions: readonly { readonly id: string; readonly name: string }[];
  readonly sites: readonly { readonly id: string; readonly name: string; readonly department: string }[];
  readonly stores: readonly { readonly id: string; readonly name: string; readonly site: string; readonly location: string }[];
  readonly usageTypes: readonly string[];
  readonly registerFields: readonly RegisterField[];
}

export interface CredentialsTestBody {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly authorityUrl?: string;
  readonly graphUrl?: string;
  readonly cloud?: string;
  readonly caCertFile?: string;
  readonly graphApiVersion?: string;
}

const enc = encodeURIComponent;

export const setupApi = {
  get: (name: string, signal?: AbortSignal) => api.get<ConnectionView>(`/connections/${enc(name)}`, signal),
  create: (document: ConnectionDraft) => api.post<ConnectionView>('/connections', document),
  replace: (name: string, document: ConnectionDraft) => api.put<ConnectionView>(`/connections/${enc(name)}`, document),
  test: (name: string) => api.post<ConnectionTestReport>(`/connections/${enc(name)}/test`),
  testCredentials: (body: CredentialsTestBody) => api.post<ConnectionTestReport>('/connection-tests', body),
  fields: (name: string, signal?: AbortSignal) => api.get<ConnectionFields>(`/connections/${enc(name)}/fields`, signal),
  mappingPreview: (name: string, settings: ConnectionDraft, limit = 5) =>
    api.post<MappingPreview>(`/connections/${enc(name)}/mapping-preview`, { settings, limit }),
  reference: (signal?: AbortSignal) => api.get<ReferenceData>('/reference', signal),
  schedulePreview: (cron: string, timezone?: string) =>
    api.post<{ nextRuns: string[] }>('/schedule-preview', timezone === undefined ? { cron } : { cron, timezone }),
};
