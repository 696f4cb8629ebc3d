import type { Knex } from 'knex';
import type { EngineMigration as Migration } from './migration';

/**
 * Fairness: keys are reserved in blocks per engine process, so a later job can have a lower
 * key. A job takes its place in line (`ready_seq`) from a sequence when its row is inserted
 * — the column default, so the insert itself takes the number, no extra round trip — and
 * activation goes by it. A job made activatable again (failed with retries, timed out, incident
 * resolved) keeps its place, as in Zeebe, which hands out a type's jobs in key order.
 * User tasks get `creation_seq` the same way: the tie-break of every user-task search and its
 * default order. Existing rows are numbered in key order.
 */
export const readyOrder: Migration = {
  name: '004-ready-order',
  async up(knex: Knex) {
    await knex.raw(`
create sequence engine_job_ready_seq;
alter table engine_jobs add column ready_seq bigint;
update engine_jobs j set ready_seq = o.n
  from (select key, row_number() over (order by key) as n from engine_jobs) o where j.key = o.key;
select setval('engine_job_ready_seq', coalesce((select max(ready_seq) from engine_jobs), 0) + 1, false);
alter table engine_jobs alter column ready_seq set default nextval('engine_job_ready_seq'),
  alter column ready_seq set not null;
alter sequence engine_job_ready_seq owned by engine_jobs.ready_seq;
create index engine_jobs_ready on engine_jobs (type, ready_seq)
  where state in ('ACTIVATABLE', 'ACTIVATED');
drop index engine_jobs_activatable;

create sequence engine_user_task_creation_seq;
alter table engine_user_tasks add column creation_seq bigint;
update engine_user_tasks t set creation_seq = o.n
  from (select key, row_number() over (order by creation_date, key) as n from engine_user_tasks) o
 where t.key = o.key;
select setval('engine_user_task_creation_seq',
  coalesce((select max(creation_seq) from engine_user_tasks), 0) + 1, false);
alter table engine_user_tasks
  alter column creation_seq set default nextval('engine_user_task_creation_seq'),
  alter column creation_seq set not null;
alter sequence engine_user_task_creation_seq owned by engine_user_tasks.creation_seq;
create unique index engine_user_tasks_creation on engine_user_tasks (creation_seq);`);
  },
  async down(knex: Knex) {
    await knex.raw(`
create index engine_jobs_activatable on engine_jobs (type, key)
  where state in ('ACTIVATABLE', 'ACTIVATED');
alter table engine_jobs drop column ready_seq;
alter table engine_user_tasks drop column creation_seq;`);
  },
};
