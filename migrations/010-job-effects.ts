/*
 * Job effects: what a job handler did, keyed by its job, so a retried job (the worker crashed
 * after writing but before completing the job) returns the same outcome instead of acting twice.
 * A worker writes its row in the same transaction as its effects.
 */
import type { Knex } from 'knex';
import type { Migration } from '../db/migration-source';
import { runSql } from './sql';

const up = `
create table job_effects (
  job_key text primary key,
  job_type text not null,
  result jsonb not null,
  at timestamptz not null default now(),
  constraint job_effects_job_key_format check (job_key ~ '^[0-9]+$')
);
comment on table job_effects is 'Job-level idempotency: the outcome a job produced, returned again on retry.';
comment on column job_effects.job_key is 'Engine job key (int64 as decimal text).';
comment on column job_effects.job_type is 'zeebe:taskDefinition type of the job, e.g. certificate-issue.';
comment on column job_effects.result is 'Variables the job completed with.';
`;

const down = `
drop table job_effects;
`;

export const jobEffects: Migration = {
  name: '010-job-effects',
  up: (knex: Knex) => runSql(knex, up),
  down: (knex: Knex) => runSql(knex, down),
};
