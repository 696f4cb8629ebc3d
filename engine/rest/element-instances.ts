import { Router } from 'express';
import type { Knex } from 'knex';
import type { Engine } from '../engine';
import { setVariables } from '../commands/set-variables';
import { notFound } from './engine-error';
import { applyFilter, iso, runSearch, SearchSpec, str } from './search';
import { keyParam } from './key-param';

const spec: SearchSpec = {
  fields: {
    elementInstanceKey: { column: 'e.key', kind: 'key' },
    processInstanceKey: { column: 'e.process_instance_key', kind: 'key' },
    processDefinitionKey: { column: 'e.process_definition_key', kind: 'key' },
    processDefinitionId: { column: 'e.bpmn_process_id', kind: 'string' },
    state: { column: 'e.state', kind: 'enum' },
    type: { column: 'e.type', kind: 'enum' },
    elementId: { column: 'e.element_id', kind: 'string' },
    elementName: { column: 'e.element_name', kind: 'string' },
    hasIncident: { column: 'has_incident', kind: 'bool' },
    incidentKey: { column: 'e.incident_key', kind: 'key' },
    tenantId: { column: 'e.tenant_id', kind: 'string' },
    startDate: { column: 'e.start_date', kind: 'date' },
    endDate: { column: 'e.end_date', kind: 'date' },
    elementInstanceScopeKey: { column: 'e.flow_scope_key', kind: 'key' },
  },
  defaultSort: 'elementInstanceKey',
};

function elementQuery(db: Knex) {
  return db('engine_element_instances as e')
    .whereNot('e.type', 'PROCESS')
    .select(
      db.raw(`e.key::text as key, e.process_instance_key::text as pik,
        e.process_definition_key::text as pdk, e.bpmn_process_id, e.element_id, e.element_name,
        e.type, e.state, e.start_date, e.end_date, e.incident_key::text as incident_key,
        e.tenant_id`),
    );
}

function elementItem(r: Record<string, unknown>) {
  return {
    elementInstanceKey: r.key,
    processInstanceKey: r.pik,
    processDefinitionKey: r.pdk,
    processDefinitionId: r.bpmn_process_id,
    elementId: r.element_id,
    elementName: r.element_name ?? r.element_id,
    type: r.type,
    state: r.state,
    startDate: iso(r.start_date),
    endDate: iso(r.end_date),
    hasIncident: r.incident_key !== null && r.incident_key !== undefined,
    incidentKey: str(r.incident_key),
    tenantId: r.tenant_id,
  };
}

export function elementInstancesRouter(engine: Engine): Router {
  const r = Router();
  r.param('key', keyParam);
  const { db } = engine;
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/search-element-instances/
  r.post('/element-instances/search', async (req, res) => {
    const q = elementQuery(db);
    const filter = { ...(req.body.filter ?? {}) };
    if (filter.hasIncident !== undefined) {
      q.where((w) =>
        filter.hasIncident ? w.whereNotNull('e.incident_key') : w.whereNull('e.incident_key'),
      );
      delete filter.hasIncident;
    }
    applyFilter(q, spec, filter);
    res.json(await runSearch(q, spec, req.body, elementItem));
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/get-element-instance/
  r.get('/element-instances/:key', async (req, res) => {
    const key = req.params.key;
    const row = /^\d+$/.test(key) ? await elementQuery(db).where('e.key', key).first() : undefined;
    if (!row) throw notFound('GET', `Element instance with key '${key}' not found`);
    res.json(elementItem(row));
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/create-element-instance-variables/
  r.put('/element-instances/:key/variables', async (req, res) => {
    await setVariables(engine, req.params.key, req.body.variables, !!req.body.local);
    res.status(204).end();
  });
  return r;
}
