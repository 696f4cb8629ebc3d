/*
 * Who acts: persons (SPEC §2), enterprises (§2, §4), and the accounts they log in with.
 *
 * Decisions:
 * - `persons.birth_date` and `persons.sex` are stored for queries but must agree with the ID
 *   number (digits 7–14, digit 17 odd = M); the ISO 7064 check character is left to
 *   domain/id-number (the CHECK only guards the shape).
 * - A person row exists only after real-name verification (SPEC §2), yet `verified_at` stays
 *   nullable so the `realname` check has something to read when a verification is withdrawn.
 * - `enterprises.division_code` and `in_province` are generated from the credit code (chars
 *   3–8; Qinghai = 63…), so they can never disagree with it.
 * - `enterprises.categories` is the *approved* set, stored in the canonical order G P J T
 *   without duplicates — the very segment of A/B certificate numbers (§5.3). It is non-empty
 *   exactly when the registration is approved; requested categories live in the application.
 * - One account per person and per enterprise (usernames are the ID number / credit code);
 *   an enterprise's machine clients use api_keys instead of more accounts.
 * - Nothing here is ever deleted in normal operation; children of a person/enterprise that
 *   only describe it (names, resume, keys) cascade, accounts restrict.
 */
import type { Knex } from 'knex';
import type { Migration } from '../db/migration-source';
import { runSql } from './sql';

