import type { User } from '../domain/user.js';
import type { Store } from '../store/connect.js';

/** One asset as `export assets` prints it (SPEC §7.3: at least these keys). */
export interface AssetExportRow {
  readonly assetTag: string;
  readonly name: string | null;
  readonly serialNumber: string | null;
  readonly category: string | null;
  readonly status: string;
  readonly subStatus: string | null;
  readonly condition: string | null;
  readonly make: string | null;
  readonly model: string | null;
  readonly os: string | null;
  readonly osVersion: string | null;
  readonly memoryGb: number | null;
  readonly storageGb: number | null;
  readonly imei: string | null;
  readonly wifiMac: string | null;
  readonly allocatedToEmail: string | null;
  readonly allocatedAt: string | null;
  readonly intuneDeviceId: string | null;
  readonly azureAdDeviceId: string | null;
  readonly managementState: string | null;
  readonly lastSeenInSourceAt: string | null;
  readonly source: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface UserExportRow {
  readonly email: string | null;
  readonly upn: string | null;
  readonly employeeId: string | null;
  readonly samAccountName: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly isActive: boolean;
  readonly source: string;
  readonly createdAt: string;
}

const PAGE = 1000;

/** Every asset of the register, page by page (keyset paging: memory stays flat at 100,000 assets). */
export async function* exportAssets(store: Store): AsyncGenerator<AssetExportRow> {
  const departments = await store.repos.reference.listDepartments();
  const categories = new Map<string, string>();
  for (const department of departments) for (const c of await store.repos.reference.listCategories(department.id)) categories.set(c.id, c.name);
  const statuses = new Map((await store.repos.reference.listStatuses()).map((s) => [s.key, s.displayName]));
  const subStatuses = new Map((await store.repos.reference.listSubStatuses()).map((s) => [s.id, s.name]));
  const conditions = new Map((await store.repos.reference.listConditions()).map((c) => [c.id, c.name]));
  const emails = new Map<string, string | null>();
  for await (const user of listUsers(store)) emails.set(user.id, user.email);
  let after: string | undefined;
  for (;;) {
    const page = await store.repos.assets.list({ sort: 'assetTag', limit: PAGE, ...(after === undefined ? {} : { after }) });
    for (const a of page.items) {
      yield {
        assetTag: a.assetTag,
        name: a.name,
        serialNumber: a.serialNumber,
        category: a.categoryId === null ? null : (categories.get(a.categoryId) ?? null),
        status: statuses.get(a.statusKey) ?? a.statusKey,
        subStatus: a.subStatusId === null ? null : (subStatuses.get(a.subStatusId) ?? null),
        condition: a.conditionId === null ? null : (conditions.get(a.conditionId) ?? null),
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
        source: a.source,
        createdAt: a.createdAt,
        updatedAt: a.updatedAt,
      };
    }
    if (page.nextCursor === null) return;
    after = page.nextCursor;
  }
}

async function* listUsers(store: Store): AsyncGenerator<User> {
  let after: string | undefined;
  for (;;) {
    const page = await store.repos.users.list({ limit: PAGE, ...(after === undefined ? {} : { after }) });
    yield* page.items;
    if (page.nextCursor === null) return;
    after = page.nextCursor;
  }
}

export async function* exportUsers(store: Store): AsyncGenerator<UserExportRow> {
  for await (const u of listUsers(store)) {
    yield { email: u.email, upn: u.upn, employeeId: u.employeeId, samAccountName: u.samAccountName, firstName: u.firstName, lastName: u.lastName, isActive: u.isActive, source: u.source, createdAt: u.createdAt };
  }
}
