import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { Knex } from 'knex';
import { getOrCreateSecret } from '../../repositories/app-secrets';

/** Access tokens live 12 hours: a working day, after which the user logs in again. */
export const TOKEN_LIFETIME_SECONDS = 12 * 60 * 60;
const ISSUER = 'gas-cert';
const SECRET_NAME = 'jwt-signing-key';

export interface TokenClaims {
  accountId: string;
  role: string;
  /** The account's `token_version` when issued (claim `ver`; tokens without it are version 0). */
  version: number;
}

/** What a verified token says besides its claims: its id (for sign-out) and its expiry. */
export interface VerifiedToken extends TokenClaims {
  /** Claim `jti`; tokens issued before sign-out existed have none and end only by expiry. */
  tokenId?: string;
  expiresAt: Date;
}

export interface TokenService {
  issue(claims: TokenClaims): Promise<string>;
  /** The claims of a valid token, or undefined when it is forged, expired or malformed. */
  verify(token: string): Promise<VerifiedToken | undefined>;
}

/**
 * HS256 tokens signed with JWT_SECRET or, when unset, with a random key generated once and kept
 * in the database, so restarts keep sessions and several API processes accept each other's.
 */
export function tokenService(db: Knex, configured = process.env.JWT_SECRET): TokenService {
  let key: Promise<Uint8Array> | undefined;
  const getKey = () => {
    key ??= (
      configured
        ? Promise.resolve(configured)
        : getOrCreateSecret(db, SECRET_NAME, () => randomBytes(32).toString('base64url'))
    ).then((s) => new TextEncoder().encode(s));
    // A failed read (database down) is retried on the next request instead of cached.
    key.catch(() => (key = undefined));
    return key;
  };
  return {
    async issue({ accountId, role, version }) {
      return new SignJWT({ role, ver: version })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(accountId)
        .setJti(randomBytes(16).toString('base64url'))
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(`${TOKEN_LIFETIME_SECONDS}s`)
        .sign(await getKey());
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, await getKey(), {
          algorithms: ['HS256'],
          issuer: ISSUER,
        });
        if (typeof payload.sub !== 'string' || typeof payload.role !== 'string') return undefined;
        const version = payload.ver ?? 0;
        if (!Number.isInteger(version)) return undefined;
        return {
          accountId: payload.sub,
          role: payload.role,
          version: version as number,
          ...(typeof payload.jti === 'string' ? { tokenId: payload.jti } : {}),
          expiresAt: new Date((payload.exp ?? 0) * 1000),
        };
      } catch (e) {
        if ((e as { code?: string }).code?.startsWith('ERR_J')) return undefined;
        throw e;
      }
    },
  };
}
