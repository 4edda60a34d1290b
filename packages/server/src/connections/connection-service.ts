import type { ConnectionSummary } from '@intune-assets/contracts';
import type { Connection } from '../domain/connection.js';
import type { JsonObject, JsonValue } from '../domain/json.js';
import { AppError } from '../errors/app-error.js';
import { createIntuneClient, readCaCertFile } from '../graph/index.js';
import type { GraphConnection, GraphConnectionOptions, ProbeResult, RequestLimiter } from '../graph/index.js';
import type { SecretBox } from '../security/secret-box.js';
import type { Store } from '../store/connect.js';
import { availableFields, parseStoredFields } from './available-fields.js';
import type { AvailableField } from './available-fields.js';
import { settingsOf, toSummary, withoutSecret } from './connection-view.js';
import { validateConnection } from './validate-connection.js';

export interface ConnectionServiceDeps {
  readonly store: Store;
  readonly secretBox: SecretBox;
  /** Graph wiring for one connection; tests and the scheduler pass their own (shared limiters, fake clocks). */
  readonly openGraph?: (options: GraphConnectionOptions) => GraphConnection;
  readonly limiterFor?: (tenantId: string) => RequestLimiter;
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
  async add(input: unknown, options: { replaceExisting?: boolean } = {}): Promise<ConnectionSummary> {
    const document = await validateConnection(input);
    const { store, secretBox } = this.#deps;
    const existing = await store.repos.connections.getByName(document.name);
    if (existing && !options.replaceExisting) {
      throw new AppError('connection_exists', `A connection named "${document.name}" already exists.`);
    }
    const saved = await store.transaction(async (repos) => {
      const department = await findOrCreateDepartment(repos, document.department);
      const fields = {
        name: document.name,
        description: document.description,
        departmentId: department.id,
        isActive: document.isActive,
        settings: withoutSecret(document) as unknown as JsonObject,
      };
      const connection = existing ?? (await repos.connections.create(fields));
      const credentials: StoredCredentials = { clientSecret: document.clientSecret };
      const sealed = secretBox.seal(JSON.stringify(credentials), credentialsContext(connection.id));
      return repos.connections.update(connection.id, { ...fields, credentialsEncrypted: sealed });
    });
    if (!saved) throw new AppError('internal', 'The connection vanished while it was being saved.');
    return toSummary(saved);
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
  async openGraph(connection: Connection, signal?: AbortSignal): Promise<GraphConnection> {
    const settings = settingsOf(connection);
    if (connection.credentialsEncrypted === null) {
      throw new AppError('source_auth_failed', `Connection "${connection.name}" has no stored client secret.`);
    }
    const credentials = JSON.parse(
      this.#deps.secretBox.open(connection.credentialsEncrypted, credentialsContext(connection.id)),
    ) as StoredCredentials;
    const caCertPem = settings.caCertFile === undefined ? undefined : await readCaCertFile(settings.caCertFile);
    const open = this.#deps.openGraph ?? createIntuneClient;
    return open({
      tenantId: settings.tenantId,
      clientId: settings.clientId,
      credential: { type: 'client_secret', clientSecret: credentials.clientSecret },
      cloud: settings.cloud,
      authorityUrl: settings.authorityUrl,
      graphUrl: settings.graphUrl,
      caCertPem,
      ...(this.#deps.limiterFor ? { limiter: this.#deps.limiterFor(settings.tenantId) } : {}),
      ...(signal ? { signal } : {}),
    });
  }

  /**
   * Gets a token, reads one page of devices, checks each permission, and stores the available device fields
   * (Graph schema ∪ keys seen). When the call fails, the last stored list is returned and the report says so.
   */
  async test(name: string, options: { signal?: AbortSignal } = {}): Promise<ConnectionTestReport> {
    const connection = await this.get(name);
    const settings = settingsOf(connection);
    const graph = await this.openGraph(connection, options.signal);
    let probe: ProbeResult;
    try {
      probe = await graph.client.probe({ version: settings.graphApiVersion, ...(options.signal ? { signal: options.signal } : {}) });
    } finally {
      await graph.close();
    }
    const base = {
      connection: connection.name,
      ok: probe.ok,
      token: probe.token,
      capabilities: probe.capabilities,
      devicesRead: probe.devicesRead,
      durationMs: probe.durationMs,
    };
    if (probe.ok) {
      const fields = availableFields(settings.graphApiVersion, probe.deviceFields);
      const at = new Date().toISOString();
      await this.#deps.store.repos.connections.saveAvailableFields(connection.id, {
        fields: fields as unknown as JsonValue[],
        source: 'live',
        at,
      });
      return { ...base, availableFields: { source: 'live', at, notice: null, fields } };
    }
    const failure = probe.token.ok ? probe.capabilities.devices.message : probe.token.message;
    const stored = connection.availableFields;
    if (stored) {
      return {
        ...base,
        availableFields: {
          source: 'stored',
          at: stored.at,
          notice: `The live call failed (${failure}); showing the device fields stored by the last successful call on ${stored.at}.`,
          fields: parseStoredFields(stored.fields),
        },
      };
    }
    return {
      ...base,
      availableFields: {
        source: 'schema',
        at: null,
        notice: `The live call failed (${failure}) and no call has succeeded yet; showing the fields of the Graph ${settings.graphApiVersion} schema.`,
        fields: availableFields(settings.graphApiVersion, []),
      },
    };
  }
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
