import { z } from 'zod';

export const FAULT_KINDS = ['throttle', 'unavailable', 'gateway-timeout', 'intune-500', 'reset', 'malformed', 'token-expiry'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Routes a fault can target; `managedDevice` is the single-device GET. */
export const FAULT_ROUTES = ['managedDevices', 'managedDevice', 'users', 'batch', 'token', 'detectedApps', 'autopilot', 'groups', 'any'] as const;
export type FaultRoute = (typeof FAULT_ROUTES)[number];

/**
 * One injected failure.
 * - `throttle` → 429 (body of examples/throttling.429.docs.json); `retryAfterSec` sends a (fractional)
 *   seconds Retry-After, `retryAfterDateSec` an HTTP-date that many seconds ahead; neither → no header.
 * - `unavailable` → 503, `gateway-timeout` → 504, `intune-500` → 500 with JSON inside error.message.
 * - `reset` → status line and half the body, then the socket is destroyed.
 * - `malformed` → 200 with the JSON page cut short.
 * - `token-expiry` → every issued token expires before the request is served (so it gets 401).
 * Fires on matching requests from the `onRequest`-th (1-based, counted since the fault was added), or
 * only on page `onPage` of a paged list, at most `count` times (default 1; `Infinity` = always).
 */
export interface FaultSpec {
  readonly kind: FaultKind;
  readonly route?: FaultRoute;
  readonly onRequest?: number;
  readonly onPage?: number;
  readonly count?: number;
  readonly retryAfterSec?: number;
  readonly retryAfterDateSec?: number;
}

const positiveInt = z.number().int().positive();
export const faultSpecSchema = z
  .object({
    kind: z.enum(FAULT_KINDS),
    route: z.enum(FAULT_ROUTES).optional(),
    onRequest: positiveInt.optional(),
    onPage: positiveInt.optional(),
    count: z.union([positiveInt, z.literal(Infinity)]).optional(),
    retryAfterSec: z.number().nonnegative().optional(),
    retryAfterDateSec: z.number().int().nonnegative().optional(),
  })
  .strict();

const STRING_KEYS: Readonly<Record<string, keyof FaultSpec>> = {
  on: 'route',
  route: 'route',
  request: 'onRequest',
  page: 'onPage',
  count: 'count',
  'retry-after': 'retryAfterSec',
  'retry-after-date': 'retryAfterDateSec',
  after: 'onRequest',
};

/**
 * Parses the CLI form, e.g. `throttle:retry-after=2.128:on=managedDevices:count=2`,
 * `reset:on=managedDevices:page=2`, `token-expiry:after=10` (tokens expire after 10 requests),
 * `unavailable:on=any:count=always`.
 */
export function parseFaultSpec(text: string): FaultSpec {
  const [kind = '', ...parts] = text.split(':');
  const draft: Record<string, unknown> = { kind };
  for (const part of parts) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const raw = eq < 0 ? '' : part.slice(eq + 1);
    const field = STRING_KEYS[key];
    if (field === undefined) {
      throw new Error(`fault '${text}': unknown option '${key}' (expected one of ${Object.keys(STRING_KEYS).join(', ')})`);
    }
    if (field === 'route') draft[field] = raw;
    else if (field === 'count' && (raw === 'always' || raw === '*')) draft[field] = Infinity;
    else {
      const value = Number(raw);
      if (raw === '' || !Number.isFinite(value)) throw new Error(`fault '${text}': '${key}' needs a number, got '${raw}'`);
      draft[field] = key === 'after' ? value + 1 : value;
    }
  }
  return validateFaultSpec(draft, `fault '${text}'`);
}

export function validateFaultSpec(input: unknown, where = 'fault'): FaultSpec {
  const parsed = faultSpecSchema.safeParse(input);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'spec'}: ${issue.message}`).join('; ');
    throw new Error(`${where}: ${detail}`);
  }
  const { route, onRequest, onPage, count, retryAfterSec, retryAfterDateSec, kind } = parsed.data;
  return {
    kind,
    ...(route === undefined ? {} : { route }),
    ...(onRequest === undefined ? {} : { onRequest }),
    ...(onPage === undefined ? {} : { onPage }),
    ...(count === undefined ? {} : { count }),
    ...(retryAfterSec === undefined ? {} : { retryAfterSec }),
    ...(retryAfterDateSec === undefined ? {} : { retryAfterDateSec }),
  };
}

export interface FaultProbe {
  readonly route: Exclude<FaultRoute, 'any'>;
  /** 1-based page number of a paged list request, when known. */
  readonly page?: number;
  /** Inside a $batch only status-style faults can apply. */
  readonly inBatch?: boolean;
}

interface ArmedFault {
  readonly spec: FaultSpec;
  seen: number;
  fired: number;
}

const TRANSPORT_KINDS: ReadonlySet<FaultKind> = new Set(['reset', 'malformed']);

/** Holds the active faults and decides, per request, which one (if any) fires. */
export class FaultController {
  private armed: ArmedFault[] = [];

  constructor(initial: readonly FaultSpec[] = []) {
    for (const spec of initial) this.add(spec);
  }

  add(spec: FaultSpec): void {
    this.armed.push({ spec: validateFaultSpec(spec), seen: 0, fired: 0 });
  }

  clear(): void {
    this.armed = [];
  }

  list(): readonly FaultSpec[] {
    return this.armed.map((entry) => entry.spec);
  }

  /** Counts the request against every matching fault and returns the first that fires. */
  next(probe: FaultProbe): FaultSpec | undefined {
    let chosen: FaultSpec | undefined;
    for (const entry of this.armed) {
      const { spec } = entry;
      const route = spec.route ?? 'any';
      if (route !== 'any' && route !== probe.route) continue;
      if (probe.inBatch === true && TRANSPORT_KINDS.has(spec.kind)) continue;
      entry.seen += 1;
      if (chosen !== undefined) continue;
      if (entry.fired >= (spec.count ?? 1)) continue;
      if (spec.onRequest !== undefined && entry.seen < spec.onRequest) continue;
      if (spec.onPage !== undefined && probe.page !== spec.onPage) continue;
      entry.fired += 1;
      chosen = spec;
    }
    return chosen;
  }
}
