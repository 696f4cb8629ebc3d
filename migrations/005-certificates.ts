/*
 * Certificates (SPEC §5), their numbers past and present, and what makes them abnormal.
 *
 * Decisions:
 * - A reissue updates the same row (same id, dates kept or renewed); each reissue is recorded
 *   in certificate_issuances (migration 006).
 * - certificate_numbers is written by a trigger whenever certificates.number is set, so every
 *   number a certificate ever had is there and UNIQUE across the table: a number can never be
 *   given again, not even to the certificate that had it before (SPEC §5.3).
 * - In-province numbers must have the §5.3 shape, with the type (A/B) or job type (C) and the
 *   first-issue year matching the row. `issued_in_province` = false leaves room for the
 *   `cert-in-province` check to fail on a certificate of another province.
 * - The holding rules of §5.2 that are plain uniqueness are indexes: among valid and abnormal
 *   certificates at most one B and one C per person, and one A per person and unit. "A excludes
 *   every other type" is left to domain/ (it needs an exclusion constraint across rows).
 * - `ce_reviewed` = the automatic review of the current validity period passed, which moves the
 *   CE deadline to the validity end (§5.4); renewal resets it.
 * - `busy_application_id`: one column, so at most one application at a time (§5.5 "not-busy").
 */
import type { Knex } from 'knex';
import type { Migration } from '../db/migration-source';
import { runSql } from './sql';

