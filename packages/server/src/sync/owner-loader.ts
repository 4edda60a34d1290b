import type { ManagedDevice } from '../domain/managed-device.js';
import { toUserKey } from '../domain/user.js';
import type { OwnerDirectory } from './owners.js';
import type { AllocationSettings } from './plan.js';
import type { DeviceSource } from './ports.js';
import type { StageTimer } from './stage-timer.js';

export interface OwnerLoaderLimits {
  /** The first page asking for more owners than this reads the whole directory (a first sync streams it, as before). */
  readonly firstLookupMax: number;
  /** Once the run has asked for more distinct owners than this, the rest comes from one directory read. */
  readonly runLookupMax: number;
}

/**
 * At 100,000 devices and ~77,000 users the directory is 77 list requests (999 users each), 1.2-2.5 s on the
 * bench machine; lookups cost one small `$batch` per page that has changed devices (20 owners each), plus a
 * second one for an address that is a mail but no UPN. Each looked-up owner also costs one unit of the
 * client's tenant budget (2000 per 20 s, graph/limiter.ts), shared with the device pages: 1500 leaves room
 * for them, so lookups never make the run wait on the limiter.
 */
export const DEFAULT_OWNER_LOADER_LIMITS: OwnerLoaderLimits = Object.freeze({ firstLookupMax: 500, runLookupMax: 1500 });

export type OwnerLoadMode = 'none' | 'on_demand' | 'full';

/**
 * Fills a run's OwnerDirectory with just the owners its pages need (SPEC §4.4, §4.7). A re-sync where a few
 * devices changed asks Graph for those owners only (remembering who does not exist); a run that needs many
 * (a first sync, or one whose lookups pass `runLookupMax`) reads the whole directory once, as a stream. Either
 * way `directory.find` answers every owner of the devices it was asked about exactly as the full directory
 * would: keys are userPrincipalName, mail and object id, case-insensitive.
 *
 * A failed lookup or directory read rejects the `ensure` call, which stops the run before the page is
 * written (nothing retired), as a failed directory read always has.
 *
 * @example
 * const loader = new OwnerLoader({ source, directory, ownerField: 'userPrincipalName', signal, timer });
 * await loader.ensure(pageDevices);
 * ownerOf(device, plan.allocation, directory);
 */
export class OwnerLoader {
  readonly #options: OwnerLoaderOptions;
  readonly #limits: OwnerLoaderLimits;
  readonly #abort = new AbortController();
  /** Owner keys Graph said no user has; the directory holds the ones it found. */
  readonly #absent = new Set<string>();
  #full: Promise<void> | undefined;
  #isFullLoaded = false;
  #asked = 0;
  #waitedMs = 0;
  #queue: Promise<void> = Promise.resolve();

  constructor(options: OwnerLoaderOptions) {
    this.#options = options;
    this.#limits = { ...DEFAULT_OWNER_LOADER_LIMITS, ...options.limits };
    if (options.signal.aborted) this.#abort.abort(options.signal.reason);
    else options.signal.addEventListener('abort', () => this.#abort.abort(options.signal.reason), { once: true });
  }

  get mode(): OwnerLoadMode {
    if (this.#full !== undefined) return 'full';
    return this.#asked > 0 ? 'on_demand' : 'none';
  }

  /** Distinct owners asked for one by one so far. */
  get lookups(): number {
    return this.#asked;
  }

  /** Wall time pages spent waiting for owners (lookups, or the directory read). */
  get waitedMs(): number {
    return this.#waitedMs;
  }

  /**
   * Makes `directory.find` answer for the owners of these devices; without devices, for every owner (the whole
   * directory). Calls run one after another, so a page never sees another page's half-finished lookups.
   */
  ensure(devices?: readonly ManagedDevice[]): Promise<void> {
    const next = this.#queue.then(() => this.#ensure(devices));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Starts (or joins) the one full directory read. Started ahead of the pages it runs beside them; a failure
   * surfaces when a page awaits it, never as an unhandled rejection.
   */
  loadAll(): Promise<void> {
    if (this.#full === undefined) {
      this.#full = this.#options.timer.time('users', 0, async () => {
        for await (const users of this.#options.source.users({ signal: this.#abort.signal })) this.#options.directory.add(users);
        this.#isFullLoaded = true;
      });
      this.#full.catch(() => undefined);
    }
    return this.#full;
  }

  /** Stops a directory read still running (the run is over) and drops what was loaded. */
  close(): void {
    if (!this.#isFullLoaded && this.#full !== undefined) this.#abort.abort(new Error('the run finished before the directory was read'));
    this.#options.directory.clear();
    this.#absent.clear();
  }

  async #ensure(devices: readonly ManagedDevice[] | undefined): Promise<void> {
    if (this.#isFullLoaded) return;
    if (devices === undefined || this.#full !== undefined) return this.#waitFor(this.loadAll());
    const unknown = new Set<string>();
    for (const device of devices) {
      const raw = device[this.#options.ownerField];
      const key = typeof raw === 'string' ? toUserKey(raw) : null;
      if (key === null || this.#absent.has(key) || this.#options.directory.find(key) !== undefined) continue;
      unknown.add(key);
    }
    if (unknown.size === 0) return;
    const isFirst = this.#asked === 0;
    if ((isFirst && unknown.size > this.#limits.firstLookupMax) || this.#asked + unknown.size > this.#limits.runLookupMax) return this.#waitFor(this.loadAll());
    this.#asked += unknown.size;
    return this.#waitFor(this.#lookUp(unknown));
  }

  async #lookUp(keys: ReadonlySet<string>): Promise<void> {
    const found = await this.#options.timer.time('users', 0, () => this.#options.source.usersByKey([...keys], { signal: this.#abort.signal }));
    for (const key of keys) {
      const user = found.get(key);
      if (user === undefined) throw new Error(`the directory lookup gave no answer for owner "${key}"`);
      if (user === null) this.#absent.add(key);
      else this.#options.directory.add([user]);
    }
  }

  async #waitFor(work: Promise<void>): Promise<void> {
    const started = performance.now();
    this.#options.onWait?.('users');
    try {
      await work;
    } finally {
      this.#waitedMs += performance.now() - started;
      this.#options.onWait?.('fetch');
    }
  }
}

export interface OwnerLoaderOptions {
  readonly source: Pick<DeviceSource, 'users' | 'usersByKey'>;
  readonly directory: OwnerDirectory;
  /** The device field owner matching reads (plan.allocation.ownerField). */
  readonly ownerField: AllocationSettings['ownerField'];
  readonly signal: AbortSignal;
  /** Lookups and the directory read count as the run's `users` stage. */
  readonly timer: StageTimer;
  /** Progress: the run waits on the directory ('users'), then goes on ('fetch'). */
  readonly onWait?: (stage: 'users' | 'fetch') => void;
  readonly limits?: Partial<OwnerLoaderLimits>;
}
