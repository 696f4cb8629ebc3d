import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import * as b from './bpmn-builder';
import { Harness, startHarness } from './engine-harness';
import { engineAuthHeader, TEST_ENGINE_USER } from './engine-credentials';
import { driveDecisions } from './conformance-decisions';

/**
 * Conformance to the letter: Camunda's own client (`@camunda8/orchestration-cluster-api`, here
 * through our SDK's `getOrchestrationClusterApiClient()`), validating every request and every
 * answer against Camunda's 8.8 OpenAPI schema, drives every operation the engine serves. Nobody
 * here wrote that client, so a field we write that 8.8 would not (a `null` for an absent value,
 * a number where a string is due) fails here, not on a real cluster.
 */

type Client = ReturnType<Camunda8['getOrchestrationClusterApiClient']>;
type Op = keyof Client;

/** Every route of engine/rest, as `METHOD /path` with `:key` parameters. */
function servedRoutes(): string[] {
  const dir = join(__dirname, '../../engine/rest');
  const routes: string[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts')))
    for (const m of readFileSync(join(dir, f), 'utf8').matchAll(
      /\br\.(get|post|put|patch|delete)\(\s*'([^']+)'/g,
    ))
      routes.push(`${m[1].toUpperCase()} ${m[2]}`);
  return routes.sort();
}

/** The official client's operation for each route we serve. */
const OPERATIONS: Record<string, Op | 'not in the 8.8 spec'> = {
  'GET /topology': 'getTopology',
  'GET /license': 'getLicense',
  'PUT /clock': 'pinClock',
  'POST /clock/reset': 'resetClock',
  'POST /deployments': 'createDeployment',
  'POST /resources/:key/deletion': 'deleteResource',
  'POST /process-instances': 'createProcessInstance',
  'POST /process-instances/search': 'searchProcessInstances',
  'GET /process-instances/:key': 'getProcessInstance',
  'POST /process-instances/:key/cancellation': 'cancelProcessInstance',
  'POST /process-instances/:key/modification': 'modifyProcessInstance',
  'POST /process-instances/:key/migration': 'migrateProcessInstance',
  'POST /process-definitions/search': 'searchProcessDefinitions',
  'GET /process-definitions/:key': 'getProcessDefinition',
  'GET /process-definitions/:key/xml': 'getProcessDefinitionXml',
  'POST /element-instances/search': 'searchElementInstances',
  'GET /element-instances/:key': 'getElementInstance',
  'PUT /element-instances/:key/variables': 'createElementInstanceVariables',
  'POST /user-tasks/search': 'searchUserTasks',
  'GET /user-tasks/:key': 'getUserTask',
  'GET /user-tasks/:key/form': 'getUserTaskForm',
  'POST /user-tasks/:key/variables/search': 'searchUserTaskVariables',
  'POST /user-tasks/:key/assignment': 'assignUserTask',
  'DELETE /user-tasks/:key/assignee': 'unassignUserTask',
  'POST /user-tasks/:key/completion': 'completeUserTask',
  'PATCH /user-tasks/:key': 'updateUserTask',
  // @camunda8/sdk's CamundaRestClient route (an early spec's); tested in rest-tasks.e2e.test.ts.
  'PATCH /user-tasks/:key/update': 'not in the 8.8 spec',
  'POST /messages/publication': 'publishMessage',
  'POST /messages/correlation': 'correlateMessage',
  'POST /signals/broadcast': 'broadcastSignal',
  'POST /jobs/activation': 'activateJobs',
  'POST /jobs/:key/completion': 'completeJob',
  'POST /jobs/:key/failure': 'failJob',
  'POST /jobs/:key/error': 'throwJobError',
  'PATCH /jobs/:key': 'updateJob',
  'POST /incidents/search': 'searchIncidents',
  'GET /incidents/:key': 'getIncident',
  'POST /incidents/:key/resolution': 'resolveIncident',
  'POST /variables/search': 'searchVariables',
  'GET /variables/:key': 'getVariable',
  'POST /decision-definitions/evaluation': 'evaluateDecision',
  'POST /decision-definitions/search': 'searchDecisionDefinitions',
  'GET /decision-definitions/:key': 'getDecisionDefinition',
  'GET /decision-definitions/:key/xml': 'getDecisionDefinitionXml',
  'POST /decision-requirements/search': 'searchDecisionRequirements',
  'GET /decision-requirements/:key': 'getDecisionRequirements',
  'GET /decision-requirements/:key/xml': 'getDecisionRequirementsXml',
  'POST /decision-instances/search': 'searchDecisionInstances',
  'GET /decision-instances/:key': 'getDecisionInstance',
};

