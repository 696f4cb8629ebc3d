import { Router } from 'express';
import type { Knex } from 'knex';
import type { Engine } from '../engine';
import { assignUserTask, completeUserTask, updateUserTask } from '../commands/user-tasks';
import { notFound } from './engine-error';
import { applyField, applyFilter, iso, runSearch, SearchSpec, str } from './search';
import { variableSpec, variableItem, variableQuery } from './variables';
import { keyParam } from './key-param';

const spec: SearchSpec = {
  fields: {
    userTaskKey: { column: 't.key', kind: 'key' },
    state: { column: 't.state', kind: 'enum' },
    assignee: { column: 't.assignee', kind: 'string' },
    priority: { column: 't.priority', kind: 'int' },
    elementId: { column: 't.element_id', kind: 'string' },
    name: { column: 't.name', kind: 'string' },
    processDefinitionId: { column: 't.bpmn_process_id', kind: 'string' },
    creationDate: { column: 't.creation_date', kind: 'date' },
    completionDate: { column: 't.completion_date', kind: 'date' },
    followUpDate: { column: 't.follow_up_date', kind: 'date' },
    followupDate: { column: 't.follow_up_date', kind: 'date' },
    dueDate: { column: 't.due_date', kind: 'date' },
    tenantId: { column: 't.tenant_id', kind: 'string' },
    processDefinitionKey: { column: 't.process_definition_key', kind: 'key' },
    processInstanceKey: { column: 't.process_instance_key', kind: 'key' },
    elementInstanceKey: { column: 't.element_instance_key', kind: 'key' },
  },
  // Oldest first, in the order the tasks were written (keys are reserved in blocks per engine
  // process, so they are not): the default and every sort's tie-break (migration 004).
  defaultSort: 't.creation_seq',
};

function taskQuery(db: Knex) {
  return db('engine_user_tasks as t')
    .leftJoin('engine_process_definitions as d', 'd.key', 't.process_definition_key')
    .select(
      db.raw(`t.key::text as key, t.name, t.state, t.assignee, t.element_id, t.candidate_groups,
        t.candidate_users, t.bpmn_process_id, d.name as process_name, t.version, t.creation_date,
        t.completion_date, t.follow_up_date, t.due_date, t.tenant_id, t.external_form_reference,
        t.custom_headers, t.priority, t.element_instance_key::text as eik,
        t.process_definition_key::text as pdk, t.process_instance_key::text as pik,
        t.form_key::text as form_key`),
    );
}

function taskItem(r: Record<string, unknown>) {
  return {
    userTaskKey: r.key,
    name: r.name ?? undefined,
    state: r.state,
    assignee: r.assignee ?? undefined,
    elementId: r.element_id,
    candidateGroups: r.candidate_groups,
    candidateUsers: r.candidate_users,
    processDefinitionId: r.bpmn_process_id,
    processName: r.process_name ?? undefined,
    processDefinitionVersion: r.version,
    creationDate: iso(r.creation_date),
    completionDate: iso(r.completion_date),
    followUpDate: iso(r.follow_up_date),
    dueDate: iso(r.due_date),
    tenantId: r.tenant_id,
    externalFormReference: r.external_form_reference ?? undefined,
    customHeaders: r.custom_headers,
    priority: r.priority,
    elementInstanceKey: r.eik,
    processDefinitionKey: r.pdk,
    processInstanceKey: r.pik,
    formKey: str(r.form_key),
  };
}

function applyTaskFilter(db: Knex, q: Knex.QueryBuilder, f: Record<string, unknown>) {
  applyFilter(q, spec, f);
  if (f.candidateGroup !== undefined)
    q.whereExists(function () {
      this.select(db.raw('1')).from(
        db.raw('jsonb_array_elements_text(t.candidate_groups) as g(v)'),
      );
      applyField(this, 'g.v', 'string', 'candidateGroup', f.candidateGroup);
    });
  if (f.candidateUser !== undefined)
    q.whereExists(function () {
      this.select(db.raw('1')).from(db.raw('jsonb_array_elements_text(t.candidate_users) as u(v)'));
      applyField(this, 'u.v', 'string', 'candidateUser', f.candidateUser);
    });
  const vars = (scope: string, list: unknown) => {
    for (const v of (list as { name: string; value: unknown }[] | undefined) ?? [])
      q.whereExists(function () {
        this.select(db.raw('1'))
          .from('engine_variables as v')
          .whereRaw(`v.scope_key = ${scope}`)
          .andWhere('v.name', v.name);
        applyField(this, 'v.value', 'string', 'variables.value', v.value);
      });
  };
  vars('t.process_instance_key', f.processInstanceVariables);
  vars('t.element_instance_key', f.localVariables);
}

