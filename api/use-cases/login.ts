import type { Knex } from 'knex';
import { findAccountByUsername, recordLogin } from '../../repositories/accounts';
import {
  clearLoginFailures,
  recentLoginFailures,
  recordLoginFailure,
} from '../../repositories/login-failures';
import { AppError } from '../app-error';
import {
  LOGIN_THROTTLE,
  ThrottlePolicy,
  lookback,
  throttleKey,
  throttledFor,
} from '../auth/login-throttle';
import { dummyHash, verifyPassword } from '../auth/passwords';
import { TOKEN_LIFETIME_SECONDS } from '../auth/tokens';
import type { UseCaseContext } from './context';

/**
 * Usernames as people type them: ID numbers and credit codes are stored uppercase (a trailing
 * x, lowercase letters); staff usernames are lowercase. Exact match first, then uppercase.
 */
function candidates(username: string): string[] {
  const u = username.trim();
  return u === u.toUpperCase() ? [u] : [u, u.toUpperCase()];
}

/** The account a typed username names (exact, then uppercase), if any. */
export async function findAccountAsTyped(db: Knex, username: string) {
  for (const c of candidates(username)) {
    const account = await findAccountByUsername(db, c);
    if (account) return account;
  }
  return undefined;
}

/** 429 with the wait in whole minutes; the route copies `retryAfterSeconds` to Retry-After. */
export function throttled(ms: number): AppError {
  const seconds = Math.ceil(ms / 1000);
  return new AppError(
    429,
    'login-throttled',
    `登录失败次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试`,
    [],
    { retryAfterSeconds: seconds },
  );
}

/** How long this username and address must wait before another try; 0 = not throttled. */
export async function waitFor(
  ctx: UseCaseContext,
  key: { username: string; address: string },
  policy: ThrottlePolicy,
  now: Date,
): Promise<number> {
  const failures = await recentLoginFailures(ctx.db, key, {
    username: {
      since: new Date(now.getTime() - lookback(policy.username)),
      limit: policy.username.limit,
    },
    address: {
      since: new Date(now.getTime() - lookback(policy.address)),
      limit: policy.address.limit,
    },
  });
  return throttledFor(failures, policy, now);
}

/**
 * POST /api/auth/token: one answer for unknown user and wrong password, in the same time.
 * A username or address with too many recent failures is refused with 429 before the password
 * is looked at, unknown usernames alike, so the lock tells nothing about which accounts exist.
 */
export async function login(
  ctx: UseCaseContext,
  username: string,
  password: string,
  address: string,
) {
  const policy = LOGIN_THROTTLE;
  const key = { username: throttleKey(username), address };
  const now = await ctx.now();
  const wait = await waitFor(ctx, key, policy, now);
  if (wait > 0) throw throttled(wait);
  const account = await findAccountAsTyped(ctx.db, username);
  const ok = await verifyPassword(password, account?.passwordHash ?? (await dummyHash()));
  if (!account || !ok) {
    await recordLoginFailure(ctx.db, { ...key, at: now });
    // The attempt that reaches the limit already says how long to wait.
    const locked = await waitFor(ctx, key, policy, now);
    if (locked > 0) throw throttled(locked);
    throw new AppError(401, 'invalid-credentials', '用户名或密码错误');
  }
  // Only someone who knows the password learns that the account is disabled.
  if (account.disabled)
    throw new AppError(403, 'account-disabled', '该账号已被停用，如有疑问请联系主管部门');
  await clearLoginFailures(ctx.db, key.username);
  await recordLogin(ctx.db, account.id);
  const accessToken = await ctx.tokens.issue({
    accountId: account.id,
    role: account.role,
    version: account.tokenVersion,
  });
  return {
    accessToken,
    tokenType: 'Bearer',
    expiresIn: TOKEN_LIFETIME_SECONDS,
    role: account.role,
  };
}
