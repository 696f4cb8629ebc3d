/*
 * Messages (消息, SPEC §9) to a person or an enterprise.
 *
 * Decisions:
 * - Exactly one recipient, person or enterprise (CHECK); messages go with their recipient.
 * - `category` is free text chosen by the sender (filterable); the UI labels it.
 * - `dedupe_key` is UNIQUE: a job sends with a key derived from its job (or event), so a retry
 *   cannot send the same message twice. Null = no deduplication (an ad-hoc message).
 */
import type { Knex } from 'knex';
import type { Migration } from '../db/migration-source';
import { runSql } from './sql';

const up = `
create table messages (
  id bigint generated always as identity primary key,
  person_id bigint references persons on delete cascade,
  enterprise_id bigint references enterprises on delete cascade,
  category text not null,
  title text not null,
  body text not null,
  link text,
  application_id bigint references applications on delete set null,
  certificate_id bigint references certificates on delete set null,
  read_at timestamptz,
  created_at timestamptz not null default now(),
  dedupe_key text,
  constraint messages_one_recipient check (num_nonnulls(person_id, enterprise_id) = 1),
  constraint messages_category_not_blank check (btrim(category) <> ''),
  constraint messages_title_not_blank check (btrim(title) <> ''),
  constraint messages_dedupe_key_key unique (dedupe_key)
);
comment on table messages is 'Messages (消息) to one person or one enterprise; read/unread.';
comment on column messages.category is 'Stable category code to filter by (e.g. certificate, application, reminder).';
comment on column messages.link is 'Link to the application or certificate the message is about.';
comment on column messages.dedupe_key is 'Sender-chosen key; a retried job cannot send the same message twice.';
create index messages_person_idx on messages (person_id, created_at) where person_id is not null;
create index messages_enterprise_idx on messages (enterprise_id, created_at)
  where enterprise_id is not null;
`;

const down = `
drop table messages;
`;

export const messages: Migration = {
  name: '008-messages',
  up: (knex: Knex) => runSql(knex, up),
  down: (knex: Knex) => runSql(knex, down),
};
