import { sql } from 'kysely';
import type { RunDetail, RunDeviceDto, RunPage } from '@intune-assets/contracts';
import type { JsonValue } from '../domain/json.js';
import { RUN_DEVICE_OUTCOMES } from '../domain/run.js';
import type { RunDeviceOutcome, RunStatus } from '../domain/run.js';
import { AppError } from '../errors/app-error.js';
import type { Store } from '../store/connect.js';
import { asObject, toRunSummary } from './run-summary.js';

export interface RunDeviceFilter {
  readonly outcome?: RunDeviceOutcome;
  readonly reason?: string;
  /** Part of the device name or Intune device id, any case. */
  readonly search?: string;
  readonly cursor?: string;
  readonly limit?: number;
}

export interface RunDevicePage {
  readonly items: RunDeviceDto[];
  readonly nextCursor: string | null;
}

/**
 * Run history for the API: runs per connection or across connections (keyset cursors), one run with its report,
 * and the devices of a run. A real run lists its created devices through their creation audit rows and every other
 * listed outcome through `run_devices` (docs/sync.md); a dry run wrote neither, so its devices come from its diff.
 */
export class RunHistory {
  constructor(private readonly store: Store) {}

  async list(filter: { connectionId?: string; statuses?: readonly RunStatus[]; cursor?: string; limit?: number }): Promise<RunPage> {
    const page = await cursorChecked(() =>
      this.store.repos.runs.list({
        limit: filter.limit ?? 50,
        ...(filter.connectionId !== undefined && { connectionId: filter.connectionId }),
        ...(filter.statuses !== undefined && { statuses: filter.statuses }),
        ...(filter.cursor !== undefined && { after: filter.cursor }),
      }),
    );
    const names = await this.#connectionNames(page.items.map((r) => r.connectionId));
    return { items: page.items.map((run) => toRunSummary(run, names.get(run.connectionId) ?? run.connectionId)), nextCursor: page.nextCursor };
  }

  async detail(runId: string): Promise<RunDetail> {
    const run = await this.store.repos.runs.get(runId);
    if (run === undefined) throw new AppError('not_found', `Run ${runId} does not exist.`);
    const names = await this.#connectionNames([run.connectionId]);
    return { run: toRunSummary(run, names.get(run.connectionId) ?? run.connectionId), report: asObject(run.report) };
  }

  async devices(runId: string, filter: RunDeviceFilter = {}): Promise<RunDevicePage> {
    const run = await this.store.repos.runs.get(runId);
    if (run === undefined) throw new AppError('not_found', `Run ${runId} does not exist.`);
    const limit = filter.limit ?? 100;
    const cursor = filter.cursor === undefined ? { part: 'created' as const, after: 0 } : decodeDeviceCursor(filter.cursor);
    if (run.isDryRun) return diffDevices(run.report, filter, cursor.after, limit);
    const items: RunDeviceDto[] = [];
    const wantsCreated = (filter.outcome === undefined || filter.outcome === 'created') && filter.reason === undefined;
    if (cursor.part === 'created' && wantsCreated) {
      const created = await this.#created(runId, filter.search, cursor.after, limit + 1);
      if (created.length > limit) return { items: created.slice(0, limit).map((c) => c.item), nextCursor: encodeDeviceCursor('created', created[limit - 1]?.seq ?? 0) };
      items.push(...created.map((c) => c.item));
    }
    const listedAfter = cursor.part === 'listed' ? cursor.after : 0;
    if (filter.outcome === 'created') return { items, nextCursor: null };
    const listed = await this.#listed(runId, filter, listedAfter, limit - items.length + 1);
    const room = limit - items.length;
    if (listed.length > room) {
      return { items: [...items, ...listed.slice(0, room).map((l) => l.item)], nextCursor: room === 0 ? encodeDeviceCursor('listed', listedAfter) : encodeDeviceCursor('listed', listed[room - 1]?.seq ?? 0) };
    }
    return { items: [...items, ...listed.map((l) => l.item)], nextCursor: null };
  }

