/*
 * The certificate's life after issue (issue 8): applications that end by withdrawal or by an
 * operator's cancellation, and the busy lock (SPEC §5.5) released by the database itself.
 *
 * Decisions:
 * - Two more ending states: `withdrawn` (撤回 by the applicant, SPEC §7.8) and `cancelled`
 *   (已撤销: the process instance was cancelled by an operator, or an incident was resolved by
 *   cancelling). Both stamp `completed_at` like the other endings.
 * - The busy lock is `certificates.busy_application_id` (one column: one application at a
 *   time). It is taken by a conditional update (`where busy_application_id is null`), so of
 *   concurrent requests exactly one wins; it is released by a trigger the moment the holding
 *   application ends, whatever ended it — no code path can forget to release it.
 * - The outbox can also owe the cancellation of a process instance (a withdrawal commits its
 *   state and timeline first, the engine is told afterwards, at least once).
 */
import type { Knex } from 'knex';
import type { Migration } from '../db/migration-source';
import { runSql } from './sql';

const up = `
alter table applications drop constraint applications_state_check;
alter table applications add constraint applications_state_check check (state in (
  'submitted', 'awaiting-enterprise', 'awaiting-review', 'approved', 'rejected', 'lapsed',
  'completed', 'withdrawn', 'cancelled'));
alter table applications drop constraint applications_completed_iff_ended;
alter table applications add constraint applications_completed_iff_ended check (
  (completed_at is not null) = (state in ('rejected', 'lapsed', 'completed', 'withdrawn', 'cancelled')));

create function applications_release_certificates() returns trigger language plpgsql as $$
begin
  if new.completed_at is not null and old.completed_at is null then
    update certificates set busy_application_id = null where busy_application_id = new.id;
  end if;
  return null;
end $$;
comment on function applications_release_certificates() is 'Releases the busy lock (SPEC §5.5) of every certificate an application held, when it ends.';
create trigger applications_release_certificates after update of completed_at on applications
  for each row execute function applications_release_certificates();

alter table outbox drop constraint outbox_kind_check;
alter table outbox add constraint outbox_kind_check check (
  kind in ('start-process', 'publish-message', 'cancel-instance'));
`;

const down = `
alter table outbox drop constraint outbox_kind_check;
alter table outbox add constraint outbox_kind_check check (kind in ('start-process', 'publish-message'));
drop trigger applications_release_certificates on applications;
drop function applications_release_certificates();
alter table applications drop constraint applications_completed_iff_ended;
alter table applications add constraint applications_completed_iff_ended check (
  (completed_at is not null) = (state in ('rejected', 'lapsed', 'completed')));
alter table applications drop constraint applications_state_check;
alter table applications add constraint applications_state_check check (state in (
  'submitted', 'awaiting-enterprise', 'awaiting-review', 'approved', 'rejected', 'lapsed',
  'completed'));
`;

export const certificateBusiness: Migration = {
  name: '014-certificate-business',
  up: (knex: Knex) => runSql(knex, up),
  down: (knex: Knex) => runSql(knex, down),
};
