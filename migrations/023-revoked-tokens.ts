/*
 * Signed-out sessions (issue 10, second slice): sign-out ends the session on the server.
 *
 * Decisions:
 * - An access token carries an id (`jti`); signing out records it here until the token would
 *   have expired anyway, and every request with a token looks its id up (a primary-key read,
 *   beside the account read each request already does). Rows past `expires_at` are useless and
 *   are deleted by the next sign-out.
 * - Ending every session of an account stays `accounts.token_version` (a password change).
 */
import type { Knex } from 'knex';
import type { Migration } from '../db/migration-source';
import { runSql } from './sql';

const up = `
create table revoked_tokens (
  token_id text primary key,
  account_id bigint not null references accounts on delete cascade,
  expires_at timestamptz not null,
  revoked_at timestamptz not null default now()
);
comment on table revoked_tokens is 'Access tokens ended by sign-out (jti), kept until they would have expired.';
create index revoked_tokens_expires_idx on revoked_tokens (expires_at);
`;

const down = `drop table revoked_tokens;`;

export const revokedTokens: Migration = {
  name: '023-revoked-tokens',
  up: (knex: Knex) => runSql(knex, up),
  down: (knex: Knex) => runSql(knex, down),
};
