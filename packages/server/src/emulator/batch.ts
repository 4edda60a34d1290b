import { z } from 'zod';
import type { GraphDeps, RoutedResponse } from './graph-routes.js';
import type { GraphVersion } from './graph-schema.js';
import type { EmuRequest } from './http-types.js';
import { authorise, handleGraph } from './graph-routes.js';
import { badRequest, faultResponse } from './graph-errors.js';
import { json } from './http-types.js';

const MAX_BATCH = 20;

const batchSchema = z.object({
  requests: z.array(
    z.object({
      id: z.string().min(1),
      method: z.string().min(1),
      url: z.string().min(1),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
      dependsOn: z.array(z.string()).optional(),
    }),
  ),
});

/** `POST /{version}/$batch`: up to 20 relative requests; throttled items come back as per-item 429s in a 200 envelope. */
export async function handleBatch(deps: GraphDeps, request: EmuRequest, version: GraphVersion): Promise<RoutedResponse> {
  const clientRequestId = request.headers['client-request-id'];
  if (request.method !== 'POST') return { route: 'batch', response: badRequest('$batch only accepts POST.', clientRequestId) };
  const envelopeFault = deps.faults.next({ route: 'batch' });
  if (envelopeFault !== undefined) {
    const response = faultResponse(envelopeFault, clientRequestId);
    if (response !== undefined) return { route: 'batch', response };
  }
  const denied = await authorise(deps, request, undefined);
  if (denied !== undefined) return { route: 'batch', response: denied };
  let parsedBody: unknown;
  try {
    parsedBody = JSON.parse(request.body);
  } catch {
    return { route: 'batch', response: badRequest('Invalid batch payload format: the body is not valid JSON.', clientRequestId) };
  }
  const parsed = batchSchema.safeParse(parsedBody);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { route: 'batch', response: badRequest(`Invalid batch payload format: ${issue?.path.join('.') ?? 'body'}: ${issue?.message ?? 'invalid'}.`, clientRequestId) };
  }
  const items = parsed.data.requests;
  if (items.length > MAX_BATCH) {
    return { route: 'batch', response: badRequest(`Number of batch request steps exceeds the maximum of ${MAX_BATCH}.`, clientRequestId) };
  }
  const seen = new Set<string>();
  const responses: unknown[] = [];
  const itemRoutes: string[] = [];
  for (const item of items) {
    if (seen.has(item.id)) return { route: 'batch', response: badRequest(`Batch request ids must be unique; '${item.id}' is repeated.`, clientRequestId) };
    seen.add(item.id);
    const relative = item.url.replace(/^\//, '');
    if (/^https?:/i.test(relative)) {
      responses.push({ id: item.id, status: 400, headers: {}, body: badRequest('Batch request URLs must be relative.').body });
      continue;
    }
    const url = new URL(`https://batch.invalid/${relative}`);
    const headers: Record<string, string | undefined> = { authorization: request.headers['authorization'] };
    for (const [key, value] of Object.entries(item.headers ?? {})) headers[key.toLowerCase()] = value;
    const sub: EmuRequest = { method: item.method.toUpperCase(), path: url.pathname, query: url.searchParams, headers, body: '' };
    const segments = url.pathname.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
    const { route, response } = await handleGraph(deps, sub, version, segments, true);
    itemRoutes.push(route);
    responses.push({
      id: item.id,
      status: response.status,
      headers: { 'content-type': 'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8', ...response.headers },
      body: response.jsonBytes === undefined ? response.body : (JSON.parse(response.jsonBytes.toString('utf8')) as unknown),
    });
  }
  return { route: 'batch', response: json(200, { responses }), itemRoutes };
}
