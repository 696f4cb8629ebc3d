/*
 * Employment (聘用关系, SPEC §3): an enterprise proposes, the person consents, either side ends.
 *
 * Decisions:
 * - One row per proposal; its state walks proposed → active → ended, or proposed → declined /
 *   lapsed (30 days unanswered). Rows are never deleted: history stays viewable.
 * - The timestamps must fit the state (CHECK), so "active since" and "ended at" are always
 *   there to show. For a declined or lapsed proposal `ended_at` is when it closed.
 * - `contract_end` null = open-ended contract (无固定期限劳动合同).
 * - The contract file and the acceptance of the commitment letter are required with the
 *   proposal (SPEC §3), hence NOT NULL.
 */
import type { Knex } from 'knex';
import type { Migration } from '../db/migration-source';
import { runSql } from './sql';

const up = `
create table employments (
  id bigint generated always as identity primary key,
  person_id bigint not null references persons on delete restrict,
  enterprise_id bigint not null references enterprises on delete restrict,
  state text not null default 'proposed',
  contract_start date not null,
  contract_end date,
  contract_file bytea not null,
  contract_file_name text not null,
  contract_file_mime text not null,
  commitment_accepted_at timestamptz not null,
  proposed_at timestamptz not null default now(),
  started_at timestamptz,
  ended_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint employments_state_check check (
    state in ('proposed', 'active', 'ended', 'declined', 'lapsed')),
  constraint employments_contract_dates_ordered check (contract_end >= contract_start),
  constraint employments_state_timestamps check (
    case state
      when 'proposed' then started_at is null and ended_at is null
      when 'active' then started_at is not null and ended_at is null
      when 'ended' then started_at is not null and ended_at is not null
      else started_at is null and ended_at is not null
    end),
  constraint employments_timestamps_ordered check (
    started_at >= proposed_at and ended_at >= coalesce(started_at, proposed_at))
);
comment on table employments is 'Employment proposals and employments (聘用关系); history is kept.';
comment on column employments.state is 'proposed (awaiting consent) → active → ended; or declined / lapsed (unanswered 30 days).';
comment on column employments.contract_end is 'Null = open-ended labour contract.';
comment on column employments.commitment_accepted_at is 'When the enterprise accepted the employer commitment letter (承诺书).';
comment on column employments.ended_at is 'When the employment ended, or when a declined/lapsed proposal closed.';

-- SPEC §3: a person has at most one active employment across all enterprises.
create unique index employments_one_active_per_person on employments (person_id)
  where state = 'active';
create unique index employments_one_proposal_per_pair on employments (person_id, enterprise_id)
  where state = 'proposed';
create index employments_enterprise_idx on employments (enterprise_id, state);
create index employments_person_idx on employments (person_id, proposed_at);
-- The daily lapse job looks for old proposals.
create index employments_proposed_at_idx on employments (proposed_at) where state = 'proposed';
create trigger employments_touch before update on employments
  for each row execute function touch_updated_at();
`;

const down = `
drop table employments;
`;

export const employments: Migration = {
  name: '002-employments',
  up: (knex: Knex) => runSql(knex, up),
  down: (knex: Knex) => runSql(knex, down),
};
