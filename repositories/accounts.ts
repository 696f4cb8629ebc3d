import type { Knex } from 'knex';

export interface Account {
  id: string;
  username: string;
  passwordHash: string;
  role: string;
  personId: string | null;
  enterpriseId: string | null;
  disabled: boolean;
  tokenVersion: number;
}

/** An account with the identifiers of its subject, as the auth middleware needs them. */
export interface AccountSubject {
  id: string;
  username: string;
  role: string;
  disabled: boolean;
  tokenVersion: number;
  personId: string | null;
  idNumber: string | null;
  enterpriseId: string | null;
  creditCode: string | null;
}

export interface NewAccount {
  username: string;
  passwordHash: string;
  role: string;
  personId?: string;
  enterpriseId?: string;
}

const ACCOUNT_COLUMNS = {
  id: 'id',
  username: 'username',
  passwordHash: 'password_hash',
  role: 'role',
  personId: 'person_id',
  enterpriseId: 'enterprise_id',
  disabled: 'disabled',
  tokenVersion: 'token_version',
};

export async function findAccountByUsername(
  db: Knex,
  username: string,
): Promise<Account | undefined> {
  return db('accounts').where({ username }).first(ACCOUNT_COLUMNS);
}

export async function findAccountByPersonId(
  db: Knex,
  personId: string,
): Promise<Account | undefined> {
  return db('accounts').where({ person_id: personId }).first(ACCOUNT_COLUMNS);
}

export async function findAccountSubject(
  db: Knex,
  accountId: string,
): Promise<AccountSubject | undefined> {
  return db('accounts as a')
    .leftJoin('persons as p', 'p.id', 'a.person_id')
    .leftJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .where('a.id', accountId)
    .first({
      id: 'a.id',
      username: 'a.username',
      role: 'a.role',
      disabled: 'a.disabled',
      tokenVersion: 'a.token_version',
      personId: 'a.person_id',
      idNumber: 'p.id_number',
      enterpriseId: 'a.enterprise_id',
      creditCode: 'e.credit_code',
    });
}

export async function insertAccount(db: Knex, account: NewAccount): Promise<string> {
  const [row] = await db('accounts')
    .insert({
      username: account.username,
      password_hash: account.passwordHash,
      role: account.role,
      person_id: account.personId ?? null,
      enterprise_id: account.enterpriseId ?? null,
    })
    .returning('id');
  return String(row.id);
}

export async function recordLogin(db: Knex, accountId: string): Promise<void> {
  await db('accounts').where({ id: accountId }).update({ last_login_at: db.fn.now() });
}

export async function findAccountById(db: Knex, id: string): Promise<Account | undefined> {
  return db('accounts').where({ id }).first(ACCOUNT_COLUMNS);
}

export async function findAccountByEnterpriseId(
  db: Knex,
  enterpriseId: string,
): Promise<Account | undefined> {
  return db('accounts').where({ enterprise_id: enterpriseId }).first(ACCOUNT_COLUMNS);
}

/** A new password; raises the token version, so earlier tokens stop working. */
export async function updatePassword(
  db: Knex,
  accountId: string,
  passwordHash: string,
): Promise<{ tokenVersion: number }> {
  const [row] = await db('accounts')
    .where({ id: accountId })
    .update({
      password_hash: passwordHash,
      password_changed_at: db.fn.now(),
      token_version: db.raw('token_version + 1'),
    })
    .returning('token_version');
  return { tokenVersion: row.token_version };
}

/** Disables or re-enables an account; false when it already was so. */
export async function setAccountDisabled(
  db: Knex,
  accountId: string,
  disabled: boolean,
  at: Date,
): Promise<boolean> {
  const n = await db('accounts')
    .where({ id: accountId, disabled: !disabled })
    .update({ disabled, disabled_at: disabled ? at : null });
  return n > 0;
}

export interface AccountListing {
  id: string;
  username: string;
  role: string;
  /** The person's or enterprise's name; null for staff. */
  name: string | null;
  disabled: boolean;
  disabledAt: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
}

/** Accounts in creation order, optionally of one role, at most `limit`. */
export async function listAccounts(
  db: Knex,
  filter: { role?: string; limit: number },
): Promise<AccountListing[]> {
  const q = db('accounts as a')
    .leftJoin('persons as p', 'p.id', 'a.person_id')
    .leftJoin('enterprises as e', 'e.id', 'a.enterprise_id')
    .orderBy('a.id')
    .limit(filter.limit)
    .select({
      id: 'a.id',
      username: 'a.username',
      role: 'a.role',
      name: db.raw('coalesce(p.name, e.name)'),
      disabled: 'a.disabled',
      disabledAt: 'a.disabled_at',
      lastLoginAt: 'a.last_login_at',
      createdAt: 'a.created_at',
    });
  if (filter.role) q.where('a.role', filter.role);
  return (await q).map((r: AccountListing) => ({ ...r, id: String(r.id) }));
}
