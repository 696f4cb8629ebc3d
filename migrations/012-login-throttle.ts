/*
 * Login throttling and password lifecycle (issue 7).
 *
 * Decisions:
 * - Failed logins are an append-only log (`login_failures`), one row per failure with the
 *   username as typed (trimmed, uppercased) and the client address, so several API processes
 *   on one database count together and concurrent failures never lose an update. A lock is
 *   derived from the rows of the window, not stored; rows older than a day are pruned.
 * - Unknown usernames are counted like known ones, so a lock does not reveal which exist.
 * - `accounts.token_version` is carried in every access token (claim `ver`, absent = 0) and
 *   raised by each password change or reset, so those end every session opened before; a
 *   counter, not a time, so tokens issued within the same second are told apart.
 *   `password_changed_at` records when it last happened.
 * - The existing `accounts.disabled` flag stays the switch; `disabled_at` records when it was
 *   last turned on (for the admin CLI's list) and is null exactly when the account is enabled.
 */
import type { Knex } from 'knex';
import type { Migration } from '../db/migration-source';
import { runSql } from './sql';

const up = `
create table login_failures (
  id bigint generated always as identity primary key,
  username text not null,
  address text not null,
  failed_at timestamptz not null default now()
);
comment on table login_failures is 'Failed login attempts, counted per username and per client address to throttle password guessing.';
comment on column login_failures.username is 'The username as typed, trimmed and uppercased (unknown usernames too).';
comment on column login_failures.address is 'Client address as Express reports it (req.ip).';
create index login_failures_username_idx on login_failures (username, failed_at);
create index login_failures_address_idx on login_failures (address, failed_at);
create index login_failures_failed_at_idx on login_failures (failed_at);

alter table accounts add column password_changed_at timestamptz;
alter table accounts add column token_version integer not null default 0;
alter table accounts add column disabled_at timestamptz;
update accounts set disabled_at = updated_at where disabled;
alter table accounts add constraint accounts_disabled_at_iff_disabled check (
  disabled = (disabled_at is not null));
comment on column accounts.password_changed_at is 'Last password change or reset.';
comment on column accounts.token_version is 'Raised by every password change or reset; access tokens carrying an older version are refused.';
comment on column accounts.disabled_at is 'When the account was disabled; null while it is enabled.';
`;

const down = `
alter table accounts drop constraint accounts_disabled_at_iff_disabled;
alter table accounts drop column disabled_at;
alter table accounts drop column token_version;
alter table accounts drop column password_changed_at;
drop table login_failures;
`;

export const loginThrottle: Migration = {
  name: '012-login-throttle',
  up: (knex: Knex) => runSql(knex, up),
  down: (knex: Knex) => runSql(knex, down),
};
