import { Agent, request } from 'undici';
import type { RunningEmulator } from '../index.js';

export interface HttpResult {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  json(): unknown;
}

/** A tiny HTTPS client for emulator tests: trusts the emulator's CA in-process, nothing global. */
export class EmulatorClient {
  private readonly agent: Agent;
  private token: string | undefined;

  constructor(private readonly emulator: RunningEmulator) {
    this.agent = new Agent({ connect: { ca: emulator.caCertPem }, pipelining: 0 });
  }

  async send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<HttpResult> {
    const response = await request(url, {
      method: (init.method ?? 'GET') as 'GET',
      headers: init.headers ?? {},
      body: init.body ?? null,
      dispatcher: this.agent,
    });
    const text = await response.body.text();
    return { status: response.statusCode, headers: response.headers, text, json: () => JSON.parse(text) as unknown };
  }

  async tokenRequest(form: Record<string, string>, tenant = this.emulator.tenantId, headers: Record<string, string> = {}): Promise<HttpResult> {
    return this.send(`${this.emulator.authorityUrl}/${tenant}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    });
  }

  async accessToken(): Promise<string> {
    if (this.token !== undefined) return this.token;
    const result = await this.tokenRequest({
      grant_type: 'client_credentials',
      client_id: this.emulator.clientId,
      client_secret: this.emulator.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    });
    const body = result.json() as { access_token?: string };
    if (result.status !== 200 || body.access_token === undefined) throw new Error(`token request failed: ${result.status} ${result.text}`);
    this.token = body.access_token;
    return this.token;
  }

  forgetToken(): void {
    this.token = undefined;
  }

  /** GET a Graph URL (absolute, or relative to graphUrl) with a bearer token. */
  async graph(pathOrUrl: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<HttpResult> {
    const url = pathOrUrl.startsWith('https://') ? pathOrUrl : `${this.emulator.graphUrl}/${pathOrUrl.replace(/^\//, '')}`;
    const headers: Record<string, string> = { authorization: `Bearer ${await this.accessToken()}`, ...init.headers };
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    return this.send(url, { ...init, headers });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
