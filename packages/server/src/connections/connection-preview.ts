import type { ConnectionFields, ConnectionSettings, FieldIssue, MappingPreview } from '@intune-assets/contracts';
import type { Connection } from '../domain/connection.js';
import type { ManagedDevice } from '../domain/managed-device.js';
import { AppError } from '../errors/app-error.js';
import { compileSyncPlan } from '../mapping/compile-plan.js';
import type { CompiledMapping } from '../mapping/device-mapper.js';
import { previewDevices } from '../mapping/preview-devices.js';
import type { SyncPlan } from '../sync/plan.js';
import type { Actor } from '../domain/audit.js';
import { deviceProperties } from './device-schema.js';
import { settingsOf, withoutSecret } from './connection-view.js';
import type { ConnectionService } from './connection-service.js';
import { checkConnection } from './validate-connection.js';

const DRAFT_SECRET = '\u0000draft';
const SAMPLE_TTL_MS = 60_000;
const MAPPING_ISSUE = /^mapping\.fields\.(.+)\.expression$/;

/**
 * What the setup page reads from the live tenant: the field list for Intune Fields Selection, a few sample devices,
 * and the live preview of a draft's filter, type, category and key field mapping on them. Nothing here writes to
 * the register.
 */
export class ConnectionPreviewService {
  readonly #connections: ConnectionService;
  readonly #now: () => number;
  // The preview re-runs as the analyst types; the same sample is reused for a minute instead of asking Graph again.
  readonly #samples = new Map<string, { at: number; devices: Promise<ManagedDevice[]> }>();

  constructor(connections: ConnectionService, options: { now?: () => number } = {}) {
    this.#connections = connections;
    this.#now = options.now ?? Date.now;
  }

