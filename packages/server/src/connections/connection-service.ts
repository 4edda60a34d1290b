import { connectionInputSchema, toFieldIssues } from '@intune-assets/contracts';
import type { ConnectionDocument, ConnectionSettings, ConnectionSummary, ConnectionView, FieldIssue } from '@intune-assets/contracts';
import type { Actor } from '../domain/audit.js';
import type { Connection } from '../domain/connection.js';
import type { JsonObject, JsonValue } from '../domain/json.js';
import { AppError } from '../errors/app-error.js';
import { createIntuneClient, readCaCertFile } from '../graph/index.js';
import type { GraphConnection, GraphConnectionOptions, ProbeResult, RequestLimiter } from '../graph/index.js';
import type { SecretBox } from '../security/secret-box.js';
import type { Store } from '../store/connect.js';
import { availableFields, parseStoredFields } from './available-fields.js';
import type { AvailableField } from './available-fields.js';
import { recordCreated, recordDeleted, recordTest, recordUpdated, readHistory, SYSTEM_ACTOR } from './connection-history.js';
import { settingsOf, toSummary, toView, withoutSecret } from './connection-view.js';
import type { GraphVersion } from './device-schema.js';
import { checkCaFile, checkConnection, invalidConnection } from './validate-connection.js';
import { requiredCategoryFieldIssues } from '../mapping/required-category-fields.js';

export interface ConnectionServiceDeps {
  readonly store: Store;
  readonly secretBox: SecretBox;
  /** Graph wiring for one connection; tests and the scheduler pass their own (shared limiters, fake clocks). */
  readonly openGraph?: (options: GraphConnectionOptions) => GraphConnection;
  readonly limiterFor?: (tenantId: string) => RequestLimiter;
  readonly now?: () => Date;
}

/** "Test connection / Invoke Intune API" (SymphonyAI), as data for the CLI and the API. */
export interface ConnectionTestReport {
  readonly connection: string;
  readonly ok: boolean;
  readonly token: ProbeResult['token'];
  readonly capabilities: ProbeResult['capabilities'];
  readonly devicesRead: number;
  readonly durationMs: number;
  readonly availableFields: {
    /** live: from this call; stored: the last successful call's list (this one failed); schema: never succeeded yet. */
    readonly source: 'live' | 'stored' | 'schema';
    readonly at: string | null;
    readonly notice: string | null;
    readonly fields: readonly AvailableField[];
  };
}

interface StoredCredentials {
  readonly clientSecret: string;
}

export interface WriteOptions {
  /** Recorded in the audit log; the system when left out (CLI, demo). */
  readonly actor?: Actor;
}

const KEEP_SECRET = '\u0000keep-the-stored-secret';

export class ConnectionService {
  readonly #deps: ConnectionServiceDeps;

  constructor(deps: ConnectionServiceDeps) {
    this.#deps = deps;
  }

