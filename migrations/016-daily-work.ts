/*
 * The business clock and the daily work (issue 8, items 5 and 6; SPEC §5.4, §7.5).
 *
 * Decisions:
 * - `business_clock`: the application's own "now", one row. Null = system time; a pinned
 *   instant is set (through the operator API, only where BUSINESS_CLOCK_CONTROLLED=true)
 *   together with the engine's clock, so the workers, the API and the scheduler never read the
 *   engine's tables to learn the time and run unchanged against Camunda 8.
 * - `daily_work_items`: one row per (kind, certificate, due date) the daily work did, written
 *   in the same transaction as its effect (the expiry, the reminder messages, the owed start of
 *   the auto-review instance). The primary key makes every kind idempotent per certificate and
 *   deadline whatever crashes or reruns happen: a rerun finds the row and does nothing.
 */
import type { Knex } from 'knex';
import type { Migration } from '../db/migration-source';
import { runSql } from './sql';

const up = `
create table business_clock (
  id smallint primary key default 1,
  pinned_at timestamptz,
  constraint business_clock_one_row check (id = 1)
);
comment on table business_clock is 'The business clock (业务时钟): null = system time, else the pinned instant (tests, controlled environments).';
insert into business_clock (id, pinned_at) values (1, null);

create table daily_work_items (
  kind text not null,
  certificate_id bigint not null references certificates on delete restrict,
  due_date date not null,
  application_id bigint references applications on delete set null,
  done_at timestamptz not null default now(),
  primary key (kind, certificate_id, due_date),
  constraint daily_work_items_kind_check check (
    kind in ('auto-review', 'expiry', 'ce-reminder', 'expiry-reminder'))
);
comment on table daily_work_items is 'What the daily work did, once per kind, certificate and due date (SPEC §7.5).';
comment on column daily_work_items.due_date is 'The deadline it is about: the CE deadline (auto-review, ce-reminder) or the validity end (expiry, expiry-reminder).';
comment on column daily_work_items.application_id is 'The auto-review application it started.';
create index daily_work_items_certificate_idx on daily_work_items (certificate_id);
`;

const down = `
drop table daily_work_items;
drop table business_clock;
`;

export const dailyWork: Migration = {
  name: '016-daily-work',
  up: (knex: Knex) => runSql(knex, up),
  down: (knex: Knex) => runSql(knex, down),
};
