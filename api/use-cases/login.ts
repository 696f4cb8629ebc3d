import { findAccountByUsername, recordLogin } from '../../repositories/accounts';
import { AppError } from '../app-error';
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

/** POST /api/auth/token: one answer for unknown user and wrong password, in the same time. */
export async function login(ctx: UseCaseContext, username: string, password: string) {
  let account;
  for (const c of candidates(username)) {
    account = await findAccountByUsername(ctx.db, c);
    if (account) break;
  }
  const ok = await verifyPassword(password, account?.passwordHash ?? (await dummyHash()));
  if (!account || !ok || account.disabled)
    throw new AppError(401, 'invalid-credentials', '用户名或密码错误');
  await recordLogin(ctx.db, account.id);
  const accessToken = await ctx.tokens.issue({ accountId: account.id, role: account.role });
  return {
    accessToken,
    tokenType: 'Bearer',
    expiresIn: TOKEN_LIFETIME_SECONDS,
    role: account.role,
  };
}
