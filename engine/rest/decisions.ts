import { RequestHandler, Router } from 'express';
import type { Knex } from 'knex';
import type { Engine } from '../engine';
import { evaluateDecisionCommand } from '../commands/evaluate-decision';
import { invalidArgument, notFound } from './engine-error';
import { applyFilter, iso, runSearch, SearchSpec, str } from './search';
import { keyParam } from './key-param';

type Row = Record<string, unknown>;

/** A searchable, gettable entity: its table, filter fields and the item it answers. */
interface Entity {
  spec: SearchSpec;
  query: (db: Knex) => Knex.QueryBuilder;
  keyColumn: string;
  item: (r: Row) => Record<string, unknown>;
  /** The one item answered by GET (defaults to `item`). */
  detail?: (r: Row) => Record<string, unknown>;
  missing: (key: string) => string;
}

const definitions: Entity = {
  spec: {
    fields: {
      decisionDefinitionKey: { column: 'key', kind: 'key' },
      decisionDefinitionId: { column: 'decision_id', kind: 'string' },
      name: { column: 'name', kind: 'string' },
      version: { column: 'version', kind: 'int' },
      decisionRequirementsId: { column: 'decision_requirements_id', kind: 'string' },
      decisionRequirementsKey: { column: 'decision_requirements_key', kind: 'key' },
      tenantId: { column: 'tenant_id', kind: 'string' },
    },
    defaultSort: 'decisionDefinitionKey',
  },
  query: (db) =>
    db('engine_decision_definitions').select(
      db.raw(`key::text as key, decision_id, name, version, decision_requirements_id,
        decision_requirements_key::text as drk, tenant_id`),
    ),
  keyColumn: 'key',
  item: (r) => ({
    decisionDefinitionId: r.decision_id,
    name: r.name ?? r.decision_id,
    version: r.version,
    decisionRequirementsId: r.decision_requirements_id,
    tenantId: r.tenant_id,
    decisionDefinitionKey: r.key,
    decisionRequirementsKey: r.drk,
  }),
  missing: (k) => `Decision definition with key '${k}' not found`,
};

const requirements: Entity = {
  spec: {
    fields: {
      decisionRequirementsKey: { column: 'key', kind: 'key' },
      decisionRequirementsName: { column: 'name', kind: 'string' },
      decisionRequirementsId: { column: 'decision_requirements_id', kind: 'string' },
      version: { column: 'version', kind: 'int' },
      resourceName: { column: 'resource_name', kind: 'string' },
      tenantId: { column: 'tenant_id', kind: 'string' },
    },
    defaultSort: 'decisionRequirementsKey',
  },
  query: (db) =>
    db('engine_decision_requirements').select(
      db.raw(`key::text as key, decision_requirements_id, name, version, resource_name, tenant_id`),
    ),
  keyColumn: 'key',
  item: (r) => ({
    decisionRequirementsName: r.name ?? r.decision_requirements_id,
    version: r.version,
    decisionRequirementsId: r.decision_requirements_id,
    resourceName: r.resource_name,
    tenantId: r.tenant_id,
    decisionRequirementsKey: r.key,
  }),
  missing: (k) => `Decision requirements with key '${k}' not found`,
};

const instanceItem = (r: Row) => ({
  decisionEvaluationInstanceKey: r.key,
  state: r.state,
  evaluationDate: iso(r.evaluation_date),
  evaluationFailure: str(r.evaluation_failure),
  decisionDefinitionId: r.decision_id,
  decisionDefinitionName: r.decision_name ?? r.decision_id,
  decisionDefinitionVersion: r.decision_version,
  decisionDefinitionType: r.decision_type,
  result: str(r.result) ?? '',
  tenantId: r.tenant_id,
  decisionEvaluationKey: r.ek,
  processDefinitionKey: str(r.pdk),
  processInstanceKey: str(r.pik),
  decisionDefinitionKey: r.ddk,
  elementInstanceKey: str(r.eik),
});

