import type { Knex } from 'knex';

/** What a migration rewrites, keyed by element instance. */
export interface MigratedRows {
  processInstanceKey: string;
  definition: { key: string; bpmnProcessId: string; version: number };
  /** Active element instances and their new element ids and names. */
  elements: { key: string; elementId: string; elementName: string | null }[];
  /** Timers and subscriptions of an element instance kept under a new element id. */
  kept: { eik: string; from: string; to: string }[];
  /** Timers and subscriptions of an element instance closed (their catch event is not mapped). */
  dropped: { eik: string; elementId: string }[];
}

/**
 * Moves the rows of a migrated process instance to the target definition in one statement of
 * data-modifying CTEs: the instance, its active element instances with their jobs, user tasks
 * (same keys, same assignee) and active incidents, and the timers and subscriptions that stay.
 * Runs inside the migration command's transaction, the instance row locked.
 */
export async function migrateRows(trx: Knex.Transaction, m: MigratedRows): Promise<void> {
  const d = m.definition;
  const moved = `jsonb_to_recordset(cast(:elements as jsonb)) as v(key bigint, "elementId" text, "elementName" text)`;
  const kept = `jsonb_to_recordset(cast(:kept as jsonb)) as k(eik bigint, "from" text, "to" text)`;
  const dropped = `jsonb_to_recordset(cast(:dropped as jsonb)) as x(eik bigint, "elementId" text)`;
  const definition = `process_definition_key = :pdk, bpmn_process_id = :bpid`;
  const owned = (table: string, set: string) =>
    `update ${table} r set ${set}, element_id = v."elementId" from ${moved}
      where r.element_instance_key = v.key`;
  const drop = (table: string) =>
    `delete from ${table} r using ${dropped}
      where r.element_instance_key = x.eik and r.element_id = x."elementId"`;
  const keep = (table: string, set = '') =>
    `update ${table} r set element_id = k."to"${set} from ${kept}
      where r.element_instance_key = k.eik and r.element_id = k."from"`;
  const statements = [
    `update engine_process_instances set ${definition}, version = :version where key = :pik`,
    `update engine_element_instances r set ${definition}, element_id = v."elementId",
            element_name = v."elementName" from ${moved} where r.key = v.key`,
    owned('engine_jobs', `${definition}, version = :version`),
    owned('engine_user_tasks', `${definition}, version = :version`),
    `${owned('engine_incidents', definition)} and r.state = 'ACTIVE'`,
    drop('engine_timers'),
    drop('engine_message_subscriptions'),
    drop('engine_signal_subscriptions'),
    keep('engine_timers', ', process_definition_key = :pdk'),
    keep('engine_message_subscriptions', ', bpmn_process_id = :bpid'),
    keep('engine_signal_subscriptions'),
  ];
  await trx.raw(
    `with ${statements.map((s, i) => `m${i} as (${s} returning 1)`).join(', ')} select 1`,
    {
      pik: m.processInstanceKey,
      pdk: d.key,
      bpid: d.bpmnProcessId,
      version: d.version,
      elements: JSON.stringify(m.elements),
      kept: JSON.stringify(m.kept),
      dropped: JSON.stringify(m.dropped),
    },
  );
}