const now = { consistency: { waitUpToMs: 0 } };
/** A plain id where the client's typings want a branded one. */
const id = (s: string) => s as never;

const conformanceProcess = b.process(
  'conform',
  b.start('s'),
  b.flow('s', 'ut'),
  b.userTask('ut', { formId: 'conform-form', candidateGroups: 'clerks' }),
  b.boundary('remind', 'ut', b.timerDef('timeCycle', 'R/PT1H'), { interrupting: false }),
  b.flow('remind', 'notify'),
  b.serviceTask('notify', 'conform-notify'),
  b.flow('notify', 'reminded'),
  b.end('reminded'),
  b.flow('ut', 'work'),
  b.serviceTask('work', 'conform-work'),
  b.boundary('failed', 'work', b.errorDef('BAD')),
  b.flow('failed', 'handled'),
  b.end('handled'),
  b.flow('work', 'wait'),
  b.catchEvent('wait', b.messageDef('conform-go'), '=orderId'),
  b.flow('wait', 'e'),
  b.end('e'),
);

/** A bare user task without a form, and a task to run into an incident. */
const plainProcess = b.process(
  'conform-plain',
  b.start('s'),
  b.flow('s', 'ut'),
  b.userTask('ut'),
  b.flow('ut', 'job'),
  b.serviceTask('job', 'conform-plain-job'),
  b.flow('job', 'e'),
  b.end('e'),
);

const file = (name: string, content: string) =>
  new File([content], name, { type: 'application/octet-stream' });

