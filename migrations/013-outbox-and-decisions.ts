/*
 * What makes a decision or a process start survive a crash (issue 7, items 3 and 4):
 *
 * - `outbox`: engine commands owed for committed rows — a process start for an application,
 *   a message to publish. Written in the transaction that makes them owed, drained by the
 *   program at start and while it runs; a lease keeps two drainers (or the API request that
 *   wrote the row) from sending one command twice.
 * - `application_events.task_key` / `pending`: a user's decision is written once per user task
 *   (unique), pending until the engine has completed the task; a pending entry whose task is
 *   still open after a crash is taken back by the drainer.
 * - `employments.consented_at`: a person's consent reserves them — at most one proposal
 *   consented or one employment active per person, so two concurrent consents cannot both
 *   succeed and the loser is refused at once instead of failing later in a job.
 */
import type { Knex } from 'knex';
import type { Migration } from '../db/migration-source';
import { runSql } from './sql';

const up = `
create table outbox (
  id bigint generated always as identity primary key,
  kind text not null,
  application_id bigint references applications on delete cascade,
  payload jsonb not null,
  lease_until timestamptz not null default now(),
  attempts integer not null default 0,
  last_error text,
  created_at timestamptz not null default now(),
  constraint outbox_kind_check check (kind in ('start-process', 'publish-message'))
);
comment on table outbox is 'Engine commands owed for committed rows; drained at start and while running.';
comment on column outbox.payload is 'start-process: {processId, variables}; publish-message: {name, correlationKey, messageId, variables}.';
comment on column outbox.lease_until is 'Nobody else sends this command before then (the writer or a drainer holds it).';
create unique index outbox_one_start_per_application on outbox (application_id)
  where kind = 'start-process';
create index outbox_lease_idx on outbox (lease_until);

alter table application_events add column task_key text;
alter table application_events add column pending boolean not null default false;
alter table application_events add constraint application_events_task_key_format
  check (task_key ~ '^[0-9]+$');
create unique index application_events_one_decision_per_task on application_events (task_key)
  where task_key is not null;
create index application_events_pending_idx on application_events (at) where pending;
comment on column application_events.task_key is 'The user task a decision completed: one entry per task.';
comment on column application_events.pending is 'Written, but the engine has not yet confirmed the task completion.';

alter table employments add column consented_at timestamptz;
comment on column employments.consented_at is 'When the person consented; the proposal is then theirs until activated or taken back.';
create unique index employments_one_commitment_per_person on employments (person_id)
  where state = 'active' or (state = 'proposed' and consented_at is not null);
`;

const down = `
drop index employments_one_commitment_per_person;
alter table employments drop column consented_at;
drop index application_events_pending_idx;
drop index application_events_one_decision_per_task;
alter table application_events drop constraint application_events_task_key_format;
alter table application_events drop column pending;
alter table application_events drop column task_key;
drop table outbox;
`;

export const outboxAndDecisions: Migration = {
  name: '013-outbox-and-decisions',
  up: (knex: Knex) => runSql(knex, up),
  down: (knex: Knex) => runSql(knex, down),
};