  /** The dual list: a live call (the last stored list, or the schema, with a notice when it fails), marked with the selection. */
  async fields(name: string, options: { signal?: AbortSignal; actor?: Actor } = {}): Promise<ConnectionFields> {
    const settings = settingsOf(await this.#connections.get(name));
    const report = await this.#connections.test(name, { ...options, isRecorded: false });
    const v1 = new Set(deviceProperties('v1.0').map((p) => p.name));
    const selected = settings.selectedFields === undefined ? null : new Set(settings.selectedFields.map((f) => f.toLowerCase()));
    const { availableFields } = report;
    return {
      fields: availableFields.fields.map((f) => ({
        name: f.name,
        type: f.type,
        getOnly: f.getOnly,
        betaOnly: f.inSchema && !v1.has(f.name),
        selected: selected === null || selected.has(f.name.toLowerCase()),
      })),
      source: availableFields.source,
      at: availableFields.at,
      ...(availableFields.notice === null ? {} : { notice: availableFields.notice }),
    };
  }

  /** The first `limit` devices of the tenant with the saved settings' fields (GET-only ones through enrichment). */
  async sampleDevices(name: string, options: { limit: number; signal?: AbortSignal }): Promise<ManagedDevice[]> {
    const connection = await this.#connections.get(name);
    const compiled = compileSyncPlan({ document: settingsOf(connection), connectionId: connection.id, departmentId: connection.departmentId });
    return (await this.#fetch(name, compiled.ok ? compiled.plan : null, options)).map(redactDevice);
  }

  /**
   * The live preview of unsaved settings: the draft is compiled (its issues returned, not thrown), then filter →
   * type → classify → map runs over sample devices from the saved connection's tenant. A mapping with an error is
   * left out of the compile so the others still preview; its column shows the error.
   */
  async mappingPreview(name: string, draft: Readonly<Record<string, unknown>>, options: { limit: number; signal?: AbortSignal }): Promise<MappingPreview> {
    const connection = await this.#connections.get(name);
    const checked = await checkConnection({ ...draft, clientSecret: DRAFT_SECRET }, {
      requiredFieldIssues: (document) => this.#connections.requiredFieldIssues(document),
    });
    const issues: FieldIssue[] = checked.ok ? [] : [...checked.issues];
    if (checked.document === null) return { rows: [], issues };
    const settings = withoutSecret(checked.document);
    const compiled = compileLeniently(settings, connection);
    if (compiled === null) return { rows: [], issues };
    const devices = await this.#fetch(name, compiled.plan, options);
    const rows = previewDevices({ plan: compiled.plan, mappings: compiled.mappings, devices }).map((row) => ({
      ...row,
      fields: redactFields({ ...row.fields, ...compiled.broken }),
    }));
    return { rows, issues };
  }

  async #fetch(name: string, plan: SyncPlan | null, options: { limit: number; signal?: AbortSignal }): Promise<ManagedDevice[]> {
    const connection = await this.#connections.get(name);
    const key = JSON.stringify([connection.id, connection.updatedAt, plan?.graphApiVersion, plan?.listFields, plan?.enrichFields, options.limit]);
    const now = this.#now();
    for (const [k, entry] of this.#samples) if (now - entry.at > SAMPLE_TTL_MS) this.#samples.delete(k);
    const cached = this.#samples.get(key);
    if (cached) return cached.devices;
    const devices = this.#read(connection, plan, options);
    this.#samples.set(key, { at: now, devices });
    devices.catch(() => this.#samples.delete(key));
    return devices;
  }

  async #read(connection: Connection, plan: SyncPlan | null, options: { limit: number; signal?: AbortSignal }): Promise<ManagedDevice[]> {
    const name = connection.name;
    const settings = settingsOf(connection);
    const graph = await this.#connections.openGraph(connection, options.signal, { pageSize: options.limit });
    const version = plan?.graphApiVersion ?? settings.graphApiVersion;
    const signal = options.signal;
    try {
      let devices: ManagedDevice[] = [];
      for await (const page of graph.client.managedDevices({ select: plan?.listFields, version, signal })) {
        devices = page.slice(0, options.limit);
        break;
      }
      if (plan === null || plan.enrichFields.length === 0 || devices.length === 0) return devices;
      const enriched = await graph.client.getManagedDevices(devices.map((d) => d.id), { select: ['id', ...plan.enrichFields], version, signal });
      return devices.map((device) => {
        const full = enriched.get(device.id);
        return full === undefined || full instanceof Error ? device : { ...device, ...full };
      });
    } catch (error) {
      throw new AppError('source_unavailable', `Reading sample devices of "${name}" failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    } finally {
      await graph.close();
    }
  }
}

type Lenient = { plan: SyncPlan; mappings: readonly CompiledMapping[]; broken: Record<string, { value: null; error: string }> };

function compileLeniently(settings: ConnectionSettings, connection: { id: string; departmentId: string }): Lenient | null {
  const first = compileSyncPlan({ document: settings, connectionId: connection.id, departmentId: connection.departmentId });
  if (first.ok) return { plan: first.plan, mappings: first.mappings, broken: {} };
  const broken: Record<string, { value: null; error: string }> = {};
  for (const issue of first.issues) {
    const target = MAPPING_ISSUE.exec(issue.path)?.[1];
    if (target !== undefined) broken[target] = { value: null, error: issue.message };
  }
  if (Object.keys(broken).length !== first.issues.length) return null;
  const fields = { ...settings.mapping.fields };
  for (const target of Object.keys(broken)) fields[target] = null;
  const second = compileSyncPlan({ document: { ...settings, mapping: { fields } }, connectionId: connection.id, departmentId: connection.departmentId });
  return second.ok ? { plan: second.plan, mappings: second.mappings, broken } : null;
}

// The bypass code is a secret (SPEC §8): only an admin reveals it, audited, from the asset page.
const SECRET_DEVICE_FIELD = 'activationLockBypassCode';
const SECRET_TARGET = 'activationLockBypassCode';
const REDACTED = '[redacted]';

function redactDevice(device: ManagedDevice): ManagedDevice {
  const value = (device as unknown as Record<string, unknown>)[SECRET_DEVICE_FIELD];
  return value === undefined || value === null || value === '' ? device : { ...device, [SECRET_DEVICE_FIELD]: REDACTED };
}

function redactFields<T extends { value: unknown }>(fields: Record<string, T>): Record<string, T> {
  const secret = fields[SECRET_TARGET];
  return secret === undefined || secret.value === null ? fields : { ...fields, [SECRET_TARGET]: { ...secret, value: REDACTED } };
}
