import type { LastTest } from '@intune-assets/contracts';
import type { Actor } from '../domain/audit.js';
import type { JsonObject, JsonValue } from '../domain/json.js';
import type { Repos } from '../store/connect.js';

/**
 * A connection's changes go to the audit log (entity `connection`), which also answers what the connection row
 * does not hold: when the secret was last set (field `clientSecret`, value never recorded) and the last "Test
 * connection" (field `lastTest`).
 */
export const CONNECTION_ENTITY = 'connection';
const SECRET_FIELD = 'clientSecret';
const TEST_FIELD = 'lastTest';
const HISTORY_SCAN = 500;

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

export async function readHistory(repos: Repos, connectionId: string): Promise<ConnectionHistory> {
  const page = await repos.audit.listByEntity(CONNECTION_ENTITY, connectionId, { limit: HISTORY_SCAN });
  const secret = page.items.find((e) => e.field === SECRET_FIELD);
  const test = page.items.find((e) => e.field === TEST_FIELD);
  return { secretUpdatedAt: secret?.at ?? null, lastTest: test === undefined ? null : toLastTest(test.newValue) };
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