const instances: Entity = {
  spec: {
    fields: {
      decisionEvaluationInstanceKey: { column: 'key', kind: 'key' },
      state: { column: 'state', kind: 'enum' },
      evaluationFailure: { column: 'evaluation_failure', kind: 'string' },
      evaluationDate: { column: 'evaluation_date', kind: 'date' },
      decisionDefinitionId: { column: 'decision_id', kind: 'string' },
      decisionDefinitionName: { column: 'decision_name', kind: 'string' },
      decisionDefinitionVersion: { column: 'decision_version', kind: 'int' },
      decisionDefinitionType: { column: 'decision_type', kind: 'enum' },
      tenantId: { column: 'tenant_id', kind: 'string' },
      decisionEvaluationKey: { column: 'evaluation_key', kind: 'key' },
      processDefinitionKey: { column: 'process_definition_key', kind: 'key' },
      processInstanceKey: { column: 'process_instance_key', kind: 'key' },
      decisionDefinitionKey: { column: 'decision_definition_key', kind: 'key' },
      elementInstanceKey: { column: 'element_instance_key', kind: 'key' },
    },
    defaultSort: 'decisionEvaluationInstanceKey',
  },
  query: (db) =>
    db('engine_decision_instances').select(
      db.raw(`key::text as key, state, evaluation_date, evaluation_failure, decision_id,
        decision_name, decision_version, decision_type, result, tenant_id,
        evaluation_key::text as ek, process_definition_key::text as pdk,
        process_instance_key::text as pik, decision_definition_key::text as ddk,
        element_instance_key::text as eik, evaluated_inputs, matched_rules`),
    ),
  keyColumn: 'key',
  item: instanceItem,
  detail: (r) => ({
    ...instanceItem(r),
    evaluatedInputs: r.evaluated_inputs,
    matchedRules: r.matched_rules,
  }),
  missing: (k) => `Decision instance with key '${k}' not found`,
};

/** `POST /{entity}/search`. */
const search =
  (db: Knex, e: Entity): RequestHandler =>
  async (req, res) => {
    const q = e.query(db);
    applyFilter(q, e.spec, req.body.filter ?? {});
    res.json(await runSearch(q, e.spec, req.body, e.item));
  };

/** `GET /{entity}/{key}`. */
const get =
  (db: Knex, e: Entity): RequestHandler =>
  async (req, res) => {
    const row = await e.query(db).where(e.keyColumn, req.params.key).first();
    if (!row) throw notFound('GET', e.missing(String(req.params.key)));
    res.json((e.detail ?? e.item)(row));
  };

async function graphXml(db: Knex, drgKey: string | undefined): Promise<string | undefined> {
  if (!drgKey) return undefined;
  return (await db('engine_decision_requirements').where({ key: drgKey }).first('xml'))?.xml;
}

export function decisionsRouter(engine: Engine): Router {
  const r = Router();
  r.param('key', keyParam);
  const { db } = engine;
  // https://docs.camunda.io/docs/apis-tools/orchestration-cluster-api-rest/specifications/evaluate-decision/
  r.post('/decision-definitions/evaluation', async (req, res) => {
    const body = req.body ?? {};
    if (body.tenantId && body.tenantId !== '<default>')
      throw invalidArgument(
        `Expected to handle request Evaluate Decision with tenant identifier '${body.tenantId}', but multi-tenancy is disabled`,
      );
    res.json(await evaluateDecisionCommand(engine.ctx, body));
  });
  // https://docs.camunda.io/docs/apis-tools/orchestration-cluster-api-rest/specifications/get-decision-definition-xml/
  r.get('/decision-definitions/:key/xml', async (req, res) => {
    const row = await db('engine_decision_definitions')
      .where({ key: req.params.key })
      .first(db.raw('decision_requirements_key::text as drk'));
    const xml = await graphXml(db, row?.drk);
    if (!xml) throw notFound('GET', definitions.missing(req.params.key));
    res.type('text/xml').send(xml);
  });
  // https://docs.camunda.io/docs/apis-tools/orchestration-cluster-api-rest/specifications/get-decision-requirements-xml/
  r.get('/decision-requirements/:key/xml', async (req, res) => {
    const xml = await graphXml(db, req.params.key);
    if (!xml) throw notFound('GET', requirements.missing(req.params.key));
    res.type('text/xml').send(xml);
  });
  // https://docs.camunda.io/docs/apis-tools/orchestration-cluster-api-rest/specifications/search-decision-definitions/
  r.post('/decision-definitions/search', search(db, definitions));
  r.get('/decision-definitions/:key', get(db, definitions));
  // https://docs.camunda.io/docs/apis-tools/orchestration-cluster-api-rest/specifications/search-decision-requirements/
  r.post('/decision-requirements/search', search(db, requirements));
  r.get('/decision-requirements/:key', get(db, requirements));
  // https://docs.camunda.io/docs/apis-tools/orchestration-cluster-api-rest/specifications/search-decision-instances/
  r.post('/decision-instances/search', search(db, instances));
  r.get('/decision-instances/:key', get(db, instances));
  return r;
}
