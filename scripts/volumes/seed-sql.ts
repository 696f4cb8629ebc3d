/**
 * The set-based statements of scripts/seed-volumes.ts: every table is filled by one
 * `insert … select` over temporary tables of the seeded people and units, in one transaction.
 */

/** The i-th seeded person (`n`, from 1) with their unit and what their certificate will be. */
export const PEOPLE = `
create temp table seed_people on commit drop as
select p.id as person_id, p.id_number, p.name, s.n,
  u.id as enterprise_id, u.name as unit_name, u.credit_code, u.letters,
  case when s.n % 20 < 7 then 'A' when s.n % 20 < 16 then 'B' else 'C' end as type,
  case when s.n % 20 >= 16 then lpad((s.n % 10 + 1)::text, 2, '0') end as job_type,
  case when s.r < 85 then 'valid' when s.r < 90 then 'abnormal'
    when s.r < 97 then 'expired' else 'cancelled' end as state
from (select id_number, n, (n * 2654435761) % 1000 / 10 as r
      from unnest(:idNumbers::text[]) with ordinality as t(id_number, n)) s
join persons p on p.id_number = s.id_number
join (select e.id, e.name, e.credit_code, array_to_string(e.categories, '') as letters,
        row_number() over (order by e.id) - 1 as k
      from enterprises e where e.credit_code = any(:creditCodes::text[])) u
  on u.k = s.n % :units;`;

/** Their certificates' dates: an expired one was first issued in 2019–2020, others 2022–2025. */
export const CERTIFICATE_ROWS = `
create temp table seed_certs on commit drop as
select s.*, d.first_issue_date,
  (d.first_issue_date + interval '5 years' - interval '1 day')::date as validity_end,
  (d.first_issue_date + interval '30 months')::date as ce_deadline,
  case when s.type = 'C' then '青C' || s.job_type
    else '青' || s.letters || s.type end
    || to_char(d.first_issue_date, 'YYYY') || lpad(s.n::text, 6, '0') as number,
  s.n % 50 = 0 and s.type <> 'C' and length(s.letters) > 1 as renumbered
from seed_people s,
lateral (select case when s.state = 'expired' then date '2019-01-02' + (s.n * 13 % 700)::int
  else date '2022-01-03' + (s.n * 7919 % 1400)::int end as first_issue_date) d
where s.n <= :certificates;`;

export const EXAM_RESULTS = `
insert into exam_results (id_number, name, person_id, cert_type, job_type, exam_date, passed,
  batch_id)
select s.id_number, s.name, s.person_id, s.type, s.job_type,
  coalesce(c.first_issue_date - 30, current_date - (s.n % 60)::int - 5), true, 'seed-volumes'
from seed_people s left join seed_certs c on c.n = s.n;`;

/** The completed new-issue application of each certificate, and its first timeline entry. */
export const ISSUE_APPLICATIONS = `
insert into applications (type, state, person_id, enterprise_id, exam_result_id, subject,
  created_at, completed_at)
select 'new-issue', 'completed', c.person_id, c.enterprise_id, x.id,
  jsonb_build_object('personName', c.name, 'idNumber', c.id_number, 'certificateType', c.type,
    'jobTypeCode', c.job_type, 'unitName', c.unit_name, 'unitCreditCode', c.credit_code,
    'examDate', x.exam_date, 'batchId', 'seed-volumes'),
  c.first_issue_date - 20, c.first_issue_date
from seed_certs c join exam_results x on x.person_id = c.person_id;`;

/** Each renumbered certificate starts with its former number (one category letter fewer). */
export const CERTIFICATES = `
insert into certificates (person_id, number, type, job_type, unit_enterprise_id, unit_name,
  holder_name, first_issue_date, validity_start, validity_end, ce_deadline, state,
  cancelled_at, exam_result_id, created_at)
select c.person_id,
  case when c.renumbered then '青' || left(c.letters, 1) || substr(c.number, length(c.letters) + 2)
    else c.number end,
  c.type, c.job_type, c.enterprise_id, c.unit_name, c.name, c.first_issue_date,
  c.first_issue_date, c.validity_end, c.ce_deadline, c.state,
  case when c.state = 'cancelled' then c.first_issue_date + 400 end, x.id, c.first_issue_date
from seed_certs c join exam_results x on x.person_id = c.person_id
order by c.n;`;