export function userTasksRouter(engine: Engine): Router {
  const r = Router();
  r.param('key', keyParam);
  const { db } = engine;
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/search-user-tasks/
  r.post('/user-tasks/search', async (req, res) => {
    const q = taskQuery(db);
    applyTaskFilter(db, q, req.body.filter ?? {});
    res.json(await runSearch(q, spec, req.body, taskItem));
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/get-user-task/
  r.get('/user-tasks/:key', async (req, res) => {
    const key = req.params.key;
    const row = /^\d+$/.test(key) ? await taskQuery(db).where('t.key', key).first() : undefined;
    if (!row) throw notFound('GET', `User task with key '${key}' not found`);
    res.json(taskItem(row));
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/get-user-task-form/
  r.get('/user-tasks/:key/form', async (req, res) => {
    const key = req.params.key;
    const task = await db('engine_user_tasks')
      .where({ key })
      .first(db.raw('form_key::text as form_key'));
    if (!task) throw notFound('GET', `User task with key '${key}' not found`);
    // A task without a linked form (none, or an external reference) is 204, as in 8.8. The
    // JSON content type lets the official client read the empty answer as `{}`: without one it
    // reads a null body stream, which its strict validation of this answer rejects.
    if (!task.form_key) return void res.status(204).type('application/json').end();
    const form = await db('engine_forms')
      .where({ key: task.form_key })
      .first('form_id', 'version', 'tenant_id', 'content');
    if (!form) throw notFound('GET', `Form with key '${task.form_key}' not found`);
    res.json({
      formKey: task.form_key,
      formId: form.form_id,
      version: form.version,
      tenantId: form.tenant_id,
      schema: JSON.parse(form.content),
    });
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/search-user-task-variables/
  r.post('/user-tasks/:key/variables/search', async (req, res) => {
    const key = req.params.key;
    const task = /^\d+$/.test(key)
      ? await db('engine_user_tasks')
          .where({ key })
          .first(db.raw('element_instance_key::text as eik'))
      : undefined;
    if (!task) throw notFound('GET', `User task with key '${key}' not found`);
    const chain = await db.raw(
      `with recursive c(k) as (select ?::bigint union all
         select e.flow_scope_key from c join engine_element_instances e on e.key = c.k
          where e.flow_scope_key is not null) select k::text from c`,
      [task.eik],
    );
    const scopes = (chain.rows as { k: string }[]).map((x) => x.k);
    // Inner scopes shadow outer ones: keep the variable of the nearest scope per name.
    const q = variableQuery(db)
      .whereIn('v.scope_key', scopes)
      .whereRaw(
        `array_position(?::bigint[], v.scope_key) = (select min(array_position(?::bigint[], w.scope_key))
           from engine_variables w where w.name = v.name and w.scope_key = any(?::bigint[]))`,
        [scopes, scopes, scopes],
      );
    applyFilter(q, variableSpec, req.body.filter ?? {});
    res.json(await runSearch(q, variableSpec, req.body, variableItem));
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/assign-user-task/
  r.post('/user-tasks/:key/assignment', async (req, res) => {
    const b = req.body;
    await assignUserTask(engine.ctx, req.params.key, b.assignee ?? '', b.allowOverride !== false);
    res.status(204).end();
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/unassign-user-task/
  r.delete('/user-tasks/:key/assignee', async (req, res) => {
    await assignUserTask(engine.ctx, req.params.key, null, true);
    res.status(204).end();
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/complete-user-task/
  r.post('/user-tasks/:key/completion', async (req, res) => {
    await completeUserTask(engine.ctx, req.params.key, req.body.variables);
    res.status(204).end();
  });
  // The SDK's route (an early spec): the bare changeset as body.
  r.patch('/user-tasks/:key/update', async (req, res) => {
    await updateUserTask(engine.ctx, req.params.key, req.body, null);
    res.status(204).end();
  });
  // https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/update-user-task/
  r.patch('/user-tasks/:key', async (req, res) => {
    await updateUserTask(engine.ctx, req.params.key, req.body.changeset, req.body.action);
    res.status(204).end();
  });
  return r;
}