const up = `
create sequence certificate_serial as integer minvalue 1 maxvalue 999999 no cycle;
comment on sequence certificate_serial is 'Province-wide 6-digit serial of certificate numbers (SPEC §5.3).';

create table certificates (
  id bigint generated always as identity primary key,
  person_id bigint not null references persons on delete restrict,
  number text not null,
  type text not null,
  job_type text,
  unit_enterprise_id bigint not null references enterprises on delete restrict,
  unit_name text not null,
  holder_name text not null,
  first_issue_date date not null,
  validity_start date not null,
  validity_end date not null,
  ce_deadline date not null,
  ce_reviewed boolean not null default false,
  state text not null default 'valid',
  cancelled_at timestamptz,
  issued_in_province boolean not null default true,
  exam_result_id bigint references exam_results on delete restrict,
  verify_token text not null default replace(gen_random_uuid()::text, '-', ''),
  busy_application_id bigint references applications on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint certificates_number_key unique (number),
  constraint certificates_type_check check (type in ('A', 'B', 'C')),
  constraint certificates_job_type_check check (
    job_type in ('01', '02', '03', '04', '05', '06', '07', '08', '09', '10')),
  constraint certificates_job_type_iff_c check ((type = 'C') = (job_type is not null)),
  constraint certificates_number_format check (not issued_in_province or case type
    when 'C' then number ~ ('^青C' || job_type || '[0-9]{10}$')
    else number ~ '^青[GPJT]' and number ~ ('^青G{0,1}P{0,1}J{0,1}T{0,1}' || type || '[0-9]{10}$')
  end),
  constraint certificates_number_year check (not issued_in_province
    or substr(number, char_length(number) - 9, 4) = to_char(first_issue_date, 'YYYY')),
  constraint certificates_validity_ordered check (validity_start <= validity_end),
  constraint certificates_first_issue_not_after_start check (first_issue_date <= validity_start),
  constraint certificates_ce_deadline_within_validity check (
    ce_deadline >= validity_start and ce_deadline <= validity_end),
  constraint certificates_ce_reviewed_deadline check (not ce_reviewed or ce_deadline = validity_end),
  constraint certificates_state_check check (state in ('valid', 'abnormal', 'expired', 'cancelled')),
  constraint certificates_cancelled_at_iff_cancelled check (
    (state = 'cancelled') = (cancelled_at is not null)),
  constraint certificates_verify_token_key unique (verify_token),
  constraint certificates_verify_token_format check (verify_token ~ '^[A-Za-z0-9_-]{32,}$'),
  constraint certificates_exam_result_id_key unique (exam_result_id)
);
comment on table certificates is 'Certificates (燃气经营企业从业人员专业培训考核合格证书); a reissue updates the row.';
comment on column certificates.number is 'Current number; all numbers ever held are in certificate_numbers.';
comment on column certificates.job_type is 'Job type (工种) 01–10, type C only.';
comment on column certificates.unit_enterprise_id is 'Unit (单位) on the certificate: the employer, or for A the enterprise of the exam result.';
comment on column certificates.unit_name is 'Unit name as printed; may lag the enterprise''s name until an enterprise-rename reissue.';
comment on column certificates.holder_name is 'Holder name as printed; may lag the person''s name until a name-change reissue.';
comment on column certificates.first_issue_date is 'First issue; its year is in the number and never changes.';
comment on column certificates.ce_deadline is 'Continuing-education deadline (继续再教育截止日期).';
comment on column certificates.ce_reviewed is 'The automatic review of the current validity period passed (CE deadline = validity end).';
comment on column certificates.issued_in_province is 'Issued by this province (the cert-in-province check).';
comment on column certificates.exam_result_id is 'The exam result it was first issued on; one certificate per result.';
comment on column certificates.verify_token is 'Unguessable token of the public verification link (扫一扫).';
comment on column certificates.busy_application_id is 'The one application in progress on it (not-busy check); null = free.';

-- SPEC §5.2, the parts that are uniqueness; valid and abnormal certificates count.
create unique index certificates_one_b_per_person on certificates (person_id)
  where type = 'B' and state in ('valid', 'abnormal');
create unique index certificates_one_c_per_person on certificates (person_id)
  where type = 'C' and state in ('valid', 'abnormal');
create unique index certificates_one_a_per_person_and_unit on certificates (
  person_id, unit_enterprise_id) where type = 'A' and state in ('valid', 'abnormal');
create index certificates_person_idx on certificates (person_id);
create index certificates_unit_idx on certificates (unit_enterprise_id);
create index certificates_busy_idx on certificates (busy_application_id)
  where busy_application_id is not null;
-- The daily jobs: CE review and expiry of valid certificates.
create index certificates_valid_ce_deadline_idx on certificates (ce_deadline) where state = 'valid';
create index certificates_live_validity_end_idx on certificates (validity_end)
  where state in ('valid', 'abnormal');
create trigger certificates_touch before update on certificates
  for each row execute function touch_updated_at();

create table certificate_numbers (
  id bigint generated always as identity primary key,
  certificate_id bigint not null references certificates on delete restrict,
  number text not null,
  since timestamptz not null default now(),
  until timestamptz,
  constraint certificate_numbers_number_key unique (number),
  constraint certificate_numbers_certificate_number_key unique (certificate_id, number),
  constraint certificate_numbers_period_ordered check (until >= since)
);
comment on table certificate_numbers is 'Every number a certificate ever had; unique forever, so old numbers stay resolvable. Written by trigger.';
comment on column certificate_numbers.until is 'Null = the current number.';
create unique index certificate_numbers_one_current on certificate_numbers (certificate_id)
  where until is null;

create function certificates_record_number() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' then
    if new.number = old.number then
      return null;
    end if;
    update certificate_numbers set until = now()
      where certificate_id = new.id and until is null;
  end if;
  insert into certificate_numbers (certificate_id, number) values (new.id, new.number);
  return null;
end $$;
comment on function certificates_record_number() is 'Keeps certificate_numbers in step with certificates.number.';
create trigger certificates_record_number after insert or update of number on certificates
  for each row execute function certificates_record_number();

create table certificate_abnormal_reasons (
  certificate_id bigint not null references certificates on delete cascade,
  reason text not null,
  since timestamptz not null default now(),
  application_id bigint references applications on delete set null,
  primary key (certificate_id, reason),
  constraint certificate_abnormal_reasons_reason_check check (
    reason in ('category-not-covering-job-type', 'ce-not-completed'))
);
comment on table certificate_abnormal_reasons is 'Why a certificate is abnormal (异常); each reason is lifted on its own (SPEC §4).';
comment on column certificate_abnormal_reasons.application_id is 'The application that marked it (category change, auto-review).';

create table application_certificates (
  application_id bigint not null references applications on delete cascade,
  certificate_id bigint not null references certificates on delete restrict,
  check_results jsonb,
  primary key (application_id, certificate_id)
);
comment on table application_certificates is 'The certificates an application is about (several for an enterprise rename).';
comment on column application_certificates.check_results is 'Per-certificate check results, where the application checks each (SPEC §7.3).';
create index application_certificates_certificate_idx on application_certificates (certificate_id);
`;

const down = `
drop table application_certificates;
drop table certificate_abnormal_reasons;
drop trigger certificates_record_number on certificates;
drop function certificates_record_number();
drop table certificate_numbers;
drop table certificates;
drop sequence certificate_serial;
`;

export const certificates: Migration = {
  name: '005-certificates',
  up: (knex: Knex) => runSql(knex, up),
  down: (knex: Knex) => runSql(knex, down),
};
