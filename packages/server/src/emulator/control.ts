import { z } from 'zod';
import type { FaultController } from './faults.js';
import type { FleetStore } from './fleet/fleet-store.js';
import type { EmuRequest, EmuResponse } from './http-types.js';
import type { TokenService } from './tokens.js';
import { parseFaultSpec, validateFaultSpec } from './faults.js';
import { json } from './http-types.js';

export interface ControlDeps {
  readonly clientSecret: string;
  readonly faults: FaultController;
  readonly store: FleetStore;
  readonly tokens: TokenService;
}

const faultBody = z.union([
  z.object({ add: z.union([z.string(), z.record(z.string(), z.unknown())]) }).strict(),
  z.object({ clear: z.literal(true) }).strict(),
]);
const fleetBody = z
  .object({ action: z.enum(['add', 'modify', 'remove', 'reenrol']), n: z.number().int().nonnegative(), keepOld: z.boolean().optional() })
  .strict();

function problem(status: number, message: string): EmuResponse {
  return json(status, { error: { code: status === 401 ? 'unauthorized' : 'bad_request', message } });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * `/_emulator/*`: lets a test steer an emulator running as another process. Guarded by the client
 * secret as a bearer token so nothing else on the machine can rewrite the tenant.
 */
export function handleControl(deps: ControlDeps, request: EmuRequest, action: string): EmuResponse {
  if (request.headers['authorization'] !== `Bearer ${deps.clientSecret}`) return problem(401, 'send the client secret as a bearer token');
  const body = parseJson(request.body);
  if (action === 'faults' && request.method === 'GET') return json(200, { faults: deps.faults.list() });
  if (action === 'faults' && request.method === 'POST') {
    const parsed = faultBody.safeParse(body);
    if (!parsed.success) return problem(400, 'body must be {"add": "<fault spec>" | {…}} or {"clear": true}');
    try {
      if ('clear' in parsed.data) deps.faults.clear();
      else deps.faults.add(typeof parsed.data.add === 'string' ? parseFaultSpec(parsed.data.add) : validateFaultSpec(parsed.data.add));
    } catch (error) {
      return problem(400, error instanceof Error ? error.message : String(error));
    }
    return json(200, { faults: deps.faults.list() });
  }
  if (action === 'fleet' && request.method === 'POST') {
    const parsed = fleetBody.safeParse(body);
    if (!parsed.success) return problem(400, 'body must be {"action": "add"|"modify"|"remove"|"reenrol", "n": <count>, "keepOld"?: boolean}');
    const { action: change, n, keepOld } = parsed.data;
    const result =
      change === 'add' ? deps.store.add(n) : change === 'modify' ? deps.store.modify(n) : change === 'remove' ? deps.store.remove(n) : deps.store.reenrol(n, keepOld === undefined ? {} : { keepOld });
    return json(200, { action: change, size: deps.store.size(), result });
  }
  if (action === 'tokens/expire' && request.method === 'POST') {
    deps.tokens.expireAll();
    return json(200, { expired: true });
  }
  return problem(404, `no control endpoint ${request.method} /_emulator/${action}`);
}
