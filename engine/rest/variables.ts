import { Router } from 'express';
import type { Knex } from 'knex';
import type { Engine } from '../engine';
import { notFound } from './engine-error';
import { applyFilter, runSearch, SearchSpec } from './search';
import { keyParam } from './key-param';

/** Values longer than this are truncated in search results (full text via GET). */
const TRUNCATE = 8191;

export const variableSpec: SearchSpec = {
  fields: {
    name: { column: 'v.name', kind: 'string' },
    value: { column: 'v.value', kind: 'string' },
    variableKey: { column: 'v.key', kind: 'key' },
    scopeKey: { column: 'v.scope_key', kind: 'key' },
    processInstanceKey: { column: 'v.process_instance_key', kind: 'key' },
    tenantId: { column: 'v.tenant_id', kind: 'string' },
  },
  defaultSort: 'variableKey',
};

export function variableQuery(db: Knex) {
  return db('engine_variables as v').select(
    db.raw(`v.key::text as key, v.name, v.value, v.scope_key::text as scope_key,
      v.process_instance_key::text as pik, v.tenant_id`),
  );
}

export function variableItem(r: Record<string, unknown>) {
  const value = String(r.value);
  const truncated = value.length > TRUNCATE;
  return {
    variableKey: r.key,
    name: r.name,
    value: truncated ? value.slice(0, TRUNCATE) : value,
    isTruncated: truncated,
    scopeKey: r.scope_key,
    processInstanceKey: r.pik,
    tenantId: r.tenant_id,
  };
}

export function variablesRouter(engine: Engine): Router {
  const r = Router();
  r.param('key', keyParam);
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/search-variables/
  r.post('/variables/search', async (req, res) => {
    const q = variableQuery(engine.db);
    const filter = { ...(req.body.filter ?? {}) };
    if (filter.isTruncated !== undefined) {
      q.whereRaw(`(length(v.value) > ${TRUNCATE}) = ?`, [filter.isTruncated === true]);
      delete filter.isTruncated;
    }
    applyFilter(q, variableSpec, filter);
    res.json(await runSearch(q, variableSpec, req.body, variableItem));
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/get-variable/
  r.get('/variables/:key', async (req, res) => {
    const key = req.params.key;
    const row = /^\d+$/.test(key)
      ? await variableQuery(engine.db).where('v.key', key).first()
      : undefined;
    if (!row) throw notFound('GET', `Variable with key '${key}' not found`);
    const { isTruncated: _t, ...item } = { ...variableItem(row), value: String(row.value) };
    res.json(item);
  });
  return r;
}
