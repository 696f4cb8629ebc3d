/*
 * A certificate's state history (issue 8: "GET a certificate's history — every issuance,
 * number and state change"). Issuances and numbers are already kept (migrations 005, 006);
 * state changes were not. A trigger records every change of `certificates.state`, whoever
 * makes it (a worker, the daily work, an operator's SQL), so the history cannot miss one.
 */
import type { Knex } from 'knex';
import type { Migration } from '../db/migration-source';
import { runSql } from './sql';

const up = `
create table certificate_state_changes (
  id bigint generated always as identity primary key,
  certificate_id bigint not null references certificates on delete cascade,
  from_state text,
  to_state text not null,
  application_id bigint references applications on delete set null,
  at timestamptz not null default now()
);
comment on table certificate_state_changes is 'Every state a certificate entered (valid, abnormal, expired, cancelled), written by trigger.';
comment on column certificate_state_changes.from_state is 'Null for the first state at issue.';
comment on column certificate_state_changes.application_id is 'The application that held the certificate busy at the time, if any.';
create index certificate_state_changes_certificate_idx on certificate_state_changes (certificate_id, at);

create function certificates_record_state() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and new.state = old.state then
    return null;
  end if;
  insert into certificate_state_changes (certificate_id, from_state, to_state, application_id)
    values (new.id, case when tg_op = 'UPDATE' then old.state end, new.state,
            coalesce(new.busy_application_id, case when tg_op = 'UPDATE' then old.busy_application_id end));
  return null;
end $$;
comment on function certificates_record_state() is 'Keeps certificate_state_changes in step with certificates.state.';
create trigger certificates_record_state after insert or update of state on certificates
  for each row execute function certificates_record_state();

insert into certificate_state_changes (certificate_id, from_state, to_state, at)
  select id, null, state, created_at from certificates;
`;

const down = `
drop trigger certificates_record_state on certificates;
drop function certificates_record_state();
drop table certificate_state_changes;
`;

export const certificateHistory: Migration = {
  name: '019-certificate-history',
  up: (knex: Knex) => runSql(knex, up),
  down: (knex: Knex) => runSql(knex, down),
};
