/*
 * Application secrets generated at first use, e.g. the JWT signing key when JWT_SECRET is unset.
 *
 * Decisions:
 * - Kept in the database, not a file: a restart keeps sessions valid and every API process
 *   signs and verifies with the same key. The first process to insert wins (primary key).
 */
import type { Knex } from 'knex';
import type { Migration } from '../db/migration-source';
import { runSql } from './sql';

const up = `
create table app_secrets (
  name text primary key,
  value text not null,
  created_at timestamptz not null default now(),
  constraint app_secrets_value_not_blank check (btrim(value) <> '')
);
comment on table app_secrets is 'Secrets generated once by the application (e.g. jwt-signing-key).';
`;

const down = `
drop table app_secrets;
`;

export const appSecrets: Migration = {
  name: '011-app-secrets',
  up: (knex: Knex) => runSql(knex, up),
  down: (knex: Knex) => runSql(knex, down),
};
