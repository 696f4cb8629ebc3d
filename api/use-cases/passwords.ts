/**
 * Passwords after registration: a user changes their own with the current one; staff reset a
 * person's or an enterprise's to a temporary one (the admin CLI resets any account). Either way
 * every session opened before ends (`accounts.token_version`, checked by `authenticate`).
 */
import type { Knex } from 'knex';
import {
  Account,
  findAccountByEnterpriseId,
  findAccountById,
  findAccountByPersonId,
  updatePassword,
} from '../../repositories/accounts';
import { recordAudit } from '../../repositories/audit-log';
import { clearLoginFailures, recordLoginFailure } from '../../repositories/login-failures';
import { AppError } from '../app-error';
import { LOGIN_THROTTLE, throttleKey } from '../auth/login-throttle';
import { generatePassword, hashPassword, verifyPassword } from '../auth/passwords';
import { notFound } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { TOKEN_LIFETIME_SECONDS } from '../auth/tokens';
import type { ChangePasswordBody } from '../schemas/passwords';
import type { UseCaseContext } from './context';
import { throttled, waitFor } from './login';

/** Who changes a password, as the audit log records it. */
export interface PasswordActor {
  accountId: string | null;
  username: string;
}

/**
 * POST /api/auth/password. Wrong current passwords count as failed logins of the account, so a
 * stolen session cannot guess its way to the password. Answers a fresh token: the one the
 * request came with ended with the change.
 */
export async function changeOwnPassword(
  ctx: UseCaseContext,
  principal: Principal,
  body: ChangePasswordBody,
  address: string,
) {
  const account = await findAccountById(ctx.db, principal.accountId);
  if (!account) throw notFound('账号');
  const key = { username: throttleKey(account.username), address };
  const now = await ctx.now();
  const wait = await waitFor(ctx, key, LOGIN_THROTTLE, now);
  if (wait > 0) throw throttled(wait);
  if (!(await verifyPassword(body.currentPassword, account.passwordHash))) {
    await recordLoginFailure(ctx.db, { ...key, at: now });
    throw new AppError(403, 'wrong-password', '当前密码不正确', [
      { field: 'currentPassword', code: 'wrong-password', message: '当前密码不正确' },
    ]);
  }
  if (body.newPassword === body.currentPassword)
    throw new AppError(400, 'validation-failed', '请求内容有误：新密码不能与当前密码相同', [
      { field: 'newPassword', code: 'password-unchanged', message: '新密码不能与当前密码相同' },
    ]);
  const { tokenVersion } = await setPassword(ctx.db, account, body.newPassword, {
    action: 'account.password-change',
    actor: { accountId: account.id, username: account.username },
  });
  return {
    accessToken: await ctx.tokens.issue({
      accountId: account.id,
      role: account.role,
      version: tokenVersion,
    }),
    tokenType: 'Bearer',
    expiresIn: TOKEN_LIFETIME_SECONDS,
    role: account.role,
  };
}

async function setPassword(
  db: Knex,
  account: Account,
  password: string,
  audit: { action: string; actor: PasswordActor; details?: Record<string, unknown> },
): Promise<{ tokenVersion: number }> {
  const hash = await hashPassword(password);
  return db.transaction(async (trx) => {
    const updated = await updatePassword(trx, account.id, hash);
    // A new password starts with a clean slate: its owner may log in at once.
    await clearLoginFailures(trx, throttleKey(account.username));
    await recordAudit(trx, {
      actorAccountId: audit.actor.accountId,
      actor: audit.actor.username,
      action: audit.action,
      subjectType: 'account',
      subjectId: account.id,
      details: { username: account.username, ...audit.details },
    });
    return updated;
  });
}

/**
 * Sets a new password on behalf of the account's owner: `password`, or a generated one. The
 * password is answered once and never logged or stored in clear.
 */
export async function resetPassword(
  db: Knex,
  account: Account,
  actor: PasswordActor,
  password?: string,
): Promise<{ username: string; temporaryPassword: string }> {
  const temporaryPassword = password ?? generatePassword();
  await setPassword(db, account, temporaryPassword, {
    action: 'account.password-reset',
    actor,
    details: { generated: password === undefined },
  });
  return { username: account.username, temporaryPassword };
}

/** POST /api/persons/{id}/password-reset (staff). */
export async function resetPersonPassword(
  ctx: UseCaseContext,
  principal: Principal,
  personId: string,
) {
  const account = await findAccountByPersonId(ctx.db, personId);
  if (!account) throw notFound('该从业人员的账号');
  return resetPassword(ctx.db, account, actorOf(principal));
}

/** POST /api/enterprises/{id}/password-reset (staff). */
export async function resetEnterprisePassword(
  ctx: UseCaseContext,
  principal: Principal,
  enterpriseId: string,
) {
  const account = await findAccountByEnterpriseId(ctx.db, enterpriseId);
  if (!account) throw notFound('该企业的账号');
  return resetPassword(ctx.db, account, actorOf(principal));
}

const actorOf = (p: Principal): PasswordActor => ({
  accountId: p.accountId,
  username: p.username,
});
