/*
 * The open user tasks of the engine, kept in step in our own database (issue 10, second slice),
 * so the Tasklist filters, sorts and pages in one SQL query joined with the applications
 * instead of reading the whole open queue from the engine on every request.
 *
 * Decisions:
 * - `task_queue` is a copy, never the truth: the engine owns the tasks. Rows are added and
 *   removed by a delta read of the engine (tasks created, and tasks ended, since the last
 *   read — `task_queue_sync.synced_to`) before every list; a page shown is read again from
 *   the engine by key, so a claim or an end the copy has not seen yet is never shown stale.
 * - An ended task keeps its row for a while with `ended_at` set: two reads racing (one saw
 *   the task open, the other saw it end) meet on the primary key, and the open one's insert
 *   does nothing, so an ended task never comes back.
 * - The due date and the first 预警 day are computed once, when the row is written (they
 *   depend only on the task's creation date and its actor's limit), so the 预警 and 超期
 *   filters are plain date comparisons with "today".
 * - Candidate groups as text[] with a GIN index: the caller's groups are an overlap (&&).
 */
import type { Knex } from 'knex';
import type { Migration } from '../db/migration-source';
import { runSql } from './sql';

const up = `
create table task_queue (
  task_key text primary key,
  process_instance_key text not null,
  process_id text not null,
  element_id text not null,
  candidate_groups text[] not null,
  created_at timestamptz not null,
  limit_days integer,
  due_date date,
  warn_from date,
  ended_at timestamptz,
  constraint task_queue_task_key_format check (task_key ~ '^[0-9]+$'),
  constraint task_queue_due_complete check ((limit_days is null) = (due_date is null)
    and (due_date is null) = (warn_from is null))
);
comment on table task_queue is 'Open engine user tasks, copied for the Tasklist (the engine owns them); see task_queue_sync.';
comment on column task_queue.ended_at is 'Set when the engine reported the task ended: a mark, so a slower concurrent read cannot bring it back; dropped later.';
comment on column task_queue.warn_from is 'First day the task is 预警 (at most 3 working days left).';
create index task_queue_groups_idx on task_queue using gin (candidate_groups) where ended_at is null;
create index task_queue_ended_idx on task_queue (ended_at) where ended_at is not null;
create index task_queue_instance_idx on task_queue (process_instance_key);
create index task_queue_created_idx on task_queue (created_at, task_key);

create table task_queue_sync (
  id smallint primary key default 1,
  synced_to timestamptz,
  constraint task_queue_sync_one_row check (id = 1)
);
comment on table task_queue_sync is 'How far task_queue has read the engine: null = never (the next read is a full one).';
insert into task_queue_sync (id, synced_to) values (1, null);

-- The regulator's certificate search (issue 10): current and former numbers by prefix.
create index certificate_numbers_prefix_idx on certificate_numbers (number text_pattern_ops);
create index persons_id_number_prefix_idx on persons (id_number text_pattern_ops);
create index certificates_search_order_idx on certificates (first_issue_date desc, id desc);
`;

const down = `
drop index certificates_search_order_idx;
drop index persons_id_number_prefix_idx;
drop index certificate_numbers_prefix_idx;
drop table task_queue_sync;
drop table task_queue;
`;

export const taskQueue: Migration = {
  name: '022-task-queue',
  up: (knex: Knex) => runSql(knex, up),
  down: (knex: Knex) => runSql(knex, down),
};