const snapshot = (number: string) => `jsonb_build_object('number', ${number},
    'holderName', c.name, 'idNumber', c.id_number, 'type', c.type, 'jobType', c.job_type,
    'unitName', c.unit_name, 'validityStart', c.first_issue_date, 'validityEnd', c.validity_end)`;

export const ISSUANCES = `
insert into certificate_issuances (certificate_id, application_id, kind, reason, number,
  snapshot, issued_at)
select t.id, a.id, 'issue', 'new', t.number, ${snapshot('t.number')}, c.first_issue_date
from seed_certs c
join certificates t on t.person_id = c.person_id
join applications a on a.exam_result_id = t.exam_result_id and a.type = 'new-issue';`;

/** The category-change reissue that gave each renumbered certificate its current number. */
export const RENUMBERING = `
with changes as (
  insert into applications (type, state, person_id, enterprise_id, subject, created_at,
    completed_at)
  select 'category-change', 'completed', c.person_id, c.enterprise_id,
    jsonb_build_object('enterpriseName', c.unit_name, 'creditCode', c.credit_code,
      'certificateNumber', c.number),
    c.first_issue_date + 90, c.first_issue_date + 100
  from seed_certs c where c.renumbered
  returning id, person_id
), renumbered as (
  update certificates t set number = c.number
  from seed_certs c where c.renumbered and t.person_id = c.person_id
  returning t.id, t.person_id
)
select r.id as certificate_id, ch.id as application_id
from renumbered r join changes ch on ch.person_id = r.person_id;`;

export const REISSUANCES = `
insert into certificate_issuances (certificate_id, application_id, kind, reason, number,
  snapshot, issued_at)
select t.id, r.application_id, 'reissue', 'category-change', t.number, ${snapshot('t.number')},
  c.first_issue_date + 100
from unnest(:certificateIds::bigint[], :applicationIds::bigint[]) as r(certificate_id, application_id)
join certificates t on t.id = r.certificate_id
join seed_certs c on c.person_id = t.person_id;`;

export const ABNORMAL_REASONS = `
insert into certificate_abnormal_reasons (certificate_id, reason)
select t.id, case when t.type = 'C' then 'category-not-covering-job-type' else 'ce-not-completed' end
from certificates t join seed_certs c on c.person_id = t.person_id
where t.state = 'abnormal';`;

/** The application of every open task: a new issue awaiting the regulator's review. */
export const REVIEW_APPLICATIONS = `
insert into applications (type, state, person_id, enterprise_id, exam_result_id, subject,
  created_at)
select 'new-issue', 'awaiting-review', s.person_id, s.enterprise_id, x.id,
  jsonb_build_object('personName', s.name, 'idNumber', s.id_number, 'certificateType', s.type,
    'jobTypeCode', s.job_type, 'unitName', s.unit_name, 'unitCreditCode', s.credit_code,
    'examDate', x.exam_date, 'batchId', 'seed-volumes'),
  now() - (s.n % 60)::int * interval '1 day'
from seed_people s join exam_results x on x.person_id = s.person_id
where s.n > :certificates
returning id::text as "applicationId", exam_result_id::text as "examResultId",
  person_id::text as "personId", enterprise_id::text as "enterpriseId",
  subject->>'idNumber' as "idNumber", subject->>'unitCreditCode' as "creditCode",
  subject->>'certificateType' as "certificateType", subject->>'jobTypeCode' as "jobTypeCode",
  subject->>'examDate' as "examDate";`;

export const FIRST_TIMELINE_ENTRIES = `
insert into application_events (application_id, step, actor_name, at)
select a.id, 'submitted', '系统', a.created_at
from applications a join seed_people s on s.person_id = a.person_id;`;
