import { randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import type { CryptoKey, JWK, JWTPayload } from 'jose';

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';

export interface AccessTokenClaims {
  readonly roles: readonly string[];
  readonly appId: string;
  readonly tenantId: string;
}

export type TokenCheck =
  | { readonly ok: true; readonly claims: AccessTokenClaims }
  | { readonly ok: false; readonly reason: 'missing' | 'malformed' | 'expired' };

/** Signs access tokens and checks them on Graph calls; `expireAll` revokes every token issued so far. */
export class TokenService {
  private readonly live = new Map<string, number>();
  private readonly verified = new Map<string, { uti: string; claims: AccessTokenClaims; expMs: number }>();
  issuedCount = 0;

  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    readonly publicJwk: JWK,
    private readonly options: { tenantId: string; clientId: string; lifetimeSec: number; audiences: readonly string[] },
  ) {}

  static async create(options: { tenantId: string; clientId: string; lifetimeSec: number; audiences: readonly string[] }): Promise<TokenService> {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const publicJwk = { ...(await exportJWK(publicKey)), kid: randomUUID(), use: 'sig', alg: 'ES256' };
    return new TokenService(privateKey, publicKey, publicJwk, options);
  }

  async issue(audience: string, roles: readonly string[]): Promise<string> {
    const nowSec = Math.floor(Date.now() / 1000);
    const uti = randomUUID();
    const expSec = nowSec + this.options.lifetimeSec;
    this.live.set(uti, expSec * 1000);
    this.issuedCount += 1;
    const payload: JWTPayload = {
      aud: audience,
      iss: `https://sts.windows.net/${this.options.tenantId}/`,
      appid: this.options.clientId,
      appidacr: '1',
      idtyp: 'app',
      oid: this.options.clientId,
      sub: this.options.clientId,
      roles: [...roles],
      tid: this.options.tenantId,
      uti,
      ver: '1.0',
    };
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: this.publicJwk.kid ?? '' })
      .setIssuedAt(nowSec)
      .setNotBefore(nowSec - 300)
      .setExpirationTime(expSec)
      .sign(this.privateKey);
  }

  expireAll(): void {
    this.live.clear();
    this.verified.clear();
  }

  async check(authorization: string | undefined): Promise<TokenCheck> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    const token = match?.[1];
    if (token === undefined) return { ok: false, reason: 'missing' };
    const cached = this.verified.get(token);
    if (cached !== undefined) return this.stillLive(cached.uti, cached.expMs) ? { ok: true, claims: cached.claims } : { ok: false, reason: 'expired' };
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.publicKey, { audience: [...this.options.audiences] }));
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return { ok: false, reason: code === 'ERR_JWT_EXPIRED' ? 'expired' : 'malformed' };
    }
    const uti = typeof payload['uti'] === 'string' ? payload['uti'] : '';
    const expMs = (payload.exp ?? 0) * 1000;
    const roles = Array.isArray(payload['roles']) ? payload['roles'].filter((r): r is string => typeof r === 'string') : [];
    const claims: AccessTokenClaims = { roles, appId: String(payload['appid'] ?? ''), tenantId: String(payload['tid'] ?? '') };
    if (!this.stillLive(uti, expMs)) return { ok: false, reason: 'expired' };
    this.verified.set(token, { uti, claims, expMs });
    return { ok: true, claims };
  }

  private stillLive(uti: string, expMs: number): boolean {
    return this.live.has(uti) && expMs > Date.now();
  }
}
