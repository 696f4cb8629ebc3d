/*
 * Applications (办件, SPEC §8): one per process instance, with its timeline.
 *
 * Decisions:
 * - The subject is kept as real foreign keys where one exists (person, enterprise, employment,
 *   exam result; certificates in application_certificates, migration 005) and the rest, as
 *   shown to people, in `subject` jsonb. Each type must name the key its process needs.
 * - `applicant_account_id` null = started by the system (auto-review, new issue from an exam).
 * - `completed_at` is set exactly when the application has ended (rejected, lapsed or
 *   completed); `approved` still has data to write.
 * - One new-issue application per exam result, so a retried import or job cannot start two.
 * - A rejection in the timeline needs a comment (SPEC §7.8).
 */
import type { Knex } from 'knex';
import type { Migration } from '../db/migration-source';
import { runSql } from './sql';

const up = `
create table applications (
  id bigint generated always as identity primary key,
  type text not null,
  state text not null default 'submitted',
  applicant_account_id bigint references accounts on delete restrict,
  person_id bigint references persons on delete restrict,
  enterprise_id bigint references enterprises on delete restrict,
  employment_id bigint references employments on delete restrict,
  exam_result_id bigint references exam_results on delete restrict,
  process_instance_key text,
  subject jsonb not null default '{}',
  check_results jsonb not null default '[]',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  completed_at timestamptz,
  constraint applications_type_check check (type in (
    'employment-proposal', 'employment-termination', 'category-registration', 'category-change',
    'new-issue', 'work-unit-change', 'enterprise-rename', 'name-change', 'renewal',
    'cancellation', 'auto-review')),
  constraint applications_state_check check (state in (
    'submitted', 'awaiting-enterprise', 'awaiting-review', 'approved', 'rejected', 'lapsed',
    'completed')),
  constraint applications_completed_iff_ended check (
    (completed_at is not null) = (state in ('rejected', 'lapsed', 'completed'))),
  constraint applications_process_instance_key_key unique (process_instance_key),
  constraint applications_process_instance_key_format check (process_instance_key ~ '^[0-9]+$'),
  constraint applications_subject_is_object check (jsonb_typeof(subject) = 'object'),
  constraint applications_employment_subject check (
    type not in ('employment-proposal', 'employment-termination') or employment_id is not null),
  constraint applications_enterprise_subject check (
    type not in ('category-registration', 'category-change', 'enterprise-rename')
    or enterprise_id is not null),
  constraint applications_exam_result_subject check (
    type <> 'new-issue' or exam_result_id is not null)
);
comment on table applications is 'Applications (办件): one per business process instance, with state and check results.';
comment on column applications.applicant_account_id is 'Who applied; null = started by the system.';
comment on column applications.process_instance_key is 'Engine process instance key (int64 as decimal text).';
comment on column applications.subject is 'The subject as shown to people (names, numbers, requested values) at submission.';
comment on column applications.check_results is 'Latest results of the checks (检测条件), as [{code, passed, message}].';
comment on column applications.completed_at is 'When the application ended (rejected, lapsed or completed).';
create unique index applications_one_per_exam_result on applications (exam_result_id)
  where type = 'new-issue';
create index applications_person_idx on applications (person_id, created_at);
create index applications_enterprise_idx on applications (enterprise_id, created_at);
create index applications_applicant_idx on applications (applicant_account_id, created_at);
create index applications_employment_idx on applications (employment_id);
create index applications_in_progress_idx on applications (type, state)
  where completed_at is null;
create trigger applications_touch before update on applications
  for each row execute function touch_updated_at();

create table application_events (
  id bigint generated always as identity primary key,
  application_id bigint not null references applications on delete cascade,
  step text not null,
  actor_account_id bigint references accounts on delete set null,
  actor_name text not null,
  at timestamptz not null default now(),
  decision text,
  comment text,
  constraint application_events_decision_check check (decision in ('approved', 'rejected')),
  constraint application_events_reject_needs_comment check (
    decision is distinct from 'rejected' or btrim(coalesce(comment, '')) <> '')
);
comment on table application_events is 'Timeline of an application: each step, who, when, decision and comment.';
comment on column application_events.step is 'Stable step code (e.g. the BPMN element id); labels are the UI''s concern.';
comment on column application_events.actor_account_id is 'Null = the system.';
comment on column application_events.actor_name is 'Who acted, as shown (kept even if the account goes).';
create index application_events_application_idx on application_events (application_id, at);
`;

const down = `
drop table application_events;
drop table applications;
`;

export const applications: Migration = {
  name: '004-applications',
  up: (knex: Knex) => runSql(knex, up),
  down: (knex: Knex) => runSql(knex, down),
};
