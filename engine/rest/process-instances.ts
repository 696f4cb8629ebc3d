import { Router } from 'express';
import type { Engine } from '../engine';
import { startInstance } from '../commands/create-instance';
import { awaitResult } from '../commands/await-result';
import { cancelInstance } from '../commands/cancel-instance';
import { modifyInstance } from '../commands/modify-instance';
import { migrateInstance } from '../commands/migrate-instance';
import { migrationRequest, modificationRequest } from './instance-requests';
import { notFound } from './engine-error';
import { applyField, applyFilter, iso, runSearch, SearchSpec, str } from './search';
import type { Knex } from 'knex';
import { keyParam } from './key-param';
import { int64 } from './int64';

const spec: SearchSpec = {
  fields: {
    processInstanceKey: { column: 'p.key', kind: 'key' },
    processDefinitionKey: { column: 'p.process_definition_key', kind: 'key' },
    parentProcessInstanceKey: { column: 'p.parent_process_instance_key', kind: 'key' },
    parentElementInstanceKey: { column: 'p.parent_element_instance_key', kind: 'key' },
    parentFlowNodeInstanceKey: { column: 'p.parent_element_instance_key', kind: 'key' },
    processDefinitionId: { column: 'p.bpmn_process_id', kind: 'string' },
    processDefinitionName: { column: 'd.name', kind: 'string' },
    processDefinitionVersion: { column: 'p.version', kind: 'int' },
    processDefinitionVersionTag: { column: 'd.version_tag', kind: 'string' },
    state: { column: 'p.state', kind: 'enum' },
    startDate: { column: 'p.start_date', kind: 'date' },
    endDate: { column: 'p.end_date', kind: 'date' },
    hasIncident: { column: 'p.has_incident', kind: 'bool' },
    tenantId: { column: 'p.tenant_id', kind: 'string' },
  },
  defaultSort: 'processInstanceKey',
};

export function instanceQuery(db: Knex) {
  return db('engine_process_instances as p')
    .leftJoin('engine_process_definitions as d', 'd.key', 'p.process_definition_key')
    .select(
      db.raw(`p.key::text as key, p.process_definition_key::text as pdk, p.bpmn_process_id,
        d.name, p.version, d.version_tag, p.start_date, p.end_date, p.state, p.has_incident,
        p.tenant_id, p.parent_process_instance_key::text as ppik,
        p.parent_element_instance_key::text as peik`),
    );
}

export function instanceItem(r: Record<string, unknown>) {
  return {
    processInstanceKey: r.key,
    processDefinitionKey: r.pdk,
    processDefinitionId: r.bpmn_process_id,
    processDefinitionName: r.name ?? r.bpmn_process_id,
    processDefinitionVersion: r.version,
    processDefinitionVersionTag: r.version_tag ?? undefined,
    startDate: iso(r.start_date),
    endDate: iso(r.end_date),
    state: r.state,
    hasIncident: r.has_incident,
    tenantId: r.tenant_id,
    parentProcessInstanceKey: str(r.ppik),
    parentElementInstanceKey: str(r.peik),
  };
}

function applyInstanceFilter(db: Knex, q: Knex.QueryBuilder, filter: Record<string, unknown>) {
  applyFilter(q, spec, filter);
  for (const v of (filter.variables as { name: string; value: unknown }[] | undefined) ?? []) {
    q.whereExists(function () {
      this.select(db.raw('1'))
        .from('engine_variables as v')
        .whereRaw('v.scope_key = p.key')
        .andWhere('v.name', v.name);
      applyField(this, 'v.value', 'string', 'variables.value', v.value);
    });
  }
  // Filters on the instance's elements, incidents and jobs.
  const exists = (table: string, apply: (q: Knex.QueryBuilder) => void) =>
    q.whereExists(function () {
      this.select(db.raw('1')).from(table).whereRaw('x.process_instance_key = p.key');
      apply(this);
    });
  if (filter.elementId !== undefined || filter.elementInstanceState !== undefined)
    exists('engine_element_instances as x', (sub) => {
      applyField(sub, 'x.element_id', 'string', 'elementId', filter.elementId);
      applyField(sub, 'x.state', 'enum', 'elementInstanceState', filter.elementInstanceState);
    });
  if (filter.hasElementInstanceIncident !== undefined)
    exists('engine_element_instances as x', (sub) => {
      if (filter.hasElementInstanceIncident) sub.whereNotNull('x.incident_key');
      else sub.whereNull('x.incident_key');
    });
  if (filter.errorMessage !== undefined)
    exists('engine_incidents as x', (sub) => {
      sub.where('x.state', 'ACTIVE');
      applyField(sub, 'x.error_message', 'string', 'errorMessage', filter.errorMessage);
    });
  if (filter.hasRetriesLeft !== undefined)
    exists('engine_jobs as x', (sub) => {
      if (filter.hasRetriesLeft) sub.where('x.retries', '>', 0);
      else sub.where('x.retries', '<=', 0);
    });
  const or = filter.$or as Record<string, unknown>[] | undefined;
  if (or?.length)
    q.where(function () {
      for (const f of or) this.orWhere((sub) => applyInstanceFilter(db, sub, f));
    });
}

export function processInstancesRouter(engine: Engine): Router {
  const r = Router();
  r.param('key', keyParam);
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/create-process-instance/
  r.post('/process-instances', async (req, res) => {
    const body = req.body ?? {};
    const { pi, result } = await startInstance(engine, body);
    if (!body.awaitCompletion) {
      res.json(result);
      return;
    }
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const fetch: string[] = Array.isArray(body.fetchVariables) ? body.fetchVariables : [];
    const timeout = int64(body.requestTimeout, 'requestTimeout');
    result.variables = await awaitResult(engine, pi.key, timeout, fetch, abort.signal);
    res.json(result);
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/cancel-process-instance/
  r.post('/process-instances/:key/cancellation', async (req, res) => {
    await cancelInstance(engine.ctx, req.params.key);
    res.status(204).end();
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/modify-process-instance/
  r.post('/process-instances/:key/modification', async (req, res) => {
    await modifyInstance(engine.ctx, req.params.key, modificationRequest(req.body));
    res.status(204).end();
  });
  // https://docs.camunda.io/docs/apis-tools/orchestration-cluster-api-rest/specifications/migrate-process-instance/
  r.post('/process-instances/:key/migration', async (req, res) => {
    await migrateInstance(engine.ctx, req.params.key, migrationRequest(req.body));
    res.status(204).end();
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/search-process-instances/
  r.post('/process-instances/search', async (req, res) => {
    const q = instanceQuery(engine.db);
    applyInstanceFilter(engine.db, q, req.body.filter ?? {});
    res.json(await runSearch(q, spec, req.body, instanceItem));
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/get-process-instance/
  r.get('/process-instances/:key', async (req, res) => {
    const key = req.params.key;
    const row = /^\d+$/.test(key)
      ? await instanceQuery(engine.db).where('p.key', key).first()
      : undefined;
    if (!row) throw notFound('GET', `Process instance with key '${key}' not found`);
    res.json(instanceItem(row));
  });
  return r;
}
