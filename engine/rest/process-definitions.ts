import { Router } from 'express';
import type { Knex } from 'knex';
import type { Engine } from '../engine';
import { notFound } from './engine-error';
import { applyFilter, runSearch, SearchSpec } from './search';
import { keyParam } from './key-param';

const spec: SearchSpec = {
  fields: {
    processDefinitionKey: { column: 'd.key', kind: 'key' },
    processDefinitionId: { column: 'd.bpmn_process_id', kind: 'string' },
    name: { column: 'd.name', kind: 'string' },
    resourceName: { column: 'd.resource_name', kind: 'string' },
    version: { column: 'd.version', kind: 'int' },
    versionTag: { column: 'd.version_tag', kind: 'string' },
    tenantId: { column: 'd.tenant_id', kind: 'string' },
  },
  defaultSort: 'processDefinitionKey',
};

function definitionQuery(db: Knex) {
  return db('engine_process_definitions as d').select(
    db.raw(`d.key::text as key, d.bpmn_process_id, d.name, d.resource_name, d.version,
      d.version_tag, d.tenant_id,
      d.version = (select max(x.version) from engine_process_definitions x
                    where x.bpmn_process_id = d.bpmn_process_id) as is_latest`),
  );
}

function definitionItem(r: Record<string, unknown>) {
  return {
    processDefinitionKey: r.key,
    processDefinitionId: r.bpmn_process_id,
    name: r.name ?? undefined,
    resourceName: r.resource_name,
    version: r.version,
    versionTag: r.version_tag ?? undefined,
    tenantId: r.tenant_id,
    hasStartForm: false,
  };
}

export function processDefinitionsRouter(engine: Engine): Router {
  const r = Router();
  r.param('key', keyParam);
  const { db } = engine;
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/search-process-definitions/
  r.post('/process-definitions/search', async (req, res) => {
    const q = definitionQuery(db);
    const filter = { ...(req.body.filter ?? {}) };
    if (filter.isLatestVersion !== undefined) {
      const latest = db.raw(
        `d.version = (select max(x.version) from engine_process_definitions x where x.bpmn_process_id = d.bpmn_process_id)`,
      );
      if (filter.isLatestVersion) q.whereRaw(latest.toString());
      else q.whereRaw(`not (${latest.toString()})`);
      delete filter.isLatestVersion;
    }
    applyFilter(q, spec, filter);
    res.json(await runSearch(q, spec, req.body, definitionItem));
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/get-process-definition/
  r.get('/process-definitions/:key', async (req, res) => {
    const key = req.params.key;
    const row = /^\d+$/.test(key)
      ? await definitionQuery(db).where('d.key', key).first()
      : undefined;
    if (!row) throw notFound('GET', `Process definition with key '${key}' not found`);
    res.json(definitionItem(row));
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/get-process-definition-xml/
  r.get('/process-definitions/:key/xml', async (req, res) => {
    const key = req.params.key;
    const row = /^\d+$/.test(key)
      ? await db('engine_process_definitions').where({ key }).first('xml')
      : undefined;
    if (!row) throw notFound('GET', `Process definition with key '${key}' not found`);
    res.type('text/xml').send(row.xml);
  });
  return r;
}
