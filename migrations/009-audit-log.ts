/*
 * The audit log: who did what to which subject, append-only.
 *
 * Decisions:
 * - The actor is kept as text too, so an entry still reads right after an account is removed;
 *   the subject is (type, id) text, not a foreign key, so any table (and the engine's) can be
 *   named and entries outlive their subjects.
 */
import type { Knex } from 'knex';
import type { Migration } from '../db/migration-source';
import { runSql } from './sql';

const up = `
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_account_id bigint references accounts on delete set null,
  actor text not null,
  action text not null,
  subject_type text,
  subject_id text,
  details jsonb not null default '{}',
  constraint audit_log_subject_complete check ((subject_type is null) = (subject_id is null))
);
comment on table audit_log is 'Append-only record of actions by people and the system.';
comment on column audit_log.actor is 'Username, or "system" for scheduled jobs and workers.';
comment on column audit_log.action is 'Stable action code, e.g. certificate.reissue.';
comment on column audit_log.subject_type is 'Table or concept of the subject, e.g. certificate.';
create index audit_log_subject_idx on audit_log (subject_type, subject_id, at);
create index audit_log_actor_idx on audit_log (actor_account_id, at);
create index audit_log_at_idx on audit_log (at);
`;

const down = `
drop table audit_log;
`;

export const auditLog: Migration = {
  name: '009-audit-log',
  up: (knex: Knex) => runSql(knex, up),
  down: (knex: Knex) => runSql(knex, down),
};
