import { sql } from 'kysely';
import { ASSET_DEFAULTS } from '../../domain/asset.js';
import type { Asset } from '../../domain/asset.js';
import type { AssetStatusKey } from '../../domain/status.js';
import type { Store } from '../../store/connect.js';
import { toAssetRow } from '../../store/repos/asset-row.js';
import { chunkRows } from '../../store/repos/codec.js';
import { newId } from '../../store/repos/new-id.js';

export interface SeededRegister {
  readonly departmentId: string;
  readonly connectionId: string;
  /** Most common first. */
  readonly categoryIds: readonly string[];
  readonly userIds: readonly string[];
  readonly sampleSerial: string;
  readonly sampleName: string;
  readonly sampleEmail: string;
  /** A user with at least one allocated asset. */
  readonly sampleUserId: string;
}

const CATEGORIES: ReadonlyArray<readonly [string, string, number]> = [
  ['Laptop', 'LT', 0.45], ['Desktop', 'DT', 0.2], ['Mobile Phone', 'MP', 0.2], ['Tablet', 'TB', 0.1], ['Virtual Machine', 'VM', 0.04], ['Kiosk', 'KS', 0.01],
];
const STATUSES: ReadonlyArray<readonly [AssetStatusKey, number]> = [['allocated', 0.72], ['in_store', 0.18], ['inactive', 0.05], ['missing', 0.03], ['retired', 0.02]];
const FIRST = ['Ada', 'Ben', 'Chloe', 'Dev', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Liam', 'Maya', 'Noor', 'Omar', 'Priya'];
const LAST = ['Adams', 'Brown', 'Chen', 'Diaz', 'Evans', 'Fischer', 'Garcia', 'Haddad', 'Ito', 'Jones', 'Khan', 'Lopez', 'Murphy', 'Novak', 'Okafor', 'Patel'];
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A deterministic PRNG (mulberry32), so two seeds with the same size are the same register. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pickWeighted<T>(random: () => number, items: ReadonlyArray<readonly [T, ...unknown[]]>, weight: (item: readonly [T, ...unknown[]]) => number): T {
  let r = random();
  for (const item of items) {
    r -= weight(item);
    if (r <= 0) return item[0];
  }
  const last = items.at(-1);
  if (last === undefined) throw new Error('pickWeighted needs at least one item');
  return last[0];
}

/**
 * A realistic register written straight into the tables (multi-row inserts, no audit rows): categories with a
 * skewed spread, statuses, sub-statuses, ~0.4 users per asset, three quarters of the assets allocated. For benches
 * and list tests; not a sync (use runs/testing/sync-harness.ts for that).
 */
export async function seedRegister(store: Store, options: { readonly assets: number; readonly seed?: number }): Promise<SeededRegister> {
  const random = prng(options.seed ?? 42);
  const { reference, connections } = store.repos;
  const departmentId = (await reference.getDefaultDepartment()).id;
  const connection = await connections.create({ name: `seeded-${newId().slice(-8)}`, departmentId, settings: {}, credentialsEncrypted: null });
  const categoryIds = new Map<string, string>();
  for (const [name] of CATEGORIES) {
    const group = await reference.getOrCreateGroup(departmentId, name === 'Mobile Phone' || name === 'Tablet' ? 'Mobile devices' : 'Computers');
    categoryIds.set(name, (await reference.getOrCreateCategory({ departmentId, groupId: group.id, name })).category.id);
  }
  const issued = await reference.getOrCreateSubStatus('allocated', 'Issued');
  const ready = await reference.getOrCreateSubStatus('in_store', 'Ready to deploy');

  const now = Date.parse('2026-06-01T00:00:00.000Z');
  const userIds: string[] = [];
  const userRows = Array.from({ length: Math.max(1, Math.round(options.assets * 0.4)) }, (_, i) => {
    const first = FIRST[i % FIRST.length] ?? 'Ada';
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length] ?? 'Adams';
    const email = `${first}.${last}${String(i)}@contoso.com`;
    const id = newId();
    userIds.push(id);
    const at = new Date(now - (options.assets - i) * 1000).toISOString();
    return {
      id, department_id: departmentId, email, email_lower: email.toLowerCase(), upn: email, upn_lower: email.toLowerCase(),
      employee_id: `E${String(100000 + i)}`, employee_id_lower: `e${String(100000 + i)}`, sam_account_name: null, sam_account_name_lower: null,
      first_name: first, last_name: last, site_id: null, is_active: i % 20 === 0 ? 0 : 1, source: 'manual', external_id: null, created_at: at, updated_at: at,
    };
  });
  for (const chunk of chunkRows(userRows, 18, store.capabilities.maxBindParameters)) await store.db.insertInto('users').values(chunk).execute();

  const serial = (): string => Array.from({ length: 10 }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join('');
  const assets: Asset[] = [];
  for (let i = 0; i < options.assets; i += 1) {
    const categoryName = pickWeighted(random, CATEGORIES, (c) => Number(c[2]));
    const prefix = CATEGORIES.find((c) => c[0] === categoryName)?.[1] ?? 'XX';
    const statusKey = pickWeighted(random, STATUSES, (s) => Number(s[1]));
    const serialNumber = serial();
    const userId = statusKey === 'allocated' ? (userIds[Math.floor(random() * userIds.length)] ?? null) : null;
    const createdAt = new Date(now - (options.assets - i) * 600_000).toISOString();
    const updatedAt = new Date(Date.parse(createdAt) + Math.floor(random() * 90 * 86_400_000)).toISOString();
    const isIntune = random() < 0.9;
    assets.push({
      ...ASSET_DEFAULTS,
      id: newId(), departmentId, assetTag: `AST-${String(i + 1).padStart(6, '0')}`,
      categoryId: categoryIds.get(categoryName) ?? null, serialNumber, name: `${prefix}-${serialNumber.slice(0, 7)}`,
      make: prefix === 'MP' || prefix === 'TB' ? 'Apple' : 'Dell', model: `${prefix} model ${String(i % 7)}`, os: prefix === 'MP' ? 'iOS' : 'Windows',
      osVersion: '10.0.22631', statusKey, subStatusId: statusKey === 'allocated' ? issued.id : statusKey === 'in_store' ? ready.id : null,
      allocatedUserId: userId, allocatedAt: userId === null ? null : updatedAt, source: isIntune ? 'intune' : 'manual',
      sourceConnectionId: isIntune ? connection.id : null, intuneDeviceId: isIntune ? newId() : null, lastSeenInSourceAt: isIntune ? updatedAt : null,
      createdAt, updatedAt,
    });
  }
  for (const chunk of chunkRows(assets.map(toAssetRow), 49, store.capabilities.maxBindParameters)) await store.db.insertInto('fixed_assets').values(chunk).execute();
  // Later assets (a test's own, a sync) take their tags from the department's sequence, after the seeded ones.
  await store.db.updateTable('asset_tag_sequences').set({ next_value: options.assets + 1 }).where('department_id', '=', departmentId).execute();
  // A register at rest has been autovacuumed: statistics for the planner, and a visibility map so counts can be
  // answered from indexes alone.
  if (store.dialect === 'postgres') await sql`vacuum analyze`.execute(store.db);

  const sample = assets.find((a) => a.allocatedUserId !== null) ?? assets[0];
  const sampleUser = userRows.find((u) => u.id === sample?.allocatedUserId) ?? userRows[0];
  return {
    departmentId,
    connectionId: connection.id,
    categoryIds: CATEGORIES.map(([name]) => categoryIds.get(name) ?? ''),
    userIds,
    sampleSerial: sample?.serialNumber ?? '',
    sampleName: sample?.name ?? '',
    sampleEmail: sampleUser?.email ?? '',
    sampleUserId: sample?.allocatedUserId ?? '',
  };
}
