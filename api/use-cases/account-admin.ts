/**
 * What the admin CLI does to existing accounts: list them, disable and re-enable them, reset
 * their passwords. Every change is audit-logged with the CLI as the actor.
 */
import type { Knex } from 'knex';
import {
  Account,
  AccountListing,
  listAccounts,
  setAccountDisabled,
} from '../../repositories/accounts';
import { recordAudit } from '../../repositories/audit-log';
import { AppError } from '../app-error';
import {
  ListUsersInput,
  ResetPasswordInput,
  UsernameInput,
  listUsersInput,
  resetPasswordInput,
  usernameInput,
} from '../schemas/passwords';
import { validate } from '../validation';
import { findAccountAsTyped } from './login';
import { resetPassword } from './passwords';

/** The CLI lists at most this many accounts at once; narrow with `--role`. */
export const LIST_LIMIT = 1000;

async function accountNamed(db: Knex, username: string): Promise<Account> {
  const account = await findAccountAsTyped(db, username);
  if (!account) throw new AppError(404, 'not-found', `账号不存在：${username}`);
  return account;
}

export async function listUsers(db: Knex, input: unknown): Promise<AccountListing[]> {
  const { role } = validate<ListUsersInput>(listUsersInput, input);
  return listAccounts(db, { role, limit: LIST_LIMIT });
}

/**
 * Disables (`disabled = true`) or re-enables an account. A disabled account cannot log in and
 * its tokens and API keys stop working at once; nothing else about it changes.
 */
export async function setUserDisabled(
  db: Knex,
  input: unknown,
  disabled: boolean,
  actor = 'admin-cli',
): Promise<{ username: string; changed: boolean }> {
  const { username } = validate<UsernameInput>(usernameInput, input);
  const account = await accountNamed(db, username);
  const changed = await db.transaction(async (trx) => {
    const done = await setAccountDisabled(trx, account.id, disabled, new Date());
    if (done)
      await recordAudit(trx, {
        actorAccountId: null,
        actor,
        action: disabled ? 'account.disable' : 'account.enable',
        subjectType: 'account',
        subjectId: account.id,
        details: { username: account.username },
      });
    return done;
  });
  return { username: account.username, changed };
}

/** Sets `password`, or a generated one, on any account; answers the password once. */
export async function resetUserPassword(
  db: Knex,
  input: unknown,
  actor = 'admin-cli',
): Promise<{ username: string; temporaryPassword: string }> {
  const { username, password } = validate<ResetPasswordInput>(resetPasswordInput, input);
  const account = await accountNamed(db, username);
  return resetPassword(db, account, { accountId: null, username: actor }, password);
}
