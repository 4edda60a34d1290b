import type { Kysely } from 'kysely';
import type { Asset } from '../domain/asset.js';
import type { Database } from '../store/database.js';
import { listAssetPage, sourceKind } from './asset-list-query.js';
import type { AssetListFilter } from './asset-list-query.js';
import type { AssetExportRow } from './register-export.js';
import { EXPORT_COLUMNS } from './register-fields.js';
import { loadRegisterNames, loadUserRefs } from './register-names.js';
import type { RegisterNames } from './register-names.js';

const PAGE = 1000;

/** RFC 4180 cell; a leading = + - @ is prefixed with ' so a spreadsheet never runs a device name as a formula. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function toExportRow(a: Asset, names: RegisterNames, emails: ReadonlyMap<string, string | null>): AssetExportRow {
  return {
    assetTag: a.assetTag,
    name: a.name,
    serialNumber: a.serialNumber,
    category: a.categoryId === null ? null : (names.categories.get(a.categoryId)?.name ?? null),
    status: names.statuses.get(a.statusKey) ?? a.statusKey,
    subStatus: a.subStatusId === null ? null : (names.subStatuses.get(a.subStatusId)?.name ?? null),
    condition: a.conditionId === null ? null : (names.conditions.get(a.conditionId) ?? null),
    make: a.make,
    model: a.model,
    os: a.os,
    osVersion: a.osVersion,
    memoryGb: a.memoryGb,
    storageGb: a.storageGb,
    imei: a.imei,
    wifiMac: a.wifiMac,
    allocatedToEmail: a.allocatedUserId === null ? null : (emails.get(a.allocatedUserId) ?? null),
    allocatedAt: a.allocatedAt,
    intuneDeviceId: a.intuneDeviceId,
    azureAdDeviceId: a.azureAdDeviceId,
    managementState: a.managementState,
    lastSeenInSourceAt: a.lastSeenInSourceAt,
    source: sourceKind(a.source),
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

/**
 * The filtered assets list as CSV lines (header first, CRLF-terminated), in asset tag order, read a keyset page
 * at a time so memory stays flat however many assets match.
 */
export async function* assetsCsv(db: Kysely<Database>, filter: AssetListFilter): AsyncGenerator<string> {
  const names = await loadRegisterNames(db);
  const departmentIds = [...names.departments.keys()];
  yield `${EXPORT_COLUMNS.map(([, label]) => csvCell(label)).join(',')}\r\n`;
  let cursor: string | undefined;
  for (;;) {
    const page = await listAssetPage(db, { ...filter, sort: 'assetTag', limit: PAGE, cursor, departmentIds });
    const users = await loadUserRefs(db, page.assets.map((a) => a.allocatedUserId));
    const emails = new Map([...users].map(([id, u]) => [id, u.email]));
    let chunk = '';
    for (const asset of page.assets) {
      const row = toExportRow(asset, names, emails);
      chunk += `${EXPORT_COLUMNS.map(([key]) => csvCell(row[key])).join(',')}\r\n`;
    }
    if (chunk !== '') yield chunk;
    if (page.nextCursor === null) return;
    cursor = page.nextCursor;
  }
}
