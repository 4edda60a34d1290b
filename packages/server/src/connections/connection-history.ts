import type { LastTest } from '@intune-assets/contracts';
import type { Actor } from '../domain/audit.js';
import type { JsonObject, JsonValue } from '../domain/json.js';
import type { Repos, Store } from '../store/connect.js';

/**
 * A connection's changes go to the audit log (entity `connection`), which also answers what the connection row
 * does not hold: when the secret was last set (field `clientSecret`, value never recorded) and the last "Test
 * connection" (field `lastTest`).
 */
export const CONNECTION_ENTITY = 'connection';
const SECRET_FIELD = 'clientSecret';
const TEST_FIELD = 'lastTest';

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null };

export async function recordCreated(repos: Repos, input: { id: string; settings: JsonObject; actor: Actor; at: string }): Promise<void> {
  await repos.audit.insertMany([
    { entityType: CONNECTION_ENTITY, entityId: input.id, action: 'create', field: null, oldValue: null, newValue: input.settings, actor: input.actor, runId: null, at: input.at },
    secretEntry(input.id, input.actor, input.at),
  ]);
}

/** One row per top-level setting that changed, plus one when a new secret was given. */
export async function recordUpdated(
  repos: Repos,
  input: { id: string; before: JsonObject; after: JsonObject; isSecretChanged: boolean; actor: Actor; at: string },
): Promise<void> {
  const keys = new Set([...Object.keys(input.before), ...Object.keys(input.after)]);
  const entries = [...keys]
    .filter((key) => JSON.stringify(input.before[key] ?? null) !== JSON.stringify(input.after[key] ?? null))
    .map((key) => ({
      entityType: CONNECTION_ENTITY, entityId: input.id, action: 'update' as const, field: key,
      oldValue: input.before[key] ?? null, newValue: input.after[key] ?? null, actor: input.actor, runId: null, at: input.at,
    }));
  if (input.isSecretChanged) entries.push(secretEntry(input.id, input.actor, input.at));
  if (entries.length > 0) await repos.audit.insertMany(entries);
}

export async function recordDeleted(repos: Repos, input: { id: string; settings: JsonObject; actor: Actor; at: string }): Promise<void> {
  await repos.audit.insertMany([
    { entityType: CONNECTION_ENTITY, entityId: input.id, action: 'delete', field: null, oldValue: input.settings, newValue: null, actor: input.actor, runId: null, at: input.at },
  ]);
}

export async function recordTest(repos: Repos, input: { id: string; test: LastTest; actor: Actor }): Promise<void> {
  await repos.audit.insertMany([
    { entityType: CONNECTION_ENTITY, entityId: input.id, action: 'update', field: TEST_FIELD, oldValue: null, newValue: { ...input.test }, actor: input.actor, runId: null, at: input.test.at },
  ]);
}

export interface ConnectionHistory {
  readonly secretUpdatedAt: string | null;
  readonly lastTest: LastTest | null;
}

/** The newest row of each field, however many tests were recorded since the secret was set. */
export async function readHistory(store: Store, connectionId: string): Promise<ConnectionHistory> {
  const latest = (field: string) =>
    store.db
      .selectFrom('audit_log')
      .select(['at', 'new_value'])
      .where('entity_type', '=', CONNECTION_ENTITY)
      .where('entity_id', '=', connectionId)
      .where('field', '=', field)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  const [secret, test] = await Promise.all([latest(SECRET_FIELD), latest(TEST_FIELD)]);
  return { secretUpdatedAt: secret?.at ?? null, lastTest: test === undefined || test.new_value === null ? null : toLastTest(parseJson(test.new_value)) };
}

function parseJson(raw: unknown): JsonValue {
  if (typeof raw !== 'string') return (raw ?? null) as JsonValue;
  try {
    return JSON.parse(raw) as JsonValue;
  } catch {
    return null;
  }
}

function secretEntry(id: string, actor: Actor, at: string) {
  // The value is never recorded, only that it was set.
  return { entityType: CONNECTION_ENTITY, entityId: id, action: 'update' as const, field: SECRET_FIELD, oldValue: null, newValue: '[set]', actor, runId: null, at };
}

function toLastTest(value: JsonValue): LastTest | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const { ok, at, message } = value as Readonly<Record<string, JsonValue>>;
  return typeof ok === 'boolean' && typeof at === 'string' && typeof message === 'string' ? { ok, at, message } : null;
}
