import type { Knex } from 'knex';
import type { Command } from '../runtime/command';
import { positional, runStatement } from './prepared';
import { insertRows, Statement } from './insert-rows';

/** Tables whose rows belong to an element instance and die with it. */
const OWNED = new Set([
  'engine_jobs',
  'engine_timers',
  'engine_message_subscriptions',
  'engine_signal_subscriptions',
]);

/**
 * Writes a command's changes in few round trips: explicit updates and deletes first, then ONE
 * statement of data-modifying CTEs with every insert and upsert, the closing of what ended
 * elements owned (jobs, timers, subscriptions go; open user tasks cancel; incidents resolve),
 * and the revision bump of every instance the command read — checked by the final select, so a
 * lost optimistic race undoes the whole statement. Rows created for an element that also ended
 * in this command are written already closed, because sibling CTEs do not see each other's rows.
 * A hot command (create, complete job) is thus a single autocommitted statement.
 */
export async function flush(cmd: Command): Promise<void> {
  const b = cmd.db;
  const parts: Statement[] = [];
  const closed = cmd.closedElements;
  const created = [...cmd.instances.values()].filter((pi) => pi.rev === null);
  const loaded = [...cmd.instances.values()].filter((pi) => pi.rev !== null);
  if (created.length)
    parts.push(
      insertRows(
        'engine_process_instances',
        created.map((pi) => ({
          key: pi.key,
          process_definition_key: pi.processDefinitionKey,
          bpmn_process_id: pi.bpmnProcessId,
          version: pi.version,
          state: pi.state,
          start_date: pi.startDate,
          end_date: pi.endDate,
          parent_process_instance_key: pi.parentProcessInstanceKey,
          parent_element_instance_key: pi.parentElementInstanceKey,
          has_incident: pi.hasIncident,
          tenant_id: pi.tenantId,
        })),
      ),
    );
  // Every instance the command read is written back with its revision bumped, only if the
  // revision is still the one read; the final select counts the matches (see migration 002).
  const revisionPart = parts.length;
  if (loaded.length)
    parts.push({
      sql: `update engine_process_instances p
               set state = v.state, end_date = v.end_date, has_incident = v.has_incident,
                   rev = p.rev + 1
              from (values ${loaded.map(() => '(?::bigint, ?::bigint, ?, ?::timestamptz, ?::boolean)').join(', ')})
                   as v(key, rev, state, end_date, has_incident)
             where p.key = v.key and p.rev = v.rev
            returning 1`,
      bindings: loaded.flatMap((pi) => [pi.key, pi.rev, pi.state, pi.endDate, pi.hasIncident]),
    });
  if (cmd.dirtyElements.size) {
    const rows = [...cmd.dirtyElements].map((k) => {
      const e = cmd.elements.get(k)!;
      return {
        key: e.key,
        process_instance_key: e.processInstanceKey,
        process_definition_key: e.processDefinitionKey,
        bpmn_process_id: e.bpmnProcessId,
        element_id: e.elementId,
        element_name: e.elementName,
        type: e.type,
        state: e.state,
        flow_scope_key: e.flowScopeKey,
        start_date: e.startDate,
        end_date: e.endDate,
        incident_key: e.incidentKey,
        data: JSON.stringify(e.data),
        tenant_id: e.tenantId,
      };
    });
    parts.push(
      insertRows('engine_element_instances', rows, {
        target: ['key'],
        merge: ['state', 'end_date', 'incident_key', 'data'],
      }),
    );
  }
  if (cmd.dirtyVariables.size) {
    const rows = [...cmd.dirtyVariables].map((v) => ({
      key: v.key,
      scope_key: v.scopeKey,
      process_instance_key: v.processInstanceKey,
      name: v.name,
      value: v.value,
      tenant_id: v.tenantId,
    }));
    parts.push(
      insertRows('engine_variables', rows, { target: ['scope_key', 'name'], merge: ['value'] }),
    );
  }
  for (const [table, all] of Object.entries(cmd.inserts)) {
    const endedWith = (r: Record<string, unknown>) => closed.has(String(r.element_instance_key));
    const rows = OWNED.has(table) ? all.filter((r) => !endedWith(r)) : all;
    for (const r of rows) {
      if (table === 'engine_user_tasks' && endedWith(r) && r.state === 'CREATED')
        r.state = 'CANCELED';
      if (table === 'engine_incidents' && endedWith(r)) r.state = 'RESOLVED';
    }
    if (rows.length) parts.push(insertRows(table, rows));
  }
  // Rows of elements created by this command are all in its inserts (filtered above).
  const keys = [...closed].filter((k) => !cmd.createdElements.has(k));
  if (keys.length) {
    const closing: [string, unknown[]][] = [
      [`delete from engine_jobs where element_instance_key = any(?::bigint[])`, [keys]],
      [`delete from engine_timers where element_instance_key = any(?::bigint[])`, [keys]],
      [
        `delete from engine_message_subscriptions where element_instance_key = any(?::bigint[])`,
        [keys],
      ],
      [
        `delete from engine_signal_subscriptions where element_instance_key = any(?::bigint[])`,
        [keys],
      ],
      [
        `update engine_user_tasks set state = 'CANCELED', completion_date = ?
          where element_instance_key = any(?::bigint[]) and state = 'CREATED'`,
        [cmd.now, keys],
      ],
      [
        `update engine_incidents set state = 'RESOLVED'
          where element_instance_key = any(?::bigint[]) and state = 'ACTIVE'`,
        [keys],
      ],
    ];
    for (const [sql, bindings] of closing) parts.push({ sql, bindings });
  }
  const statements: { sql: string; bindings: readonly unknown[] }[] = [];
  for (const u of cmd.updates)
    statements.push(b(u.table).where({ key: u.key }).update(u.set).toSQL());
  for (const d of cmd.deletes) statements.push(b(d.table).where({ key: d.key }).delete().toSQL());
  if (parts.length)
    statements.push({
      sql: `with ${parts.map((p, i) => `w${i} as (${p.sql})`).join(', ')} select ${
        loaded.length
          ? `engine_check_revisions((select count(*) from w${revisionPart}), ${loaded.length})`
          : '1'
      }`,
      bindings: parts.flatMap((p) => p.bindings),
    });
  if (statements.length === 0) return;
  // One statement and nothing read under a lock: it commits on its own.
  const runner: Knex | Knex.Transaction =
    cmd.inTransaction || statements.length > 1 ? await cmd.tx() : cmd.db;
  for (const s of statements) await runStatement(runner, positional(s.sql), s.bindings);
}
