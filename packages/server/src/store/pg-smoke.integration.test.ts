import pg from 'pg';
import { expect, inject, test } from 'vitest';

test('the test PostgreSQL answers', async () => {
  const client = new pg.Client({ connectionString: inject('postgresUrl') });
  await client.connect();
  const { rows } = await client.query<{ one: number }>('select 1 as one');
  await client.end();
  expect(rows[0]?.one).toBe(1);
});
