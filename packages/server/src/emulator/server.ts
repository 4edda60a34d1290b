import { randomUUID } from 'node:crypto';
import { createServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { EmuRequest, EmuResponse } from './http-types.js';
import type { EmulatorTls } from './ca.js';

/** `itemRoutes` (a `$batch`'s items) are counted as `batch:<route>` beside the batch itself. */
export type Dispatch = (request: EmuRequest) => Promise<{ route: string; response: EmuResponse; itemRoutes?: readonly string[] }>;

export interface ServerStats {
  requests: number;
  byRoute: Record<string, number>;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function toEmuRequest(req: IncomingMessage, body: string): EmuRequest {
  const url = new URL(req.url ?? '/', 'https://emulator.invalid');
  const headers: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(req.headers)) headers[key] = Array.isArray(value) ? value.join(', ') : value;
  return { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers, body };
}

function write(res: ServerResponse, request: EmuRequest, response: EmuResponse): void {
  const isJson = response.rawBody === undefined && (response.body !== undefined || response.jsonBytes !== undefined);
  const headers: Record<string, string> = {
    'request-id': randomUUID(),
    'client-request-id': request.headers['client-request-id'] ?? randomUUID(),
    'x-ms-ags-diagnostic': '{"ServerInfo":{"DataCenter":"Emulated","Slice":"E","Ring":"0","ScaleUnit":"000","RoleInstance":"EMU"}}',
    ...(isJson ? { 'content-type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8' } : {}),
    ...response.headers,
  };
  const bytes = response.rawBody === undefined && response.jsonBytes !== undefined
    ? response.jsonBytes
    : Buffer.from(response.rawBody ?? (response.body === undefined ? '' : JSON.stringify(response.body)), 'utf8');
  if (response.transport === 'reset') {
    // Status line, headers and half the body go out, then the connection dies mid-page.
    res.writeHead(response.status, { ...headers, 'content-length': String(bytes.length) });
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
    return;
  }
  const payload = response.transport === 'truncate' ? bytes.subarray(0, Math.floor(bytes.length * 0.6)) : bytes;
  res.writeHead(response.status, { ...headers, 'content-length': String(payload.length) });
  res.end(payload);
}

export interface EmulatorHttpsServer {
  readonly port: number;
  readonly stats: ServerStats;
  close(): Promise<void>;
}

/** One HTTPS listener on 127.0.0.1 serving Entra, Graph and the control endpoints. */
export async function startHttpsServer(options: { tls: EmulatorTls; port: number; latencyMs: number; dispatch: Dispatch; onError: (error: unknown) => void }): Promise<EmulatorHttpsServer> {
  const stats: ServerStats = { requests: 0, byRoute: {} };
  const server: Server = createServer({ cert: options.tls.serverCertPem, key: options.tls.serverKeyPem }, (req, res) => {
    void (async () => {
      stats.requests += 1;
      let request: EmuRequest | undefined;
      try {
        request = toEmuRequest(req, await readBody(req));
        const { route, response, itemRoutes } = await options.dispatch(request);
        stats.byRoute[route] = (stats.byRoute[route] ?? 0) + 1;
        for (const item of itemRoutes ?? []) stats.byRoute[`batch:${item}`] = (stats.byRoute[`batch:${item}`] ?? 0) + 1;
        if (options.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
        write(res, request, response);
      } catch (error) {
        options.onError(error);
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'InternalServerError', message: 'The emulator failed to handle the request.' } }));
        }
      }
    })();
  });
  const sockets = new Set<Duplex>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
