import { sql } from 'kysely';
import { describe, expect, test } from 'vitest';
import type { Store } from '../connect.js';
import { DIALECTS, useTestStore } from '../testing/open-test-store.js';

async function userIndexes(store: Store): Promise<string[]> {
  const query =
    store.dialect === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'users' and name like 'users_%_idx'`
      : sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema() and tablename = 'users' and indexname like 'users_%_idx'`;
  return (await query.execute(store.db)).rows.map((r) => r.name).sort();
}

for (const dialect of DIALECTS) {
  describe(dialect, () => {
    const store = useTestStore(dialect, `user lookup ${dialect}`);

    test('the upn, employee id and NTID indexes are built by the first lookup on that field, not by the migrations', async () => {
      const { users, reference } = store().repos;
      const departmentId = (await reference.getDefaultDepartment()).id;
      const user = await users.insert({ departmentId, email: 'cy@example.com', upn: 'Cy@corp.example.com', employeeId: 'E-7', source: 'manual' });
      expect(await userIndexes(store())).toEqual([]);

      expect((await users.findManyBy(departmentId, 'email', ['CY@example.com'])).get('cy@example.com')?.id).toBe(user.id);
      expect(await userIndexes(store())).toEqual([]);

      expect((await users.findManyBy(departmentId, 'upn', ['cy@CORP.example.com'])).get('cy@corp.example.com')?.id).toBe(user.id);
      expect((await users.findBy(departmentId, 'employeeId', 'e-7'))?.id).toBe(user.id);
      expect(await userIndexes(store())).toEqual(['users_employee_id_lower_idx', 'users_upn_lower_idx']);

      // A second lookup finds the index there already.
      expect((await users.findManyBy(departmentId, 'upn', ['cy@corp.example.com'])).size).toBe(1);
      expect(await userIndexes(store())).toEqual(['users_employee_id_lower_idx', 'users_upn_lower_idx']);
    });
  });
}
