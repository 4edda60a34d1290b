import { newId } from './new-id.js';
import type { Selectable } from 'kysely';
import { AVAILABLE_FIELDS_SOURCES } from '../../domain/connection.js';
import type { AvailableFields, AvailableFieldsSource, Connection } from '../../domain/connection.js';
import type { JsonObject, JsonValue } from '../../domain/json.js';
import type { ConnectionTable } from '../database.js';
import { asMember, fromBool, nowIso, parseJson, parseJsonObject, stringifyJson, toBool } from './codec.js';
import type { RepoContext } from './codec.js';

export interface NewConnection {
  readonly name: string;
  readonly description?: string | null;
  readonly departmentId: string;
  readonly isActive?: boolean;
  readonly settings: JsonObject;
  readonly credentialsEncrypted?: string | null;
}

export type ConnectionPatch = Partial<Pick<Connection, 'name' | 'description' | 'departmentId' | 'isActive' | 'settings' | 'credentialsEncrypted'>>;

export function toConnection(row: Selectable<ConnectionTable>): Connection {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    departmentId: row.department_id,
    isActive: toBool(row.is_active),
    settings: parseJsonObject(row.settings, 'connections.settings'),
    credentialsEncrypted: row.credentials_encrypted,
    availableFields: toAvailableFields(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toAvailableFields(row: Selectable<ConnectionTable>): AvailableFields | null {
  if (row.available_fields_at === null || row.available_fields_source === null) return null;
  const fields = parseJson(row.available_fields, 'connections.available_fields');
  if (!Array.isArray(fields)) throw new Error(`connections.available_fields of ${row.id} should be a JSON array`);
  return {
    fields: fields as readonly JsonValue[],
    at: row.available_fields_at,
    source: asMember(row.available_fields_source, AVAILABLE_FIELDS_SOURCES, 'connections.available_fields_source'),
  };
}

/** Connections as stored; credentials are ciphertext the caller made and only the caller can open. */
export class ConnectionRepo {
  constructor(private readonly ctx: RepoContext) {}

  async create(input: NewConnection): Promise<Connection> {
    const now = nowIso(this.ctx);
    const row = await this.ctx.db
      .insertInto('connections')
      .values({
        id: newId(),
        name: input.name,
        description: input.description ?? null,
        department_id: input.departmentId,
        is_active: fromBool(input.isActive ?? true),
        settings: stringifyJson(input.settings),
        credentials_encrypted: input.credentialsEncrypted ?? null,
        available_fields: null,
        available_fields_at: null,
        available_fields_source: null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toConnection(row);
  }

  async get(id: string): Promise<Connection | undefined> {
    const row = await this.ctx.db.selectFrom('connections').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toConnection(row) : undefined;
  }

  async getByName(name: string): Promise<Connection | undefined> {
    const row = await this.ctx.db.selectFrom('connections').selectAll().where('name', '=', name).executeTakeFirst();
    return row ? toConnection(row) : undefined;
  }

  async list(filter: { isActive?: boolean; departmentId?: string } = {}): Promise<Connection[]> {
    let query = this.ctx.db.selectFrom('connections').selectAll().orderBy('name');
    if (filter.isActive !== undefined) query = query.where('is_active', '=', fromBool(filter.isActive));
    if (filter.departmentId !== undefined) query = query.where('department_id', '=', filter.departmentId);
    const rows = await query.execute();
    return rows.map(toConnection);
  }

  /** Returns the updated connection, or undefined when there is none with this id. */
  async update(id: string, patch: ConnectionPatch): Promise<Connection | undefined> {
    const row = await this.ctx.db
      .updateTable('connections')
      .set({
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.description !== undefined && { description: patch.description }),
        ...(patch.departmentId !== undefined && { department_id: patch.departmentId }),
        ...(patch.isActive !== undefined && { is_active: fromBool(patch.isActive) }),
        ...(patch.settings !== undefined && { settings: stringifyJson(patch.settings) }),
        ...(patch.credentialsEncrypted !== undefined && { credentials_encrypted: patch.credentialsEncrypted }),
        updated_at: nowIso(this.ctx),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row ? toConnection(row) : undefined;
  }

  async saveAvailableFields(
    id: string,
    input: { fields: readonly JsonValue[]; source: AvailableFieldsSource; at?: string },
  ): Promise<void> {
    const result = await this.ctx.db
      .updateTable('connections')
      .set({
        available_fields: stringifyJson(input.fields),
        available_fields_at: input.at ?? nowIso(this.ctx),
        available_fields_source: input.source,
      })
      .where('id', '=', id)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new Error(`connection ${id} not found while saving its available fields`);
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.ctx.db.deleteFrom('connections').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