describe('engine/rest - conformance with the official 8.8 client in strict validation', () => {
  let h: Harness;
  let c: Client;
  /** One job of `type`, with int64 fields sent as the strict client sends them (strings). */
  const activateOne = (type: string) =>
    c.activateJobs({
      type,
      worker: 'conformance',
      timeout: BigInt(30_000) as never,
      maxJobsToActivate: 1,
      requestTimeout: BigInt(3_000) as never,
    });
  const called = new Set<string>();
  const savedValidation = process.env.CAMUNDA_SDK_VALIDATION;

  beforeAll(async () => {
    h = await startHarness();
    // The official client reads its validation mode from the environment only.
    process.env.CAMUNDA_SDK_VALIDATION = 'req:strict,res:strict';
    const raw = new Camunda8({
      ZEEBE_REST_ADDRESS: h.address,
      CAMUNDA_AUTH_STRATEGY: 'BASIC',
      CAMUNDA_BASIC_AUTH_USERNAME: TEST_ENGINE_USER.username,
      CAMUNDA_BASIC_AUTH_PASSWORD: TEST_ENGINE_USER.password,
      CAMUNDA_LOG_LEVEL: 'none',
    } as never).getOrchestrationClusterApiClient();
    expect(raw.getConfig().validation).toMatchObject({ req: 'strict', res: 'strict' });
    // Records which operations the test drives, to prove it drives every one we serve.
    c = new Proxy(raw, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver);
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) => {
          called.add(String(prop));
          return v.apply(target, args);
        };
      },
    });
  });
  afterAll(async () => {
    if (savedValidation === undefined) delete process.env.CAMUNDA_SDK_VALIDATION;
    else process.env.CAMUNDA_SDK_VALIDATION = savedValidation;
    await h.stop();
  });

  /** The rejection of a call, as the official client reports it. */
  async function rejection(p: Promise<unknown>) {
    try {
      await p;
    } catch (e) {
      return e as { status: number; title: string; detail: string };
    }
    throw new Error('expected a rejection');
  }

  it('should map every route the engine serves to an operation of the 8.8 spec', () => {
    expect(servedRoutes()).toEqual(Object.keys(OPERATIONS).sort());
  });

  it('should serve the cluster, the license and the clock', async () => {
    const topology = await c.getTopology();
    expect(topology.brokers?.[0]?.partitions?.[0]).toMatchObject({ role: 'leader' });
    expect((await c.getLicense()).validLicense).toBe(false);
    // The client sends int64 as strings: the timestamp arrives as "2240…".
    await c.pinClock({ timestamp: BigInt(Date.parse('2040-01-01T00:00:00Z')) as never });
    await c.resetClock();
  });

  it('should deploy, find and read process definitions and delete a resource', async () => {
    // given
    const deployed = await c.createDeployment({
      resources: [
        file('conform-form.form', JSON.stringify({ id: 'conform-form', components: [] })),
        file('conform.bpmn', conformanceProcess),
        file('conform-plain.bpmn', plainProcess),
      ],
    });
    expect(deployed.processes.map((p) => p.processDefinitionId).sort()).toEqual([
      'conform',
      'conform-plain',
    ]);
    expect(deployed.forms[0].formId).toBe('conform-form');
    const key = deployed.processes.find(
      (p) => p.processDefinitionId === 'conform',
    )!.processDefinitionKey;
    // when
    const found = await c.searchProcessDefinitions(
      { filter: { processDefinitionId: id('conform') } },
      now,
    );
    const one = await c.getProcessDefinition({ processDefinitionKey: key }, now);
    const xml = await c.getProcessDefinitionXml({ processDefinitionKey: key }, now);
    // then
    expect(found.items!.map((d) => d.processDefinitionKey)).toEqual([key]);
    expect(one.processDefinitionId).toBe('conform');
    expect(String(xml)).toContain('id="conform"');
    // a resource of its own, deleted
    const extra = await c.createDeployment({
      resources: [file('conform-gone.bpmn', b.process('conform-gone', b.start('s')))],
    });
    await c.deleteResource({ resourceKey: extra.processes[0].processDefinitionKey as never });
  });

  it('should run an instance through user task, reminder, form, jobs, error and message', async () => {
    // given
    const t0 = Date.parse('2041-01-01T00:00:00Z');
    await c.pinClock({ timestamp: BigInt(t0) as never });
    const created = await c.createProcessInstance({
      processDefinitionId: id('conform'),
      variables: { orderId: 'o-1' },
      operationReference: BigInt(7) as never,
    });
    const pik = created.processInstanceKey;
    expect(await c.getProcessInstance({ processInstanceKey: pik }, now)).toMatchObject({
      state: 'ACTIVE',
    });
    const found = await c.searchProcessInstances({ filter: { processInstanceKey: pik } }, now);
    expect(found.items).toHaveLength(1);
    const tasks = await c.searchUserTasks({ filter: { processInstanceKey: pik } }, now);
    const task = tasks.items[0];
    expect(task.candidateGroups).toEqual(['clerks']);
    // when: the task's form, its variables and its assignment are read and changed
    const form = await c.getUserTaskForm({ userTaskKey: task.userTaskKey }, now);
    expect(form).toMatchObject({ formId: 'conform-form', tenantId: '<default>' });
    expect(form!.schema).toMatchObject({ id: 'conform-form' });
    const vars = await c.searchUserTaskVariables(
      { userTaskKey: task.userTaskKey, filter: { name: 'orderId' } },
      now,
    );
    expect(vars.items[0].value).toBe('"o-1"');
    await c.assignUserTask({ userTaskKey: task.userTaskKey, assignee: 'ann', allowOverride: true });
    await c.unassignUserTask({ userTaskKey: task.userTaskKey });
    await c.updateUserTask({
      userTaskKey: task.userTaskKey,
      changeset: { priority: 80, dueDate: '2041-02-01T00:00:00.000Z' },
    });
    expect(await c.getUserTask({ userTaskKey: task.userTaskKey }, now)).toMatchObject({
      priority: 80,
      dueDate: '2041-02-01T00:00:00.000Z',
    });
    // when: the reminder fires and its job completes (a path out of the waiting task)
    await c.pinClock({ timestamp: BigInt(t0 + 61 * 60_000) as never });
    const reminder = await activateOne('conform-notify');
    expect(reminder.jobs).toHaveLength(1);
    // the timeout, sent as the string "30000", counts from the pinned clock
    expect(Number(reminder.jobs[0].deadline)).toBe(t0 + 61 * 60_000 + 30_000);
    await c.completeJob({ jobKey: reminder.jobs[0].jobKey, variables: { reminded: true } });
    await c.completeUserTask({ userTaskKey: task.userTaskKey, variables: { approved: true } });
    // when: the work job is updated, failed once, then throws a caught BPMN error
    const [work] = (await activateOne('conform-work')).jobs;
    await c.updateJob({ jobKey: work.jobKey, changeset: { timeout: BigInt(60_000) as never } });
    await c.failJob({
      jobKey: work.jobKey,
      retries: 2,
      errorMessage: 'transient',
      retryBackOff: BigInt(0) as never,
    });
    const [again] = (await activateOne('conform-work')).jobs;
    await c.throwJobError({ jobKey: again.jobKey, errorCode: 'BAD', errorMessage: 'bad input' });
    // then
    const elements = await c.searchElementInstances(
      { filter: { processInstanceKey: pik }, sort: [{ field: 'elementInstanceKey' }] },
      now,
    );
    const ids = elements.items!.map((e) => e.elementId);
    expect(ids).toEqual(expect.arrayContaining(['remind', 'notify', 'reminded', 'handled']));
    const done = await c.getProcessInstance({ processInstanceKey: pik }, now);
    expect(done.state).toBe('COMPLETED');
    expect(done.endDate).toBeDefined();
    const ended = await c.getElementInstance(
      {
        elementInstanceKey: elements.items!.find((e) => e.elementId === 'ut')!.elementInstanceKey!,
      },
      now,
    );
    expect(ended.state).toBe('COMPLETED');
    const all = await c.searchVariables({ filter: { processInstanceKey: pik } }, now);
    const approved = all.items.find((v) => v.name === 'approved')!;
    expect((await c.getVariable({ variableKey: approved.variableKey }, now)).value).toBe('true');
    await c.resetClock();
  });

  it('should answer for a task without a form and one never seen', async () => {
    const created = await c.createProcessInstance({ processDefinitionId: id('conform-plain') });
    const [task] = (
      await c.searchUserTasks({ filter: { processInstanceKey: created.processInstanceKey } }, now)
    ).items;
    // 204: the task exists but has no form (the client reads the empty answer as {})
    expect(await c.getUserTaskForm({ userTaskKey: task.userTaskKey }, now)).not.toHaveProperty(
      'formKey',
    );
    const raw = await fetch(`${h.address}/v2/user-tasks/${task.userTaskKey}/form`, {
      headers: engineAuthHeader,
    });
    expect(raw.status).toBe(204);
    const missing = await rejection(
      c.getUserTaskForm({ userTaskKey: '2251799813685240' as never }, now),
    );
    expect(missing.status).toBe(404);
    await c.cancelProcessInstance({ processInstanceKey: created.processInstanceKey });
  });

  it('should publish and correlate messages and broadcast a signal', async () => {
    const published = await c.publishMessage({
      name: 'conform-nobody',
      correlationKey: 'k',
      timeToLive: BigInt(1_000) as never,
      messageId: 'conform-1',
      variables: { a: 1 },
    });
    expect(published.messageKey).toMatch(/^\d+$/);
    const created = await c.createProcessInstance({
      processDefinitionId: id('conform'),
      variables: { orderId: 'o-2' },
    });
    // reach the message catch: complete the task, then the job
    const [task] = (
      await c.searchUserTasks({ filter: { processInstanceKey: created.processInstanceKey } }, now)
    ).items;
    await c.completeUserTask({ userTaskKey: task.userTaskKey });
    const [work] = (await activateOne('conform-work')).jobs;
    await c.completeJob({ jobKey: work.jobKey });
    const correlated = await c.correlateMessage({
      name: 'conform-go',
      correlationKey: 'o-2',
      variables: { went: true },
    });
    expect(correlated.processInstanceKey).toBe(created.processInstanceKey);
    const signal = await c.broadcastSignal({ signalName: 'conform-nothing', variables: {} });
    expect(signal.signalKey).toMatch(/^\d+$/);
  });

  it('should show, and resolve, an incident; update element variables; modify and cancel', async () => {
    // given: a job failed without retries
    const created = await c.createProcessInstance({ processDefinitionId: id('conform-plain') });
    const pik = created.processInstanceKey;
    const [task] = (await c.searchUserTasks({ filter: { processInstanceKey: pik } }, now)).items;
    await c.completeUserTask({ userTaskKey: task.userTaskKey });
    const [job] = (await activateOne('conform-plain-job')).jobs;
    await c.failJob({ jobKey: job.jobKey, retries: 0, errorMessage: 'down' });
    // when
    const incidents = await c.searchIncidents({ filter: { processInstanceKey: pik } }, now);
    const incident = await c.getIncident({ incidentKey: incidents.items![0].incidentKey! }, now);
    await c.updateJob({ jobKey: job.jobKey, changeset: { retries: 1 } });
    await c.resolveIncident({ incidentKey: incident.incidentKey! });
    await c.createElementInstanceVariables({
      elementInstanceKey: pik as never,
      variables: { patched: 1 },
      operationReference: BigInt(9) as never,
    });
    await c.modifyProcessInstance({
      processInstanceKey: pik,
      activateInstructions: [{ elementId: id('ut') }],
    });
    // then
    expect(incident).toMatchObject({ errorType: 'JOB_NO_RETRIES', state: 'ACTIVE' });
    const active = await c.searchElementInstances(
      { filter: { processInstanceKey: pik, state: 'ACTIVE' } },
      now,
    );
    expect(active.items!.map((e) => e.elementId).sort()).toEqual(['job', 'ut']);
    await c.cancelProcessInstance({ processInstanceKey: pik });
    expect((await c.getProcessInstance({ processInstanceKey: pik }, now)).state).toBe('TERMINATED');
  });

  it('should migrate an instance to another version in the 8.8 shape', async () => {
    const created = await c.createProcessInstance({ processDefinitionId: id('conform-plain') });
    const target = (
      await c.searchProcessDefinitions(
        { filter: { processDefinitionId: id('conform-plain') } },
        now,
      )
    ).items![0];
    await c.migrateProcessInstance({
      processInstanceKey: created.processInstanceKey,
      targetProcessDefinitionKey: target.processDefinitionKey!,
      mappingInstructions: [{ sourceElementId: id('ut'), targetElementId: id('ut') }],
    });
    const migrated = await c.getProcessInstance(
      { processInstanceKey: created.processInstanceKey },
      now,
    );
    expect(migrated.processDefinitionKey).toBe(target.processDefinitionKey);
  });

  it.each([
    ['PUT', '/v2/clock', { timestamp: 'soon' }],
    ['POST', '/v2/jobs/activation', { type: 't', timeout: '30s', maxJobsToActivate: 1 }],
    [
      'POST',
      '/v2/jobs/activation',
      { type: 't', timeout: '1000', maxJobsToActivate: 1, requestTimeout: '1e3' },
    ],
    ['POST', '/v2/messages/publication', { name: 'm', correlationKey: 'k', timeToLive: 'long' }],
    ['POST', '/v2/process-instances', { processDefinitionId: 'conform', requestTimeout: 'x' }],
    ['POST', '/v2/process-instances', { processDefinitionId: 'conform', operationReference: 0 }],
    ['POST', '/v2/process-instances/2251799813685249/cancellation', { operationReference: 'a' }],
    ['POST', '/v2/jobs/2251799813685249/failure', { retries: 1, retryBackOff: '-1' }],
    ['PATCH', '/v2/jobs/2251799813685249', { changeset: { timeout: 'forever' } }],
  ])('should refuse %s %s with a malformed int64 field (400)', async (method, path, body) => {
    const before = await c.searchProcessInstances({}, now);
    const res = await fetch(`${h.address}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...engineAuthHeader },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: 400, title: 'INVALID_ARGUMENT' });
    // a refused create leaves no instance behind
    expect((await c.searchProcessInstances({}, now)).page.totalItems).toBe(before.page.totalItems);
  });

  it('should honour int64 fields sent as numeric strings', async () => {
    // given
    const t = Date.parse('2042-03-04T05:06:07Z');
    const send = (method: string, path: string, body: unknown) =>
      fetch(`${h.address}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...engineAuthHeader },
        body: JSON.stringify(body),
      });
    // when
    expect((await send('PUT', '/v2/clock', { timestamp: String(t) })).status).toBe(204);
    const published = await send('POST', '/v2/messages/publication', {
      name: 'conform-buffered',
      correlationKey: 'k',
      timeToLive: '60000',
    });
    const created = await send('POST', '/v2/process-instances', {
      processDefinitionId: 'conform-plain',
      operationReference: '12',
    });
    // then
    expect(published.status).toBe(200);
    expect(created.status).toBe(200);
    const pik = ((await created.json()) as { processInstanceKey: never }).processInstanceKey;
    const pi = await c.getProcessInstance({ processInstanceKey: pik }, now);
    expect(pi.startDate).toBe(new Date(t).toISOString());
    await c.resetClock();
  });

  it('should deploy, evaluate and find decisions', async () => {
    const r = await driveDecisions(c, file, async (body) => {
      const res = await fetch(`${h.address}/v2/decision-definitions/evaluation`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...engineAuthHeader },
        body: JSON.stringify(body),
      });
      return res.json();
    });
    expect(r.refused).toEqual([
      'failedDecisionDefinitionId: Too small: expected string to have >=1 characters',
      'failedDecisionDefinitionId: Invalid string: must match pattern /^[A-Za-z0-9_@.+-]+$/',
    ]);
    expect(r.evaluated.failedDecisionDefinitionId).toBe('');
    expect(r.deployed.decisions.map((x) => x.decisionDefinitionId).sort()).toEqual([
      'conform-base',
      'conform-route',
    ]);
    expect(JSON.parse(r.evaluated.output)).toBe('city');
    expect(r.evaluated.evaluatedDecisions.map((x) => x.decisionDefinitionId)).toEqual([
      'conform-base',
      'conform-route',
    ]);
    expect(r.definitions.items!.map((x) => x.decisionDefinitionId)).toEqual(['conform-route']);
    expect(r.definition.decisionRequirementsId).toBe('conform-drd');
    expect(String(r.definitionXml)).toContain('id="conform-route"');
    expect(r.graphs.items![0].decisionRequirementsKey).toBe(r.graph.decisionRequirementsKey);
    expect(String(r.graphXml)).toContain('id="conform-drd"');
    expect(r.instance).toMatchObject({ decisionDefinitionId: 'conform-route', result: '"local"' });
    expect(r.instance.matchedRules![0].ruleIndex).toBe(2);
  });

  it('should have driven every operation the engine serves', () => {
    const expected = Object.values(OPERATIONS).filter((o) => o !== 'not in the 8.8 spec');
    expect([...expected].filter((o) => !called.has(o))).toEqual([]);
  });
});