const up = `
create function touch_updated_at() returns trigger language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end $$;
comment on function touch_updated_at() is 'Keeps updated_at current on every UPDATE.';

create function gas_categories_canonical(c text[]) returns boolean
language sql immutable as $$
  select c = array(
    select x from unnest(array['G', 'P', 'J', 'T']) with ordinality as t(x, i)
    where x = any(c) order by i)
$$;
comment on function gas_categories_canonical(text[]) is
  'True when c holds only business-category codes G P J T, each once, in that order.';

create table persons (
  id bigint generated always as identity primary key,
  id_number text not null,
  name text not null,
  sex text not null,
  birth_date date not null,
  phone text,
  verified_at timestamptz,
  photo bytea,
  photo_mime text,
  photo_updated_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint persons_id_number_key unique (id_number),
  constraint persons_id_number_format check (id_number ~ '^[0-9]{17}[0-9X]$'),
  constraint persons_name_not_blank check (btrim(name) <> ''),
  constraint persons_sex_check check (sex in ('M', 'F')),
  -- Only judged on a well-formed ID number, so a malformed one is reported by the format check;
  -- compared as text so no cast can fail.
  constraint persons_sex_matches_id_number check (
    id_number !~ '^[0-9]{17}[0-9X]$'
    or sex = case when substr(id_number, 17, 1) in ('1', '3', '5', '7', '9') then 'M' else 'F' end),
  constraint persons_birth_date_matches_id_number check (
    id_number !~ '^[0-9]{17}[0-9X]$' or to_char(birth_date, 'YYYYMMDD') = substr(id_number, 7, 8)),
  constraint persons_photo_complete check (
    (photo is null) = (photo_mime is null) and (photo is null) = (photo_updated_at is null)),
  constraint persons_photo_mime_check check (photo_mime in ('image/jpeg', 'image/png'))
);
comment on table persons is 'Practitioners (从业人员), one per resident ID number, created by real-name verification.';
comment on column persons.name is 'Current verified name; earlier names are in person_names.';
comment on column persons.verified_at is 'Last real-name verification (实名认证); null = not verified.';
comment on column persons.photo is 'ID photo (证件照) shown on certificates; the "photo" check.';
create trigger persons_touch before update on persons
  for each row execute function touch_updated_at();

create table person_names (
  id bigint generated always as identity primary key,
  person_id bigint not null references persons on delete cascade,
  name text not null,
  verified_at timestamptz not null default now(),
  constraint person_names_name_not_blank check (btrim(name) <> '')
);
comment on table person_names is 'Every verified name of a person, the current one included; a new name starts the name-change business (SPEC §7.4).';
create index person_names_person_idx on person_names (person_id, verified_at);

create table resume_entries (
  id bigint generated always as identity primary key,
  person_id bigint not null references persons on delete cascade,
  start_date date not null,
  end_date date,
  organisation text not null,
  position text,
  description text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint resume_entries_dates_ordered check (end_date >= start_date)
);
comment on table resume_entries is 'The person''s resume (履历), edited by the person.';
comment on column resume_entries.end_date is 'Null = until now.';
create index resume_entries_person_idx on resume_entries (person_id, start_date);
create trigger resume_entries_touch before update on resume_entries
  for each row execute function touch_updated_at();

create table enterprises (
  id bigint generated always as identity primary key,
  credit_code text not null,
  name text not null,
  legal_rep_name text,
  legal_rep_id_number text,
  division_code text generated always as (substr(credit_code, 3, 6)) stored,
  in_province boolean generated always as (substr(credit_code, 3, 2) = '63') stored,
  categories text[] not null default '{}',
  category_registration text not null default 'none',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint enterprises_credit_code_key unique (credit_code),
  constraint enterprises_credit_code_format check (credit_code ~ '^[0-9A-HJ-NP-RTUW-Y]{18}$'),
  constraint enterprises_name_not_blank check (btrim(name) <> ''),
  constraint enterprises_legal_rep_id_number_format check (
    legal_rep_id_number ~ '^[0-9]{17}[0-9X]$'),
  constraint enterprises_categories_check check (gas_categories_canonical(categories)),
  constraint enterprises_category_registration_check check (
    category_registration in ('none', 'pending', 'approved', 'rejected')),
  constraint enterprises_categories_iff_approved check (
    (category_registration = 'approved') = (cardinality(categories) > 0))
);
comment on table enterprises is 'Gas-operating enterprises (燃气经营企业), one per unified social credit code.';
comment on column enterprises.division_code is 'Administrative-division code, chars 3–8 of the credit code.';
comment on column enterprises.in_province is 'In-province (本省企业): the division code starts with 63 (Qinghai).';
comment on column enterprises.categories is 'Approved business categories (经营类别), canonical order G P J T.';
comment on column enterprises.category_registration is 'State of the first registration (经营类别登记); later changes are applications.';
comment on column enterprises.legal_rep_id_number is 'Legal representative; a person who represents several enterprises may hold one principal certificate per enterprise (SPEC §5.2).';
create index enterprises_legal_rep_idx on enterprises (legal_rep_id_number);
create trigger enterprises_touch before update on enterprises
  for each row execute function touch_updated_at();

create table enterprise_names (
  id bigint generated always as identity primary key,
  enterprise_id bigint not null references enterprises on delete cascade,
  name text not null,
  recorded_at timestamptz not null default now(),
  constraint enterprise_names_name_not_blank check (btrim(name) <> '')
);
comment on table enterprise_names is 'Every name an enterprise has had, the current one included (企业名称变更, SPEC §7.3).';
create index enterprise_names_enterprise_idx on enterprise_names (enterprise_id, recorded_at);

create table accounts (
  id bigint generated always as identity primary key,
  username text not null,
  password_hash text not null,
  role text not null,
  person_id bigint references persons on delete restrict,
  enterprise_id bigint references enterprises on delete restrict,
  disabled boolean not null default false,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint accounts_username_key unique (username),
  constraint accounts_role_check check (
    role in ('person', 'enterprise', 'regulator', 'association', 'training', 'admin')),
  constraint accounts_role_subject check (
    (role = 'person') = (person_id is not null)
    and (role = 'enterprise') = (enterprise_id is not null)),
  constraint accounts_person_id_key unique (person_id),
  constraint accounts_enterprise_id_key unique (enterprise_id)
);
comment on table accounts is 'Logins. A person or enterprise account links exactly its subject; staff accounts link none.';
comment on column accounts.username is 'ID number (person), credit code (enterprise) or staff username.';
comment on column accounts.password_hash is 'Self-describing hash string (algorithm, parameters, salt, hash).';
create trigger accounts_touch before update on accounts
  for each row execute function touch_updated_at();

create table api_keys (
  id bigint generated always as identity primary key,
  enterprise_id bigint not null references enterprises on delete cascade,
  key_hash text not null,
  label text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  constraint api_keys_key_hash_key unique (key_hash),
  constraint api_keys_revoked_after_created check (revoked_at >= created_at)
);
comment on table api_keys is 'API keys of an enterprise''s own systems; only a hash of the key is kept.';
create index api_keys_enterprise_idx on api_keys (enterprise_id);
`;

const down = `
drop table api_keys;
drop table accounts;
drop table enterprise_names;
drop table enterprises;
drop table resume_entries;
drop table person_names;
drop table persons;
drop function gas_categories_canonical(text[]);
drop function touch_updated_at();
`;

export const identity: Migration = {
  name: '001-identity',
  up: (knex: Knex) => runSql(knex, up),
  down: (knex: Knex) => runSql(knex, down),
};
