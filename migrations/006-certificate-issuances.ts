/*
 * Certificate issuances: every issue and reissue, with what was printed (SPEC §5.4, §7).
 *
 * Decisions:
 * - One row per (application, certificate): a retried issue job hits the UNIQUE constraint
 *   instead of issuing twice; an enterprise rename reissues several certificates, one row each.
 * - The first issue is `issue`/`new`, every later one `reissue` with its cause; a certificate
 *   has one first issue.
 * - `number` is the number printed, which must be one of the certificate's own numbers
 *   (composite FK to certificate_numbers), so old PDFs stay verifiable.
 * - `pdf` may be filled in after the row (rendering is a separate step); the snapshot is the
 *   source of truth for re-rendering.
 */
import type { Knex } from 'knex';
import type { Migration } from '../db/migration-source';
import { runSql } from './sql';

const up = `
create table certificate_issuances (
  id bigint generated always as identity primary key,
  certificate_id bigint not null references certificates on delete restrict,
  application_id bigint not null references applications on delete restrict,
  kind text not null,
  reason text not null,
  number text not null,
  snapshot jsonb not null,
  pdf bytea,
  issued_at timestamptz not null default now(),
  constraint certificate_issuances_kind_check check (kind in ('issue', 'reissue')),
  constraint certificate_issuances_reason_check check (reason in (
    'new', 'category-change', 'work-unit-change', 'enterprise-rename', 'name-change', 'renewal')),
  constraint certificate_issuances_new_iff_issue check ((kind = 'issue') = (reason = 'new')),
  constraint certificate_issuances_snapshot_is_object check (jsonb_typeof(snapshot) = 'object'),
  constraint certificate_issuances_application_certificate_key unique (application_id, certificate_id),
  constraint certificate_issuances_number_fkey foreign key (certificate_id, number)
    references certificate_numbers (certificate_id, number) on delete restrict
);
comment on table certificate_issuances is 'Every issue and reissue of a certificate (发证/换发), with the printed fields and PDF.';
comment on column certificate_issuances.number is 'Number printed on this issue (one of the certificate''s numbers).';
comment on column certificate_issuances.snapshot is 'All fields as printed, to re-render the PDF.';
comment on column certificate_issuances.pdf is 'The electronic certificate (电子证书); null until rendered.';
create unique index certificate_issuances_one_first_issue on certificate_issuances (certificate_id)
  where kind = 'issue';
create index certificate_issuances_certificate_idx on certificate_issuances (
  certificate_id, issued_at);
`;

const down = `
drop table certificate_issuances;
`;

export const certificateIssuances: Migration = {
  name: '006-certificate-issuances',
  up: (knex: Knex) => runSql(knex, up),
  down: (knex: Knex) => runSql(knex, down),
};