  /**
   * Validates, encrypts the secret and stores a new connection; nothing is written when anything is wrong.
   * With `replaceExisting`, a connection of the same name gets the new settings and secret instead (the demo
   * does this, since the emulated tenant has new credentials at every start).
   */
  async add(input: unknown, options: { replaceExisting?: boolean } & WriteOptions = {}): Promise<ConnectionSummary> {
    const { document } = await this.#check(input, { isSecretOptional: false });
    const existing = await this.#deps.store.repos.connections.getByName(document.name);
    if (existing && !options.replaceExisting) {
      throw new AppError('connection_exists', `A connection named "${document.name}" already exists.`);
    }
    return toSummary(await this.#save({ document, existing: existing ?? null, isSecretGiven: true, actor: options.actor }));
  }

  /** POST /connections: a new connection; its name must be free (409 `conflict` naming `name`). */
  async create(input: unknown, options: WriteOptions = {}): Promise<ConnectionView> {
    const { document } = await this.#check(input, { isSecretOptional: false });
    if (await this.#deps.store.repos.connections.getByName(document.name)) throw nameTaken(document.name);
    return this.#viewOf(await this.#save({ document, existing: null, isSecretGiven: true, actor: options.actor }));
  }

  /**
   * PUT /connections/:name: the full document replaces the settings; `clientSecret` left out keeps the stored
   * one; a new `name` renames the connection when that name is free. Nothing is written when anything is wrong.
   */
  async update(name: string, input: unknown, options: WriteOptions = {}): Promise<ConnectionView> {
    const existing = await this.get(name);
    const { document, isSecretGiven } = await this.#check(input, { isSecretOptional: existing.credentialsEncrypted !== null });
    if (document.name !== existing.name) {
      const holder = await this.#deps.store.repos.connections.getByName(document.name);
      if (holder && holder.id !== existing.id) throw nameTaken(document.name);
    }
    return this.#viewOf(await this.#save({ document, existing, isSecretGiven, actor: options.actor }));
  }

  /** DELETE /connections/:name: its runs go with it; its assets stay in the register. Refused while a run is active. */
  async remove(name: string, options: WriteOptions = {}): Promise<void> {
    const connection = await this.get(name);
    const { store } = this.#deps;
    const active = await store.repos.runs.list({ connectionId: connection.id, statuses: ['queued', 'running'], limit: 1 });
    const run = active.items[0];
    if (run) {
      throw new AppError('run_already_active', `Connection "${name}" has a ${run.status} run (${run.id}); delete it when the run has finished.`, { details: { runId: run.id } });
    }
    await store.transaction(async (repos) => {
      await repos.connections.delete(connection.id);
      await recordDeleted(repos, { id: connection.id, settings: connection.settings, actor: options.actor ?? SYSTEM_ACTOR, at: this.#now() });
    });
  }

  async view(name: string): Promise<ConnectionView> {
    return this.#viewOf(await this.get(name));
  }

  async list(): Promise<ConnectionSummary[]> {
    return (await this.#deps.store.repos.connections.list()).map(toSummary);
  }

  async get(name: string): Promise<Connection> {
    const connection = await this.#deps.store.repos.connections.getByName(name);
    if (!connection) {
      const names = (await this.#deps.store.repos.connections.list()).map((c) => `"${c.name}"`);
      throw new AppError(
        'not_found',
        `No connection named "${name}". ${names.length > 0 ? `Connections: ${names.join(', ')}.` : 'None exist yet: add one with `intune-assets connection add --file conn.json`.'}`,
      );
    }
    return connection;
  }

  /** Graph wiring for a stored connection: its secret opened, its CA read, its tenant's limiter shared. */
  async openGraph(connection: Connection, signal?: AbortSignal, options: { pageSize?: number } = {}): Promise<GraphConnection> {
    const settings = settingsOf(connection);
    if (connection.credentialsEncrypted === null) {
      throw new AppError('source_auth_failed', `Connection "${connection.name}" has no stored client secret.`);
    }
    const credentials = JSON.parse(
      this.#deps.secretBox.open(connection.credentialsEncrypted, credentialsContext(connection.id)),
    ) as StoredCredentials;
    return this.#open({ ...settings, clientSecret: credentials.clientSecret }, signal, options.pageSize);
  }

  /**
   * Gets a token, reads one page of devices, checks each permission, and stores the available device fields
   * (Graph schema ∪ keys seen). When the call fails, the last stored list is returned and the report says so.
   * The outcome is recorded as the connection's last test unless `isRecorded` is false (the field list's read).
   */
  async test(name: string, options: { signal?: AbortSignal; isRecorded?: boolean } & WriteOptions = {}): Promise<ConnectionTestReport> {
    const connection = await this.get(name);
    const settings = settingsOf(connection);
    const graph = await this.openGraph(connection, options.signal);
    const probe = await probeAndClose(graph, settings.graphApiVersion, options.signal);
    const base = reportBase(connection.name, probe);
    const at = this.#now();
    const { store } = this.#deps;
    if (options.isRecorded !== false) await store.transaction((repos) => recordTest(repos, { id: connection.id, test: { ok: probe.ok, at, message: testMessage(probe) }, actor: options.actor ?? SYSTEM_ACTOR }));
    if (probe.ok) {
      const fields = availableFields(settings.graphApiVersion, probe.deviceFields);
      await store.repos.connections.saveAvailableFields(connection.id, { fields: fields as unknown as JsonValue[], source: 'live', at });
      return { ...base, availableFields: { source: 'live', at, notice: null, fields } };
    }
    const stored = connection.availableFields;
    if (stored) {
      return {
        ...base,
        availableFields: {
          source: 'stored',
          at: stored.at,
          notice: `The live call failed (${failureOf(probe)}); showing the device fields stored by the last successful call on ${stored.at}.`,
          fields: parseStoredFields(stored.fields),
        },
      };
    }
    return { ...base, availableFields: schemaFields(settings.graphApiVersion, `The live call failed (${failureOf(probe)}) and no call has succeeded yet`) };
  }

  /** POST /connection-tests: the same probe on credentials that are not saved (Test connection before Save). Stores nothing. */
  async testCredentials(input: unknown, options: { signal?: AbortSignal } = {}): Promise<ConnectionTestReport> {
    const parsed = credentialsSchema.safeParse(input);
    if (!parsed.success) throw invalidConnection(toFieldIssues(parsed.error));
    const credentials = parsed.data;
    if (credentials.caCertFile !== undefined) {
      const issues = await checkCaFile(credentials.caCertFile);
      if (issues.length > 0) throw invalidConnection(issues);
    }
    const graph = await this.#open(credentials, options.signal);
    const probe = await probeAndClose(graph, credentials.graphApiVersion, options.signal);
    const base = reportBase('(unsaved)', probe);
    if (probe.ok) {
      return { ...base, availableFields: { source: 'live', at: this.#now(), notice: null, fields: availableFields(credentials.graphApiVersion, probe.deviceFields) } };
    }
    return { ...base, availableFields: schemaFields(credentials.graphApiVersion, `The live call failed (${failureOf(probe)})`) };
  }

  async #open(
    credentials: Pick<ConnectionDocument, 'tenantId' | 'clientId' | 'clientSecret' | 'cloud' | 'authorityUrl' | 'graphUrl' | 'caCertFile'>,
    signal: AbortSignal | undefined,
    pageSize?: number,
  ): Promise<GraphConnection> {
    const caCertPem = credentials.caCertFile === undefined ? undefined : await readCaCertFile(credentials.caCertFile);
    const open = this.#deps.openGraph ?? createIntuneClient;
    return open({
      tenantId: credentials.tenantId,
      clientId: credentials.clientId,
      credential: { type: 'client_secret', clientSecret: credentials.clientSecret },
      cloud: credentials.cloud,
      authorityUrl: credentials.authorityUrl,
      graphUrl: credentials.graphUrl,
      caCertPem,
      ...(pageSize === undefined ? {} : { pageSize }),
      ...(this.#deps.limiterFor ? { limiter: this.#deps.limiterFor(credentials.tenantId) } : {}),
      ...(signal ? { signal } : {}),
    });
  }

  /** Every problem at once: the document's own checks, then the required fields of the categories it can fill. */
  async #check(input: unknown, options: { isSecretOptional: boolean }): Promise<{ document: ConnectionDocument; isSecretGiven: boolean }> {
    const isSecretGiven = !(options.isSecretOptional && isPlainObject(input) && input['clientSecret'] === undefined);
    const checked = await checkConnection(isSecretGiven ? input : { ...(input as object), clientSecret: KEEP_SECRET }, {
      requiredFieldIssues: (document) => this.requiredFieldIssues(document),
    });
    if (!checked.ok) throw invalidConnection(checked.issues);
    return { document: checked.document, isSecretGiven };
  }

  /** SPEC §4.6: the required fields of the register categories this document can fill that it does not map. */
  async requiredFieldIssues(document: ConnectionSettings): Promise<FieldIssue[]> {
    const { reference } = this.#deps.store.repos;
    const department = (await reference.listDepartments()).find((d) => d.name.toLowerCase() === document.department.toLowerCase());
    if (!department) return [];
    const categories = await Promise.all(
      (await reference.listCategories(department.id)).map(async (c) => ({
        name: c.name,
        requiredFields: (await reference.listCategoryFields(c.id)).filter((f) => f.isRequired).map((f) => f.name),
      })),
    );
    return requiredCategoryFieldIssues(document, categories);
  }

  async #save(input: { document: ConnectionDocument; existing: Connection | null; isSecretGiven: boolean; actor: Actor | undefined }): Promise<Connection> {
    const { document, existing, isSecretGiven } = input;
    const actor = input.actor ?? SYSTEM_ACTOR;
    const { store, secretBox } = this.#deps;
    const at = this.#now();
    const saved = await store.transaction(async (repos) => {
      const department = await findOrCreateDepartment(repos, document.department);
      const settings = withoutSecret(document) as unknown as JsonObject;
      const fields = { name: document.name, description: document.description, departmentId: department.id, isActive: document.isActive, settings };
      const connection = existing ?? (await repos.connections.create(fields));
      const sealed = isSecretGiven
        ? { credentialsEncrypted: secretBox.seal(JSON.stringify({ clientSecret: document.clientSecret } satisfies StoredCredentials), credentialsContext(connection.id)) }
        : {};
      const updated = await repos.connections.update(connection.id, { ...fields, ...sealed });
      if (existing) await recordUpdated(repos, { id: connection.id, before: existing.settings, after: settings, isSecretChanged: isSecretGiven, actor, at });
      else await recordCreated(repos, { id: connection.id, settings, actor, at });
      return updated;
    });
    if (!saved) throw new AppError('internal', 'The connection vanished while it was being saved.');
    return saved;
  }

  async #viewOf(connection: Connection): Promise<ConnectionView> {
    return toView(connection, await readHistory(this.#deps.store, connection.id));
  }

  #now(): string {
    return (this.#deps.now?.() ?? new Date()).toISOString();
  }
}

const credentialsSchema = connectionInputSchema.pick({
  tenantId: true, clientId: true, clientSecret: true, cloud: true, authorityUrl: true, graphUrl: true, caCertFile: true, graphApiVersion: true,
});

function nameTaken(name: string): AppError {
  return new AppError('conflict', `A connection named "${name}" already exists; choose another name.`, {
    details: { issues: [{ path: 'name', code: 'name_taken', message: `"${name}" is already the name of another connection` }] },
  });
}

async function probeAndClose(graph: GraphConnection, version: GraphVersion, signal: AbortSignal | undefined): Promise<ProbeResult> {
  try {
    return await graph.client.probe({ version, ...(signal ? { signal } : {}) });
  } finally {
    await graph.close();
  }
}

function reportBase(connection: string, probe: ProbeResult): Omit<ConnectionTestReport, 'availableFields'> {
  return { connection, ok: probe.ok, token: probe.token, capabilities: probe.capabilities, devicesRead: probe.devicesRead, durationMs: probe.durationMs };
}

function failureOf(probe: ProbeResult): string {
  return probe.token.ok ? probe.capabilities.devices.message : probe.token.message;
}

function testMessage(probe: ProbeResult): string {
  if (!probe.ok) return failureOf(probe);
  const missing = Object.values(probe.capabilities).filter((c) => !c.ok).map((c) => c.permission);
  const read = `signed in and read ${probe.devicesRead} device${probe.devicesRead === 1 ? '' : 's'}`;
  return missing.length === 0 ? read : `${read}; missing ${[...new Set(missing)].join(', ')}`;
}

function schemaFields(version: GraphVersion, reason: string): ConnectionTestReport['availableFields'] {
  return { source: 'schema', at: null, notice: `${reason}; showing the fields of the Graph ${version} schema.`, fields: availableFields(version, []) };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function credentialsContext(connectionId: string): string {
  return `connection-credentials:${connectionId}`;
}

async function findOrCreateDepartment(repos: Store['repos'], name: string): Promise<{ id: string }> {
  const departments = await repos.reference.listDepartments();
  const match = departments.find((d) => d.name.toLowerCase() === name.toLowerCase());
  if (match) return match;
  if (name === 'Default') return repos.reference.getDefaultDepartment();
  return repos.reference.createDepartment({ name });
}
