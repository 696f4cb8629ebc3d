import type { Knex } from 'knex';
import type { EngineMigration as Migration } from './migration';

/**
 * Optimistic concurrency for hot commands: every command that changes an instance bumps `rev`
 * in its write statement and checks it still has the revision it read; `engine_check_revisions`
 * aborts that statement (and so every change in it) when another command came first.
 */
export const optimisticRevision: Migration = {
  name: '002-optimistic-revision',
  async up(knex: Knex) {
    await knex.raw(`
alter table engine_process_instances add column rev bigint not null default 0;
create function engine_check_revisions(matched bigint, expected bigint) returns int
language plpgsql as $$
begin
  if matched <> expected then
    raise exception 'engine_conflict: process instance changed concurrently' using errcode = 'EC001';
  end if;
  return 1;
end $$;`);
  },
  async down(knex: Knex) {
    await knex.raw(`
drop function if exists engine_check_revisions;
alter table engine_process_instances drop column if exists rev;`);
  },
};
