import type { Knex } from 'knex';
import type { EngineMigration as Migration } from './migration';

/**
 * DMN: deployed decision requirements graphs (the `.dmn` resource, versioned by its
 * definitions id), their decisions (versioned by decision id), and one row per decision
 * evaluated (`decision instances`; one evaluation — REST or a business rule task — writes a row
 * for each decision it evaluated, sharing `evaluation_key`). Inputs and matched rules are kept
 * as the REST API returns them (values as JSON text).
 */
export const decisions: Migration = {
  name: '005-decisions',
  async up(knex: Knex) {
    await knex.raw(`
create table engine_decision_requirements (
  key bigint primary key,
  decision_requirements_id text not null,
  name text,
  version int not null,
  resource_name text not null,
  checksum text not null,
  xml text not null,
  deployment_key bigint not null,
  tenant_id text not null default '<default>',
  unique (decision_requirements_id, version)
);

create table engine_decision_definitions (
  key bigint primary key,
  decision_id text not null,
  name text,
  version int not null,
  decision_requirements_key bigint not null,
  decision_requirements_id text not null,
  tenant_id text not null default '<default>',
  unique (decision_id, version)
);

create table engine_decision_instances (
  key bigint primary key,
  evaluation_key bigint not null,
  state text not null,
  evaluation_date timestamptz not null,
  evaluation_failure text,
  decision_definition_key bigint not null,
  decision_id text not null,
  decision_name text,
  decision_version int not null,
  decision_type text not null,
  result text,
  evaluated_inputs jsonb not null default '[]',
  matched_rules jsonb not null default '[]',
  process_definition_key bigint,
  process_instance_key bigint,
  element_instance_key bigint,
  tenant_id text not null default '<default>'
);
create index engine_decision_instances_evaluation on engine_decision_instances (evaluation_key);
create index engine_decision_instances_instance on engine_decision_instances (process_instance_key);
`);
  },
  async down(knex: Knex) {
    await knex.raw(`drop table if exists engine_decision_requirements, engine_decision_definitions,
      engine_decision_instances`);
  },
};
