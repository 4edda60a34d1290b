import { describe, expect, test } from 'vitest';
import { DIALECTS, useTestStore } from '../testing/open-test-store.js';

for (const dialect of DIALECTS) {
  describe(dialect, () => {
    const store = useTestStore(dialect, `users ${dialect}`, { now: () => new Date('2024-05-01T09:30:00.000Z') });
    const department = async (): Promise<string> => (await store().repos.reference.getDefaultDepartment()).id;

    test('insert round-trips, trimming blanks to null and keeping booleans and timestamps', async () => {
      const { users } = store().repos;
      const user = await users.insert({
        departmentId: await department(),
        email: ' Ann.Lee@Example.com ',
        upn: 'ann.lee@corp.example.com',
        employeeId: 'E-1001',
        samAccountName: 'CORP\\alee',
        firstName: 'Ann',
        lastName: '',
        isActive: false,
        source: 'entra:conn-1',
        externalId: '7d1f0c4e-0000-4000-8000-000000000001',
      });
      expect(await users.get(user.id)).toEqual(user);
      expect(user).toMatchObject({
        email: 'Ann.Lee@Example.com',
        lastName: null,
        isActive: false,
        siteId: null,
        createdAt: '2024-05-01T09:30:00.000Z',
      });
    });

    test('lookups by email, upn, employee id and sam account name ignore case', async () => {
      const { users } = store().repos;
      const departmentId = await department();
      const user = await users.insert({ departmentId, email: 'Bob@Example.com', upn: 'BOB@corp.example.com', employeeId: 'e-2002', samAccountName: 'BobS', source: 'manual' });
      expect((await users.findBy(departmentId, 'email', 'bob@EXAMPLE.com'))?.id).toBe(user.id);
      expect((await users.findBy(departmentId, 'upn', 'bob@CORP.example.com'))?.id).toBe(user.id);
      expect((await users.findBy(departmentId, 'employeeId', 'E-2002'))?.id).toBe(user.id);
      expect((await users.findBy(departmentId, 'samAccountName', 'bobs'))?.id).toBe(user.id);
      expect(await users.findBy(departmentId, 'email', '')).toBeUndefined();
      const many = await users.findManyBy(departmentId, 'email', ['BOB@example.com', 'nobody@example.com', '']);
      expect([...many.keys()]).toEqual(['bob@example.com']);
      expect(many.get('bob@example.com')?.id).toBe(user.id);
    });

    test('an email is unique per department whatever its case', async () => {
      const { users, reference } = store().repos;
      const departmentId = await department();
      await users.insert({ departmentId, email: 'carol@example.com', source: 'manual' });
      await expect(users.insert({ departmentId, email: 'CAROL@example.com', source: 'import' })).rejects.toThrow(/unique/i);
      const other = await reference.createDepartment({ name: `Other ${dialect}` });
      await expect(users.insert({ departmentId: other.id, email: 'Carol@Example.com', source: 'import' })).resolves.toMatchObject({ departmentId: other.id });
    });

    test('upsert links by external id, else by email, else creates', async () => {
      const { users } = store().repos;
      const departmentId = await department();
      const manual = await users.insert({ departmentId, email: 'dan@example.com', firstName: 'Dan', source: 'manual' });
      const linked = await users.upsert({ departmentId, email: 'DAN@example.com', lastName: 'Ng', source: 'entra:c1', externalId: 'obj-dan' });
      expect(linked).toMatchObject({ isCreated: false, user: { id: manual.id, firstName: 'Dan', lastName: 'Ng', source: 'entra:c1', externalId: 'obj-dan' } });
      const renamed = await users.upsert({ departmentId, email: 'daniel@example.com', source: 'entra:c1', externalId: 'obj-dan' });
      expect(renamed).toMatchObject({ isCreated: false, user: { id: manual.id, email: 'daniel@example.com' } });
      const created = await users.upsert({ departmentId, email: 'eve@example.com', source: 'entra:c1', externalId: 'obj-eve' });
      expect(created.isCreated).toBe(true);
    });

    test('list pages by keyset and searches names and emails', async () => {
      const { users, reference } = store().repos;
      const dep = await reference.createDepartment({ name: `Listing ${dialect}` });
      for (let i = 0; i < 5; i += 1) await users.insert({ departmentId: dep.id, email: `p${i}@list.example`, firstName: i === 3 ? 'Zoë' : 'Pat', source: 'manual' });
      const first = await users.list({ departmentId: dep.id, limit: 3 });
      expect(first.items).toHaveLength(3);
      const second = await users.list({ departmentId: dep.id, limit: 3, after: first.nextCursor ?? '' });
      expect(second.items).toHaveLength(2);
      expect(second.nextCursor).toBeNull();
      expect(new Set([...first.items, ...second.items].map((u) => u.id)).size).toBe(5);
      expect((await users.list({ departmentId: dep.id, search: 'P3@LIST' })).items.map((u) => u.email)).toEqual(['p3@list.example']);
    });
  });
}
