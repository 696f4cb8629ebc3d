/*
 * The modeler's versions (issue 11): drafts saved by analysts with a comment, and the
 * deployments made through the API (who, when, why), beside the versions the engine keeps.
 *
 * Decisions:
 * - A draft is a whole diagram (XML) plus the forms it links (form id → form-js schema), never a
 *   diff: restoring is loading one, and each save is a new row (drafts are never edited), so
 *   "who changed what and when" is the list itself.
 * - `process_deployments` records what the engine cannot: the analyst and the comment of each
 *   version deployed from the modeler. Versions deployed at start-up from processes/ have none.
 *   (process_id, version) is unique: deploying unchanged content yields the engine's existing
 *   version, which is not recorded twice.
 * - Authors are kept as account id and username text, so the history outlives the account.
 */
import type { Knex } from 'knex';
import type { Migration } from '../db/migration-source';
import { runSql } from './sql';

const up = `
create table process_drafts (
  id bigint generated always as identity primary key,
  process_id text not null,
  xml text not null,
  forms jsonb not null default '{}',
  comment text not null,
  based_on_version integer,
  author_account_id bigint references accounts on delete set null,
  author text not null,
  created_at timestamptz not null default now(),
  constraint process_drafts_forms_object check (jsonb_typeof(forms) = 'object')
);
comment on table process_drafts is 'Diagram drafts saved in the modeler, one row per save (issue 11).';
comment on column process_drafts.forms is 'Form id → form-js schema of the forms the draft edits.';
comment on column process_drafts.based_on_version is 'The deployed version the analyst started from, if any.';
create index process_drafts_process_idx on process_drafts (process_id, created_at desc);

create table process_deployments (
  id bigint generated always as identity primary key,
  process_id text not null,
  version integer not null,
  process_definition_key text not null,
  draft_id bigint references process_drafts on delete set null,
  comment text not null,
  deployer_account_id bigint references accounts on delete set null,
  deployer text not null,
  deployed_at timestamptz not null default now(),
  unique (process_id, version)
);
comment on table process_deployments is 'Versions deployed through the modeler: who, when and why (issue 11).';
`;

const down = `
drop table process_deployments;
drop table process_drafts;
`;

export const processDrafts: Migration = {
  name: '025-process-drafts',
  up: (knex: Knex) => runSql(knex, up),
  down: (knex: Knex) => runSql(knex, down),
};
