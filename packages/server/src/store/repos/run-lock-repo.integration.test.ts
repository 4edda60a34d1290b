import { describe, expect, test } from 'vitest';
import { DIALECTS, useTestStore } from '../testing/open-test-store.js';

const MINUTE = 60_000;

for (const dialect of DIALECTS) {
  describe(dialect, () => {
    let clock = new Date('2024-05-01T02:00:00.000Z');
    const store = useTestStore(dialect, `run locks ${dialect}`, { now: () => clock });

    test('the second acquirer is refused until the holder releases', async () => {
      const { runLocks } = store().repos;
      expect(await runLocks.tryAcquire('conn-a', 'worker-1', MINUTE)).toBe(true);
      expect(await runLocks.tryAcquire('conn-a', 'worker-2', MINUTE)).toBe(false);
      expect(await runLocks.tryAcquire('conn-b', 'worker-2', MINUTE)).toBe(true);
      expect(await runLocks.tryAcquire('conn-a', 'worker-1', MINUTE)).toBe(true);
      expect(await runLocks.release('conn-a', 'worker-2')).toBe(false);
      expect(await runLocks.release('conn-a', 'worker-1')).toBe(true);
      expect(await runLocks.tryAcquire('conn-a', 'worker-2', MINUTE)).toBe(true);
      expect(await runLocks.get('conn-a')).toMatchObject({ owner: 'worker-2', acquiredAt: '2024-05-01T02:00:00.000Z', expiresAt: '2024-05-01T02:01:00.000Z' });
    });

    test('an expired lease is taken over, and its old holder can no longer renew it', async () => {
      const { runLocks } = store().repos;
      expect(await runLocks.tryAcquire('conn-c', 'crashed', MINUTE)).toBe(true);
      clock = new Date(clock.getTime() + 30_000);
      expect(await runLocks.renew('conn-c', 'crashed', MINUTE)).toBe(true);
      clock = new Date(clock.getTime() + 59_000);
      expect(await runLocks.tryAcquire('conn-c', 'rescuer', MINUTE)).toBe(false);
      clock = new Date(clock.getTime() + 1_000);
      expect(await runLocks.tryAcquire('conn-c', 'rescuer', MINUTE)).toBe(true);
      expect(await runLocks.renew('conn-c', 'crashed', MINUTE)).toBe(false);
      expect(await runLocks.release('conn-c', 'crashed')).toBe(false);
      expect((await runLocks.get('conn-c'))?.owner).toBe('rescuer');
    });

    test('of 8 simultaneous acquirers exactly one wins', async () => {
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store().repos.runLocks.tryAcquire('conn-race', `w${i}`, MINUTE)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
}
