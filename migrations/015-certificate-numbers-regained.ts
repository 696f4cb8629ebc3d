/*
 * A certificate gets its own earlier number back (SPEC §5.3 as amended): a category change back
 * to categories it had before restores the number it had then — same serial, only the category
 * segment differs — while a number still never goes to another certificate.
 *
 * Decisions:
 * - This replaces the rule of migration 005 (whose comment still says "not even to the
 *   certificate that had it before"; shipped migrations stay as they were): the trigger
 *   `certificates_record_number` now reopens the certificate's own row of a number it held
 *   before instead of inserting a second one.
 * - certificate_numbers keeps one row per (certificate, number), so every number a
 *   certificate ever had stays resolvable and certificate_issuances.number (composite FK to
 *   (certificate_id, number)) stays valid for every PDF ever printed.
 * - "Never another certificate" stays in the database, as the same constraint: the reopening
 *   insert resolves a conflict on (certificate_id, number) only, so a number held by another
 *   certificate still violates certificate_numbers_number_key.
 * - The periods a number was current are kept in certificate_number_periods (one row each time
 *   the certificate took the number, at most one open per number), because a number can now be
 *   current more than once. certificate_numbers.since is when the certificate first took it and
 *   until null marks the current number, as before; existing rows are copied as one period each.
 */
import type { Knex } from 'knex';
import type { Migration } from '../db/migration-source';
import { runSql } from './sql';

const up = `
create table certificate_number_periods (
  id bigint generated always as identity primary key,
  certificate_number_id bigint not null references certificate_numbers on delete restrict,
  since timestamptz not null default now(),
  until timestamptz,
  constraint certificate_number_periods_ordered check (until >= since)
);
comment on table certificate_number_periods is 'Each period a number was a certificate''s current number (SPEC §5.3: a certificate may take its own earlier number again).';
comment on column certificate_number_periods.until is 'Null = the period goes on (the current number).';
create unique index certificate_number_periods_one_open on certificate_number_periods (
  certificate_number_id) where until is null;
create index certificate_number_periods_number_idx on certificate_number_periods (
  certificate_number_id, since);

insert into certificate_number_periods (certificate_number_id, since, until)
  select id, since, until from certificate_numbers order by id;

comment on table certificate_numbers is 'Every number a certificate ever had, one row per (certificate, number); a number never belongs to two certificates, so old numbers stay resolvable. Written by trigger.';
comment on column certificate_numbers.since is 'When the certificate first took this number (its periods: certificate_number_periods).';
comment on column certificate_numbers.until is 'Null = the current number; else when it last stopped being current.';

create or replace function certificates_record_number() returns trigger language plpgsql as $$
declare
  number_id bigint;
begin
  if tg_op = 'UPDATE' then
    if new.number = old.number then
      return null;
    end if;
    update certificate_number_periods p set until = now()
      from certificate_numbers n
      where p.certificate_number_id = n.id and n.certificate_id = new.id and p.until is null;
    update certificate_numbers set until = now()
      where certificate_id = new.id and until is null;
  end if;
  -- Only the certificate's own row may be reopened: another certificate's row of this number
  -- is not the arbiter, so it still fails certificate_numbers_number_key.
  insert into certificate_numbers (certificate_id, number) values (new.id, new.number)
    on conflict on constraint certificate_numbers_certificate_number_key
    do update set until = null
    returning id into number_id;
  insert into certificate_number_periods (certificate_number_id) values (number_id);
  return null;
end $$;
comment on function certificates_record_number() is 'Keeps certificate_numbers and their periods in step with certificates.number; a certificate may take its own earlier number again (SPEC §5.3).';
`;

const down = `
create or replace function certificates_record_number() returns trigger language plpgsql as $$
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
comment on table certificate_numbers is 'Every number a certificate ever had; unique forever, so old numbers stay resolvable. Written by trigger.';
comment on column certificate_numbers.since is null;
comment on column certificate_numbers.until is 'Null = the current number.';
drop table certificate_number_periods;
`;

export const certificateNumbersRegained: Migration = {
  name: '015-certificate-numbers-regained',
  up: (knex: Knex) => runSql(knex, up),
  down: (knex: Knex) => runSql(knex, down),
};
