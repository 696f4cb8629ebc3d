import type { Knex } from 'knex';
import { runStatement } from './prepared';

export interface ActivateRequest {
  type: string;
  worker: string;
  timeout: number;
  maxJobsToActivate: number;
  fetchVariable?: string[];
}

export interface ActivatedJob {
  jobKey: string;
  type: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  processDefinitionVersion: number;
  elementInstanceKey: string;
  elementId: string;
  customHeaders: Record<string, string>;
  worker: string;
  retries: number;
  deadline: number;
  variables: Record<string, unknown>;
  tenantId: string;
  kind: 'BPMN_ELEMENT';
  listenerEventType: 'UNSPECIFIED';
}

/**
 * Activates up to `max` jobs of a type in ONE statement: a set-based update (`for update skip
 * locked`, so engine processes sharing the database never hand out a job twice) returning the
 * jobs with the variables visible at each job's element (a recursive walk up the scope chain,
 * inner scopes shadowing outer ones). Jobs go out first come, first served: in the order their
 * rows were written (`ready_seq`, migration 004), not by key, which is reserved in blocks per
 * engine process. A job whose deadline passed is activatable again without spending a retry,
 * in its old place. If the client went away meanwhile, the jobs are handed back at once.
 */
export async function activateJobs(
  db: Knex,
  now: Date,
  req: ActivateRequest,
  aborted: () => boolean,
): Promise<ActivatedJob[]> {
  const deadline = new Date(now.getTime() + req.timeout);
  const names = req.fetchVariable?.length ? req.fetchVariable : null;
  const result = await runStatement(
    db,
    `with recursive activated as (
       update engine_jobs j set state = 'ACTIVATED', deadline = $1, worker = $2
         from (select key from engine_jobs
                where type = $3
                  and (state = 'ACTIVATABLE' or (state = 'ACTIVATED' and deadline <= $4))
                  and (retry_at is null or retry_at <= $4)
                order by ready_seq
                for update skip locked
                limit $5) s
        where j.key = s.key
      returning j.key, j.ready_seq, j.type, j.retries, j.process_instance_key,
                j.element_instance_key, j.process_definition_key, j.bpmn_process_id, j.version,
                j.element_id, j.custom_headers, j.tenant_id),
     chain(job_key, scope_key, depth) as (
       select a.key, a.element_instance_key, 0 from activated a
       union all
       select c.job_key, e.flow_scope_key, c.depth + 1
         from chain c join engine_element_instances e on e.key = c.scope_key
        where e.flow_scope_key is not null)
     select a.key::text, a.type, a.retries, a.process_instance_key::text,
            a.element_instance_key::text, a.process_definition_key::text, a.bpmn_process_id,
            a.version, a.element_id, a.custom_headers, a.tenant_id,
            (select coalesce(json_agg(json_build_object('name', v.name, 'value', v.value)
                                      order by c.depth desc), '[]')
               from chain c join engine_variables v on v.scope_key = c.scope_key
              where c.job_key = a.key ${names ? 'and v.name = any($6)' : ''}) as vars
       from activated a
      order by a.ready_seq`,
    [deadline, req.worker, req.type, now, req.maxJobsToActivate, ...(names ? [names] : [])],
  );
  const rows = result.rows as Record<string, unknown>[];
  if (rows.length && aborted()) {
    await db.raw(
      `update engine_jobs set state = 'ACTIVATABLE', deadline = null, worker = null
        where key = any(?::bigint[]) and state = 'ACTIVATED' and deadline = ?`,
      [rows.map((r) => String(r.key)), deadline],
    );
    return [];
  }
  return rows.map((r) => {
    const variables: Record<string, unknown> = {};
    // Outer scopes first, so inner variables overwrite them.
    for (const v of r.vars as { name: string; value: string }[])
      variables[v.name] = JSON.parse(v.value);
    return {
      jobKey: r.key as string,
      type: r.type as string,
      processInstanceKey: r.process_instance_key as string,
      processDefinitionKey: r.process_definition_key as string,
      processDefinitionId: r.bpmn_process_id as string,
      processDefinitionVersion: r.version as number,
      elementInstanceKey: r.element_instance_key as string,
      elementId: r.element_id as string,
      customHeaders: r.custom_headers as Record<string, string>,
      worker: req.worker,
      retries: r.retries as number,
      deadline: deadline.getTime(),
      variables,
      tenantId: r.tenant_id as string,
      kind: 'BPMN_ELEMENT' as const,
      listenerEventType: 'UNSPECIFIED' as const,
    };
  });
}
