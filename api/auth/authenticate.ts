import type { RequestHandler } from 'express';
import type { Knex } from 'knex';
import { findAccountSubject } from '../../repositories/accounts';
import { useApiKey } from '../../repositories/api-keys';
import { isTokenRevoked } from '../../repositories/revoked-tokens';
import { AppError } from '../app-error';
import { hashApiKey } from './api-key-secret';
import { Principal, Role, setPrincipal } from './principal';
import type { TokenService } from './tokens';

function credentials(
  authorization: string | undefined,
  apiKeyHeader: string | undefined,
): { kind: 'token' | 'api-key'; value: string } | undefined {
  if (apiKeyHeader) return { kind: 'api-key', value: apiKeyHeader.trim() };
  if (!authorization) return undefined;
  const [scheme, value] = authorization.trim().split(/\s+/, 2);
  if (/^bearer$/i.test(scheme) && value) return { kind: 'token', value };
  if (/^apikey$/i.test(scheme) && value) return { kind: 'api-key', value };
  throw new AppError(
    401,
    'invalid-credentials-scheme',
    'Authorization 请求头格式不正确：应为“Bearer <令牌>”或“ApiKey <密钥>”',
  );
}

const invalidToken = () => new AppError(401, 'invalid-token', '访问令牌无效或已过期，请重新登录');

/**
 * Establishes the principal of a request from `Authorization: Bearer <JWT>`, or an enterprise
 * API key in `X-Api-Key` / `Authorization: ApiKey <key>`. Anonymous requests pass through;
 * `authorize` decides whether a route needs a principal. Presented but bad credentials are a
 * 401 at once, so a client never mistakes them for anonymous access. The account is read on
 * every request, so a disabled account loses access (tokens and API keys) before its token
 * expires, a changed password ends the sessions opened before it, and a signed-out token
 * (revoked_tokens, migration 023) is refused.
 */
export function authenticate(db: Knex, tokens: TokenService): RequestHandler {
  return async (req, _res, next) => {
    const given = credentials(req.headers.authorization, req.get('x-api-key'));
    if (!given) return next();
    let accountId: string;
    let apiKeyId: string | undefined;
    let version: number | undefined;
    let token: Principal['token'];
    if (given.kind === 'token') {
      const claims = await tokens.verify(given.value);
      if (!claims) throw invalidToken();
      ({ accountId, version } = claims);
      if (claims.tokenId) token = { id: claims.tokenId, expiresAt: claims.expiresAt };
    } else {
      const found = await useApiKey(db, hashApiKey(given.value));
      if (!found) throw new AppError(401, 'invalid-api-key', 'API 密钥无效或已被吊销');
      ({ accountId, apiKeyId } = found);
    }
    // A signed-out token is looked up beside the account (one primary-key read, in parallel).
    const [account, revoked] = await Promise.all([
      findAccountSubject(db, accountId),
      token ? isTokenRevoked(db, token.id) : false,
    ]);
    if (!account || account.disabled || revoked) throw invalidToken();
    // A token from before the last password change or reset belongs to an ended session.
    if (given.kind === 'token' && version !== account.tokenVersion) throw invalidToken();
    const principal: Principal = {
      accountId: String(account.id),
      role: account.role as Role,
      username: account.username,
      via: given.kind,
      ...(apiKeyId ? { apiKeyId } : {}),
      ...(token ? { token } : {}),
      ...(account.personId ? { personId: String(account.personId) } : {}),
      ...(account.idNumber ? { idNumber: account.idNumber } : {}),
      ...(account.enterpriseId ? { enterpriseId: String(account.enterpriseId) } : {}),
      ...(account.creditCode ? { creditCode: account.creditCode } : {}),
    };
    setPrincipal(req, principal);
    next();
  };
}