  async #created(runId: string, search: string | undefined, after: number, take: number): Promise<{ seq: number; item: RunDeviceDto }[]> {
    let query = this.store.db
      .selectFrom('audit_log as a')
      .innerJoin('fixed_assets as f', 'f.id', 'a.entity_id')
      .select(['a.id as seq', 'f.intune_device_id', 'f.name', 'f.id as asset_id'])
      .where('a.run_id', '=', runId)
      .where('a.entity_type', '=', 'fixed_asset')
      .where('a.action', '=', 'create')
      .where('a.id', '>', after)
      .orderBy('a.id')
      .limit(take);
    if (search !== undefined && search !== '') {
      const pattern = likePattern(search);
      query = query.where(sql<boolean>`(lower(f.name) like ${pattern} escape '\\' or lower(f.intune_device_id) like ${pattern} escape '\\')`);
    }
    const rows = await query.execute();
    return rows.map((r) => ({
      seq: Number(r.seq),
      item: { intuneDeviceId: r.intune_device_id ?? '', deviceName: r.name, outcome: 'created', reason: null, assetId: r.asset_id },
    }));
  }

  async #listed(runId: string, filter: RunDeviceFilter, after: number, take: number): Promise<{ seq: number; item: RunDeviceDto }[]> {
    let query = this.store.db
      .selectFrom('run_devices as d')
      .leftJoin('fixed_assets as f', 'f.id', 'd.asset_id')
      .select(['d.id as seq', 'd.intune_device_id', 'd.device_name', 'f.name', 'd.outcome', 'd.reason', 'd.asset_id'])
      .where('d.run_id', '=', runId)
      .where('d.id', '>', after)
      .orderBy('d.id')
      .limit(take);
    if (filter.outcome !== undefined) query = query.where('d.outcome', '=', filter.outcome);
    if (filter.reason !== undefined) query = query.where('d.reason', '=', filter.reason);
    if (filter.search !== undefined && filter.search !== '') {
      const pattern = likePattern(filter.search);
      query = query.where(sql<boolean>`(lower(coalesce(d.device_name, f.name)) like ${pattern} escape '\\' or lower(d.intune_device_id) like ${pattern} escape '\\')`);
    }
    const rows = await query.execute();
    return rows.map((r) => ({
      seq: Number(r.seq),
      item: {
        intuneDeviceId: r.intune_device_id,
        deviceName: r.device_name ?? r.name,
        outcome: RUN_DEVICE_OUTCOMES.includes(r.outcome as RunDeviceOutcome) ? (r.outcome as RunDeviceOutcome) : 'failed',
        reason: r.reason,
        assetId: r.asset_id,
      },
    }));
  }

  async #connectionNames(ids: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.store.db.selectFrom('connections').select(['id', 'name']).where('id', 'in', unique).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}

const DIFF_OUTCOMES: Readonly<Record<string, RunDeviceOutcome>> = {
  create: 'created',
  update: 'updated',
  unchanged: 'unchanged',
  skip: 'skipped',
  duplicate: 'duplicate',
  fail: 'failed',
  retire: 'retired',
  restore: 'restored',
  inactivate: 'updated',
};

function diffDevices(report: JsonValue | null, filter: RunDeviceFilter, offset: number, limit: number): RunDevicePage {
  const diff = asObject(report)?.['diff'];
  const entries = Array.isArray(diff) ? (diff as readonly JsonValue[]) : [];
  const search = filter.search?.toLowerCase();
  const matching: RunDeviceDto[] = [];
  for (const entry of entries) {
    const e = asObject(entry);
    const deviceId = e?.['deviceId'];
    const outcome = DIFF_OUTCOMES[String(e?.['action'])];
    if (e === null || typeof deviceId !== 'string' || outcome === undefined) continue;
    const deviceName = typeof e['deviceName'] === 'string' ? e['deviceName'] : null;
    const reason = typeof e['reason'] === 'string' ? e['reason'] : null;
    if (filter.outcome !== undefined && filter.outcome !== outcome) continue;
    if (filter.reason !== undefined && filter.reason !== reason) continue;
    if (search !== undefined && search !== '' && !deviceId.toLowerCase().includes(search) && !(deviceName ?? '').toLowerCase().includes(search)) continue;
    matching.push({ intuneDeviceId: deviceId, deviceName, outcome, reason, assetId: null });
  }
  const items = matching.slice(offset, offset + limit);
  return { items, nextCursor: offset + limit < matching.length ? encodeDeviceCursor('created', offset + limit) : null };
}

function likePattern(search: string): string {
  return `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

type DeviceCursor = { readonly part: 'created' | 'listed'; readonly after: number };

function encodeDeviceCursor(part: DeviceCursor['part'], after: number): string {
  return Buffer.from(JSON.stringify([part, after]), 'utf8').toString('base64url');
}

function decodeDeviceCursor(cursor: string): DeviceCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && (parsed[0] === 'created' || parsed[0] === 'listed') && Number.isInteger(parsed[1])) return { part: parsed[0], after: Number(parsed[1]) };
  } catch {
    // falls through to the error below
  }
  throw badCursor(cursor);
}

async function cursorChecked<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof Error && error.message.includes('is not one this API returned')) throw badCursor('', error);
    throw error;
  }
}

function badCursor(cursor: string, cause?: unknown): AppError {
  const message = `cursor ${cursor === '' ? '' : `${JSON.stringify(cursor)} `}is not one this API returned; start again without it`;
  return new AppError('input_invalid', message, { details: { issues: [{ path: 'cursor', message }] }, ...(cause !== undefined && { cause }) });
}
