import { request } from 'undici';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { Dispatcher } from 'undici';

/**
 * msal-node 7 sends through global fetch and has no agent/CA option, so its traffic goes through our undici
 * dispatcher (which carries the emulator CA). It also remembers the last Entra error description it saw:
 * msal reports a failed authority-metadata fetch without Entra's AADSTS text (e.g. AADSTS90002, unknown tenant).
 */
export class MsalNetworkClient implements INetworkModule {
  lastEntraError: string | undefined;
  /** msal also hides transport failures (an untrusted certificate) behind its own codes. */
  lastTransportError: unknown;

  constructor(private readonly dispatcher: Dispatcher) {}

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options, undefined);
  }

  private async send<T>(method: 'GET' | 'POST', url: string, options: NetworkRequestOptions | undefined, timeout: number | undefined): Promise<NetworkResponse<T>> {
    let response: Dispatcher.ResponseData;
    let text: string;
    try {
      response = await request(url, {
        method,
        dispatcher: this.dispatcher,
        headers: options?.headers ?? {},
        ...(method === 'POST' ? { body: options?.body ?? '' } : {}),
        ...(timeout === undefined ? {} : { signal: AbortSignal.timeout(timeout) }),
      });
      text = await response.body.text();
    } catch (error) {
      this.lastTransportError = error;
      throw error;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`Entra returned a non-JSON response (HTTP ${response.statusCode}) from ${new URL(url).origin}${new URL(url).pathname}`);
    }
    if (response.statusCode >= 400 && typeof body === 'object' && body !== null && 'error_description' in body) {
      const description = body.error_description;
      if (typeof description === 'string') this.lastEntraError = description;
    }
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
    }
    // why the cast: INetworkModule is generic in the body type msal expects; msal validates the body itself.
    return { status: response.statusCode, headers, body: body as T };
  }
}
