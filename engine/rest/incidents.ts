import { Router } from 'express';
import type { Knex } from 'knex';
import type { Engine } from '../engine';
import { resolveIncident } from '../commands/resolve-incident';
import { notFound } from './engine-error';
import { applyFilter, iso, runSearch, SearchSpec, str } from './search';
import { keyParam } from './key-param';

const spec: SearchSpec = {
  fields: {
    incidentKey: { column: 'i.key', kind: 'key' },
    processDefinitionKey: { column: 'i.process_definition_key', kind: 'key' },
    processDefinitionId: { column: 'i.bpmn_process_id', kind: 'string' },
    processInstanceKey: { column: 'i.process_instance_key', kind: 'key' },
    errorType: { column: 'i.error_type', kind: 'enum' },
    errorMessage: { column: 'i.error_message', kind: 'string' },
    elementId: { column: 'i.element_id', kind: 'string' },
    elementInstanceKey: { column: 'i.element_instance_key', kind: 'key' },
    creationTime: { column: 'i.creation_time', kind: 'date' },
    state: { column: 'i.state', kind: 'enum' },
    jobKey: { column: 'i.job_key', kind: 'key' },
    tenantId: { column: 'i.tenant_id', kind: 'string' },
  },
  defaultSort: 'incidentKey',
};

function incidentQuery(db: Knex) {
  return db('engine_incidents as i').select(
    db.raw(`i.key::text as key, i.process_definition_key::text as pdk, i.bpmn_process_id,
      i.process_instance_key::text as pik, i.error_type, i.error_message, i.element_id,
      i.element_instance_key::text as eik, i.creation_time, i.state, i.job_key::text as job_key,
      i.tenant_id`),
  );
}

function incidentItem(r: Record<string, unknown>) {
  return {
    incidentKey: r.key,
    processDefinitionKey: r.pdk,
    processDefinitionId: r.bpmn_process_id,
    processInstanceKey: r.pik,
    errorType: r.error_type,
    errorMessage: r.error_message,
    elementId: r.element_id,
    elementInstanceKey: r.eik,
    creationTime: iso(r.creation_time),
    state: r.state,
    ...(r.job_key ? { jobKey: str(r.job_key) } : {}),
    tenantId: r.tenant_id,
  };
}

export function incidentsRouter(engine: Engine): Router {
  const r = Router();
  r.param('key', keyParam);
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/search-incidents/
  r.post('/incidents/search', async (req, res) => {
    const q = incidentQuery(engine.db);
    applyFilter(q, spec, req.body.filter ?? {});
    res.json(await runSearch(q, spec, req.body, incidentItem));
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/get-incident/
  r.get('/incidents/:key', async (req, res) => {
    const key = req.params.key;
    const row = /^\d+$/.test(key)
      ? await incidentQuery(engine.db).where('i.key', key).first()
      : undefined;
    if (!row) throw notFound('GET', `Incident with key '${key}' not found`);
    res.json(incidentItem(row));
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/resolve-incident/
  r.post('/incidents/:key/resolution', async (req, res) => {
    await resolveIncident(engine.ctx, req.params.key);
    res.status(204).end();
  });
  return r;
}
