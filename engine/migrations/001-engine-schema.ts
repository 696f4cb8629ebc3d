import type { Knex } from 'knex';
import type { EngineMigration as Migration } from './migration';

/**
 * The engine's whole state. Keys are int64 from one sequence starting where Zeebe's partition 1
 * starts (2251799813685249); the sequence steps by 1000 so each engine process reserves a block
 * per round trip and hands keys out locally.
 */
export const engineSchema: Migration = {
  name: '001-engine-schema',
  async up(knex: Knex) {
    await knex.raw(`
create sequence engine_key_seq start with 2251799813685249 increment by 1000;

create table engine_clock (id int primary key, pinned_at timestamptz);
insert into engine_clock (id, pinned_at) values (1, null);

create table engine_process_definitions (
  key bigint primary key,
  bpmn_process_id text not null,
  version int not null,
  name text,
  version_tag text,
  resource_name text not null,
  checksum text not null,
  xml text not null,
  deployment_key bigint not null,
  tenant_id text not null default '<default>',
  created_at timestamptz not null default now(),
  unique (bpmn_process_id, version)
);

create table engine_forms (
  key bigint primary key,
  form_id text not null,
  version int not null,
  resource_name text not null,
  checksum text not null,
  content text not null,
  deployment_key bigint not null,
  tenant_id text not null default '<default>',
  unique (form_id, version)
);

-- Start events that the latest version of a process subscribes to (message/signal names).
create table engine_start_events (
  process_definition_key bigint not null,
  bpmn_process_id text not null,
  element_id text not null,
  kind text not null,
  name text not null,
  primary key (process_definition_key, element_id)
);
create index engine_start_events_name on engine_start_events (kind, name);

create table engine_process_instances (
  key bigint primary key,
  process_definition_key bigint not null,
  bpmn_process_id text not null,
  version int not null,
  state text not null,
  start_date timestamptz not null,
  end_date timestamptz,
  parent_process_instance_key bigint,
  parent_element_instance_key bigint,
  has_incident boolean not null default false,
  tenant_id text not null default '<default>'
);
create index engine_process_instances_definition on engine_process_instances (bpmn_process_id, state);

create table engine_element_instances (
  key bigint primary key,
  process_instance_key bigint not null,
  process_definition_key bigint not null,
  bpmn_process_id text not null,
  element_id text not null,
  element_name text,
  type text not null,
  state text not null,
  flow_scope_key bigint,
  start_date timestamptz not null,
  end_date timestamptz,
  incident_key bigint,
  data jsonb not null default '{}',
  tenant_id text not null default '<default>'
);
create index engine_element_instances_active on engine_element_instances (process_instance_key)
  where state = 'ACTIVE';
create index engine_element_instances_instance on engine_element_instances (process_instance_key, key);

create table engine_variables (
  key bigint primary key,
  scope_key bigint not null,
  process_instance_key bigint not null,
  name text not null,
  value text not null,
  tenant_id text not null default '<default>',
  unique (scope_key, name)
);
create index engine_variables_instance on engine_variables (process_instance_key);

create table engine_jobs (
  key bigint primary key,
  type text not null,
  state text not null,
  retries int not null,
  deadline timestamptz,
  retry_at timestamptz,
  worker text,
  error_message text,
  process_instance_key bigint not null,
  element_instance_key bigint not null,
  process_definition_key bigint not null,
  bpmn_process_id text not null,
  version int not null,
  element_id text not null,
  custom_headers jsonb not null default '{}',
  tenant_id text not null default '<default>'
);
create index engine_jobs_activatable on engine_jobs (type, key) where state in ('ACTIVATABLE', 'ACTIVATED');
create index engine_jobs_element on engine_jobs (element_instance_key);

create table engine_user_tasks (
  key bigint primary key,
  element_instance_key bigint not null,
  process_instance_key bigint not null,
  process_definition_key bigint not null,
  bpmn_process_id text not null,
  version int not null,
  element_id text not null,
  name text,
  state text not null,
  assignee text,
  candidate_groups jsonb not null default '[]',
  candidate_users jsonb not null default '[]',
  due_date timestamptz,
  follow_up_date timestamptz,
  creation_date timestamptz not null,
  completion_date timestamptz,
  form_key bigint,
  external_form_reference text,
  custom_headers jsonb not null default '{}',
  priority int not null default 50,
  tenant_id text not null default '<default>'
);
create index engine_user_tasks_element on engine_user_tasks (element_instance_key);
create index engine_user_tasks_state on engine_user_tasks (state, creation_date);

create table engine_incidents (
  key bigint primary key,
  process_instance_key bigint not null,
  process_definition_key bigint not null,
  bpmn_process_id text not null,
  element_id text not null,
  element_instance_key bigint not null,
  job_key bigint,
  error_type text not null,
  error_message text,
  state text not null,
  creation_time timestamptz not null,
  tenant_id text not null default '<default>'
);
create index engine_incidents_instance on engine_incidents (process_instance_key);

create table engine_timers (
  key bigint primary key,
  process_instance_key bigint,
  element_instance_key bigint,
  process_definition_key bigint not null,
  element_id text not null,
  due_date timestamptz not null,
  repetitions int not null default 1,
  interval text
);
create index engine_timers_due on engine_timers (due_date);
create index engine_timers_element on engine_timers (element_instance_key);

create table engine_message_subscriptions (
  key bigint primary key,
  process_instance_key bigint not null,
  element_instance_key bigint not null,
  bpmn_process_id text not null,
  element_id text not null,
  message_name text not null,
  correlation_key text not null
);
create index engine_message_subscriptions_name on engine_message_subscriptions (message_name, correlation_key);
create index engine_message_subscriptions_element on engine_message_subscriptions (element_instance_key);

create table engine_messages (
  key bigint primary key,
  name text not null,
  correlation_key text not null,
  message_id text,
  variables text not null,
  expires_at timestamptz not null,
  tenant_id text not null default '<default>'
);
create index engine_messages_name on engine_messages (name, correlation_key);
create unique index engine_messages_id on engine_messages (name, message_id) where message_id is not null;

-- One correlation per message per process id (Zeebe rule), also across buffered re-tries.
create table engine_message_correlations (
  message_key bigint not null,
  bpmn_process_id text not null,
  primary key (message_key, bpmn_process_id)
);

create table engine_signal_subscriptions (
  key bigint primary key,
  process_instance_key bigint not null,
  element_instance_key bigint not null,
  element_id text not null,
  signal_name text not null
);
create index engine_signal_subscriptions_name on engine_signal_subscriptions (signal_name);
create index engine_signal_subscriptions_element on engine_signal_subscriptions (element_instance_key);

-- Wake job long-polls and awaitCompletion waiters in every engine process sharing the database.
create function engine_notify_job() returns trigger language plpgsql as $$
begin
  if new.state = 'ACTIVATABLE' then perform pg_notify('engine_jobs', new.type); end if;
  return null;
end $$;
create trigger engine_jobs_notify after insert or update of state on engine_jobs
  for each row execute function engine_notify_job();

create function engine_notify_instance() returns trigger language plpgsql as $$
begin
  if new.state <> 'ACTIVE' then perform pg_notify('engine_instances', new.key::text); end if;
  return null;
end $$;
create trigger engine_instances_notify after update of state on engine_process_instances
  for each row execute function engine_notify_instance();
`);
  },
  async down(knex: Knex) {
    await knex.raw(`
drop table if exists engine_clock, engine_process_definitions, engine_forms, engine_start_events,
  engine_process_instances, engine_element_instances, engine_variables, engine_jobs,
  engine_user_tasks, engine_incidents, engine_timers, engine_message_subscriptions,
  engine_messages, engine_message_correlations, engine_signal_subscriptions cascade;
drop function if exists engine_notify_job, engine_notify_instance;
drop sequence if exists engine_key_seq;`);
  },
};
