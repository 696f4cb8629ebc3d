import type { Knex } from 'knex';
import type { EngineMigration as Migration } from './migration';

/**
 * The NOTIFY triggers fire on every job and instance update of the hot path; a WHEN clause
 * keeps PostgreSQL from even calling them unless there is something to announce.
 */
export const notifyWhen: Migration = {
  name: '003-notify-when',
  async up(knex: Knex) {
    await knex.raw(`
drop trigger engine_jobs_notify on engine_jobs;
create trigger engine_jobs_notify after insert or update of state on engine_jobs
  for each row when (new.state = 'ACTIVATABLE') execute function engine_notify_job();
drop trigger engine_instances_notify on engine_process_instances;
create trigger engine_instances_notify after update of state on engine_process_instances
  for each row when (new.state <> 'ACTIVE' and old.state = 'ACTIVE')
  execute function engine_notify_instance();`);
  },
  async down(knex: Knex) {
    await knex.raw(`
drop trigger engine_jobs_notify on engine_jobs;
create trigger engine_jobs_notify after insert or update of state on engine_jobs
  for each row execute function engine_notify_job();
drop trigger engine_instances_notify on engine_process_instances;
create trigger engine_instances_notify after update of state on engine_process_instances
  for each row execute function engine_notify_instance();`);
  },
};
