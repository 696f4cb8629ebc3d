/*
 * Continuing education (继续再教育): imported records and the automatic reviews (SPEC §7.5, §7.6).
 *
 * Decisions:
 * - A record names its certificate by the number as imported, which may be a former number;
 *   the import resolves it through certificate_numbers and stores both.
 * - The same record (certificate, sequence, pass date) is stored once, so a re-import is harmless.
 * - A record is used by at most one renewal, and a renewal uses one record.
 * - ce_reviews makes the automatic review idempotent: one row per (certificate, deadline),
 *   whatever crashes or reruns happen. A passed review names the record that passed it.
 */
import type { Knex } from 'knex';
import type { Migration } from '../db/migration-source';
import { runSql } from './sql';

const up = `
create table ce_records (
  id bigint generated always as identity primary key,
  certificate_id bigint not null references certificates on delete restrict,
  certificate_number text not null,
  sequence smallint not null,
  pass_date date not null,
  used_by_application_id bigint references applications on delete restrict,
  batch_id text,
  imported_by_account_id bigint references accounts on delete restrict,
  created_at timestamptz not null default now(),
  constraint ce_records_sequence_check check (sequence in (1, 2)),
  constraint ce_records_used_by_application_id_key unique (used_by_application_id),
  constraint ce_records_one_per_pass unique (certificate_id, sequence, pass_date)
);
comment on table ce_records is 'Continuing-education results (继续再教育记录), imported by the regulator or a training body.';
comment on column ce_records.certificate_number is 'The certificate number as imported (may be a former number).';
comment on column ce_records.sequence is '1st or 2nd continuing education of the validity period.';
comment on column ce_records.used_by_application_id is 'The renewal that used this record (SPEC §7.6); null = unused.';

create table ce_reviews (
  id bigint generated always as identity primary key,
  certificate_id bigint not null references certificates on delete restrict,
  deadline date not null,
  outcome text not null,
  ce_record_id bigint references ce_records on delete restrict,
  application_id bigint references applications on delete set null,
  reviewed_at timestamptz not null default now(),
  constraint ce_reviews_certificate_deadline_key unique (certificate_id, deadline),
  constraint ce_reviews_outcome_check check (outcome in ('passed', 'failed')),
  constraint ce_reviews_record_iff_passed check ((outcome = 'passed') = (ce_record_id is not null))
);
comment on table ce_reviews is 'Automatic reviews (系统自动复核): at most one per certificate and CE deadline.';
comment on column ce_reviews.deadline is 'The CE deadline that was reviewed.';
comment on column ce_reviews.ce_record_id is 'The first CE record that passed the review.';
comment on column ce_reviews.application_id is 'The auto-review application, when one was recorded.';
`;

const down = `
drop table ce_reviews;
drop table ce_records;
`;

export const continuingEducation: Migration = {
  name: '007-continuing-education',
  up: (knex: Knex) => runSql(knex, up),
  down: (knex: Knex) => runSql(knex, down),
};
