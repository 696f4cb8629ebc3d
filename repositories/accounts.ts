import type { Knex } from 'knex';

export interface Account {
  id: string;
  username: string;
  passwordHash: string;
  role: string;
  personId: string | null;
  enterpriseId: string | null;
  disabled: boolean;
}

/** An account with the identifiers of its subject, as the auth middleware needs them. */
export interface AccountSubject {
  id: string;
  username: string;
  role: string;
  disabled: boolean;
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

export async function updatePasswordHash(
  db: Knex,
  username: string,
  passwordHash: string,
): Promise<boolean> {
  const n = await db('accounts').where({ username }).update({ password_hash: passwordHash });
  return n > 0;
}
