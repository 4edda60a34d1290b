import { GraphError, isRecord } from './graph-error.js';
import type { GraphResponse, RequestOptions } from './http.js';

export interface PageSource {
  getJson(url: string, options?: RequestOptions): Promise<GraphResponse>;
}

export interface PagesOptions {
  readonly permission?: string;
  /** Fetch page n+1 while the caller works on page n (at most two pages in memory). Default true. */
  readonly prefetch?: boolean;
}

interface Page {
  readonly value: readonly unknown[];
  readonly nextLink: string | undefined;
}

/**
 * Yields each page's `value` of a Graph collection, following `@odata.nextLink` verbatim (it is opaque;
 * managedDevices pages by keyset). Nothing accumulates, so memory does not grow with the collection.
 * Items are not validated here: `T` is what the caller will narrow.
 */
export async function* pages<T = unknown>(
  http: PageSource,
  firstUrl: string,
  signal?: AbortSignal,
  options: PagesOptions = {},
): AsyncGenerator<T[], void, undefined> {
  const origin = new URL(firstUrl).origin;
  const stop = new AbortController();
  const combined = signal === undefined ? stop.signal : AbortSignal.any([signal, stop.signal]);
  const fetchPage = (url: string): Promise<Page> => {
    const pending = http
      .getJson(url, { signal: combined, validate: pageProblem, ...(options.permission === undefined ? {} : { permission: options.permission }) })
      .then((response) => toPage(response.body));
    // why: a prefetched page may be abandoned when the caller stops early; its rejection is not an error.
    pending.catch(() => undefined);
    return pending;
  };
  try {
    let next: Promise<Page> | undefined = fetchPage(firstUrl);
    while (next !== undefined) {
      const page: Page = await next;
      next = undefined;
      let following: string | undefined;
      if (page.nextLink !== undefined) {
        following = checkNextLink(page.nextLink, origin);
        if (options.prefetch !== false) next = fetchPage(following);
      }
      yield page.value as T[];
      if (following !== undefined && next === undefined) next = fetchPage(following);
    }
  } finally {
    stop.abort(new Error('paging stopped'));
  }
}

/** Why a body is not a collection page, or undefined when it is one. */
export function pageProblem(body: unknown): string | undefined {
  if (!isRecord(body)) return 'the body is not a JSON object';
  if (!Array.isArray(body['value'])) return '"value" is not an array';
  const nextLink = body['@odata.nextLink'];
  if (nextLink !== undefined && nextLink !== null && typeof nextLink !== 'string') return '"@odata.nextLink" is not a string';
  return undefined;
}

function toPage(body: unknown): Page {
  const problem = pageProblem(body);
  if (problem !== undefined || !isRecord(body) || !Array.isArray(body['value'])) {
    throw new GraphError({ type: 'malformed_response', kind: 'system', reason: 'malformed_response', message: `malformed page: ${problem ?? 'not a page'}` });
  }
  const nextLink = body['@odata.nextLink'];
  return { value: body['value'], nextLink: typeof nextLink === 'string' && nextLink !== '' ? nextLink : undefined };
}

// The bearer token goes with every page request, so a nextLink pointing elsewhere is refused, not followed.
function checkNextLink(nextLink: string, origin: string): string {
  let parsed: URL;
  try {
    parsed = new URL(nextLink);
  } catch {
    throw new GraphError({ type: 'malformed_response', kind: 'system', reason: 'invalid_next_link', message: `"@odata.nextLink" is not an absolute URL: ${nextLink.slice(0, 200)}` });
  }
  if (parsed.origin !== origin) {
    throw new GraphError({
      type: 'malformed_response',
      kind: 'system',
      reason: 'foreign_next_link',
      message: `"@odata.nextLink" points to ${parsed.origin}, not ${origin}; refusing to send the token there`,
    });
  }
  return nextLink;
}
