/*
 * Exam results (考核结果, SPEC §7.1), imported in batches by a training body or the regulator.
 * Each passed result starts a new-issue application.
 *
 * Decisions:
 * - Keyed by the ID number as imported: the person may not have verified yet. `person_id` is
 *   filled in once known.
 * - The same exam (person, type, job type, date) can be recorded only once, so re-importing a
 *   batch file cannot create a second result (nor a second certificate).
 * - `enterprise_credit_code` names the unit of a principal (A) certificate; null = the employer
 *   (SPEC §5.2). It is kept as text because the enterprise may not be known yet.
 */
import type { Knex } from 'knex';
import type { Migration } from '../db/migration-source';
import { runSql } from './sql';

const up = `
create table exam_results (
  id bigint generated always as identity primary key,
  id_number text not null,
  name text not null,
  person_id bigint references persons on delete set null,
  cert_type text not null,
  job_type text,
  enterprise_credit_code text,
  exam_date date not null,
  passed boolean not null,
  batch_id text not null,
  imported_by_account_id bigint references accounts on delete restrict,
  created_at timestamptz not null default now(),
  constraint exam_results_id_number_format check (id_number ~ '^[0-9]{17}[0-9X]$'),
  constraint exam_results_cert_type_check check (cert_type in ('A', 'B', 'C')),
  constraint exam_results_job_type_check check (
    job_type in ('01', '02', '03', '04', '05', '06', '07', '08', '09', '10')),
  constraint exam_results_job_type_iff_c check ((cert_type = 'C') = (job_type is not null)),
  constraint exam_results_credit_code_format check (
    enterprise_credit_code ~ '^[0-9A-HJ-NP-RTUW-Y]{18}$'),
  constraint exam_results_credit_code_only_for_a check (
    enterprise_credit_code is null or cert_type = 'A')
);
comment on table exam_results is 'Imported exam results (考核结果); a passed one starts a new-issue application.';
comment on column exam_results.name is 'Name as imported, for the regulator''s review.';
comment on column exam_results.person_id is 'The person with this ID number, once verified.';
comment on column exam_results.enterprise_credit_code is 'Type A only: the enterprise the principal certificate is for; null = the employer.';
comment on column exam_results.batch_id is 'Import batch the row came from.';
create unique index exam_results_one_per_exam on exam_results (
  id_number, cert_type, coalesce(job_type, ''), exam_date);
create index exam_results_person_idx on exam_results (person_id);
create index exam_results_batch_idx on exam_results (batch_id);
`;

const down = `
drop table exam_results;
`;

export const examResults: Migration = {
  name: '003-exam-results',
  up: (knex: Knex) => runSql(knex, up),
  down: (knex: Knex) => runSql(knex, down),
};
