import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as b from './bpmn-builder';
import { Harness, startHarness } from './engine-harness';

const oneTask = (id: string, type: string, extra = '') =>
  b.process(
    id,
    b.start('s'),
    b.flow('s', 't'),
    b.serviceTask('t', type),
    b.flow('t', 'e'),
    b.end('e'),
    extra,
  );

async function rejection(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e as { statusCode: number; title?: string; detail?: string; message: string };
  }
  throw new Error('expected a rejection');
}

describe('engine/rest - cluster, deployments, instances, definitions, jobs (via @camunda8/sdk)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  it('should answer topology and license', async () => {
    const topology = await h.client.getTopology();
    expect(topology.brokers[0].partitions[0]).toMatchObject({ partitionId: 1, role: 'leader' });
    expect(topology.gatewayVersion).toMatch(/^8\.8/);
    expect(await h.client.getLicenseStatus()).toMatchObject({ validLicense: false });
  });

  it('should keep key and version for identical content and bump the version on change', async () => {
    // given
    const first = await h.deploy('v.bpmn', oneTask('versioned', 'a'));
    // when
    const same = await h.deploy('v.bpmn', oneTask('versioned', 'a'));
    const changed = await h.deploy('v.bpmn', oneTask('versioned', 'b'));
    // then
    expect(same.processes[0].processDefinitionKey).toBe(first.processes[0].processDefinitionKey);
    expect(same.processes[0].processDefinitionVersion).toBe(1);
    expect(changed.processes[0].processDefinitionVersion).toBe(2);
    expect(changed.processes[0].processDefinitionKey).not.toBe(
      first.processes[0].processDefinitionKey,
    );
    expect(first.deploymentKey).toMatch(/^\d+$/);
  });

  it('should deploy a form and return its key', async () => {
    const r = await h.deploy('f.form', JSON.stringify({ id: 'my-form', components: [] }));
    expect(r.forms[0]).toMatchObject({ formId: 'my-form', version: 1 });
    expect(r.forms[0].formKey).toMatch(/^\d+$/);
  });

  it('should reject invalid diagrams naming each element and its problem', async () => {
    // given
    const bad = b.process(
      'bad',
      b.start('s'),
      b.flow('s', 'noType'),
      '<bpmn:serviceTask id="noType"/>',
      b.flow('noType', 'gw'),
      b.xor('gw'),
      b.flow('gw', 'e1', '=a >'),
      b.flow('gw', 'e2', undefined, 'noCondition'),
      b.end('e1'),
      b.end('e2'),
      '<bpmn:complexGateway id="cx"/>',
    );
    // when
    const e = await rejection(h.deploy('bad.bpmn', bad));
    // then
    expect(e.statusCode).toBe(400);
    expect(e.message).toContain(
      'Expected to deploy new resources, but encountered the following errors',
    );
    expect(e.message).toContain('noType');
    expect(e.message).toContain('zeebe:taskDefinition');
    expect(e.message).toContain('noCondition');
    expect(e.message).toContain('cx');
    expect(e.message).toMatch(/FEEL expression '=a >' cannot be parsed/);
  });

  it('should repair the double UTF-8 encoding of deployResourcesFromFiles', async () => {
    // given
    const dir = mkdtempSync(path.join(tmpdir(), 'engine-'));
    const file = path.join(dir, 'umlaut.bpmn');
    writeFileSync(file, oneTask('umlaut', 'u').replace('name="umlaut"', 'name="证书 Prüfung"'));
    // when
    const r = await h.client.deployResourcesFromFiles([file]);
    // then
    const def = await h.client.getProcessDefinition(r.processes[0].processDefinitionKey);
    expect(def.name).toBe('证书 Prüfung');
  });

  it('should create, get, search and cancel a process instance', async () => {
    // given
    await h.deploy('c.bpmn', oneTask('cancel-me', 'never'));
    const created = await h.client.createProcessInstance({
      processDefinitionId: 'cancel-me',
      variables: { x: 1 },
    });
    expect(created).toMatchObject({
      processDefinitionId: 'cancel-me',
      processDefinitionVersion: 1,
    });
    // when
    await h.client.cancelProcessInstance({ processInstanceKey: created.processInstanceKey });
    // then
    const found = await h.client.searchProcessInstances({
      filter: { processInstanceKey: created.processInstanceKey },
    });
    expect(found.page.totalItems).toBe(1);
    expect(found.items[0]).toMatchObject({ state: 'TERMINATED', processDefinitionId: 'cancel-me' });
    const again = await rejection(
      h.client.cancelProcessInstance({ processInstanceKey: created.processInstanceKey }),
    );
    expect(again.statusCode).toBe(404);
  });

  it('should answer 404 for an unknown process definition', async () => {
    const e = await rejection(
      h.client.createProcessInstance({ processDefinitionId: 'nope', variables: {} }),
    );
    expect(e.statusCode).toBe(404);
    expect(e.message).toContain("Expected to find process definition with process ID 'nope'");
  });

  it('should hold awaitCompletion open and return the fetched variables', async () => {
    // given
    await h.deploy('a.bpmn', oneTask('awaited', 'await-task'));
    const worker = h.client.createJobWorker({
      type: 'await-task',
      worker: 'w',
      timeout: 10000,
      maxJobsToActivate: 5,
      jobHandler: (job) => job.complete({ result: 'ok', other: 1 }),
    });
    // when
    const r = await h.client.createProcessInstanceWithResult({
      processDefinitionId: 'awaited',
      variables: { input: 1 },
      fetchVariables: ['result'],
    });
    await worker.stop();
    // then
    expect(r.variables).toEqual({ result: 'ok' });
  });

  it('should answer 504 when awaitCompletion times out', async () => {
    await h.deploy('n.bpmn', oneTask('never-done', 'nobody'));
    const e = await rejection(
      h.client.createProcessInstanceWithResult({
        processDefinitionId: 'never-done',
        variables: {},
        requestTimeout: 300,
      }),
    );
    expect(e.statusCode).toBe(504);
  });

  it('should search and get process definitions and their XML', async () => {
    const r = await h.client.searchProcessDefinitions({
      filter: { processDefinitionId: 'versioned' },
    });
    expect(r.items.map((d) => d.version).sort()).toEqual([1, 2]);
    const one = await h.client.getProcessDefinition(r.items[0].processDefinitionKey);
    expect(one.processDefinitionId).toBe('versioned');
    const xml = await h.client.getProcessDefinitionXML(r.items[0].processDefinitionKey);
    expect(xml).toContain('<bpmn:process id="versioned"');
  });

  it('should long-poll job activation until a job appears', async () => {
    // given
    await h.deploy('lp.bpmn', oneTask('long-poll', 'lp-task'));
    const polling = h.client.activateJobs({
      type: 'lp-task',
      worker: 'w',
      timeout: 10000,
      maxJobsToActivate: 1,
      requestTimeout: 5000,
    });
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    // when
    const created = await h.client.createProcessInstance({
      processDefinitionId: 'long-poll',
      variables: { v: 7 },
    });
    const jobs = await polling;
    // then
    expect(Date.now() - started).toBeLessThan(1500);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      processInstanceKey: created.processInstanceKey,
      elementId: 't',
      variables: { v: 7 },
      retries: 3,
    });
    await h.client.completeJob({ jobKey: jobs[0].jobKey, variables: {} });
  });

  it('should answer an empty job list after the request timeout', async () => {
    const jobs = await h.client.activateJobs({
      type: 'no-such-type',
      worker: 'w',
      timeout: 1000,
      maxJobsToActivate: 1,
      requestTimeout: 200,
    });
    expect(jobs).toEqual([]);
  });

  it('should fail a job with retries, then to an incident, and recover after updateJob and resolve', async () => {
    // given
    await h.deploy('f.bpmn', oneTask('failing', 'fail-task'));
    const created = await h.client.createProcessInstance({
      processDefinitionId: 'failing',
      variables: {},
    });
    const activate = () =>
      h.client.activateJobs({
        type: 'fail-task',
        worker: 'w',
        timeout: 10000,
        maxJobsToActivate: 1,
        requestTimeout: 2000,
      });
    const [job] = await activate();
    // when
    await h.client.failJob({
      jobKey: job.jobKey,
      retries: 1,
      errorMessage: 'boom',
      retryBackOff: 0,
    });
    const [again] = await activate();
    await h.client.failJob({
      jobKey: again.jobKey,
      retries: 0,
      errorMessage: 'boom twice',
      retryBackOff: 0,
    });
    // then
    const incidents = await h.client.searchIncidents({
      filter: { processInstanceKey: created.processInstanceKey, state: 'ACTIVE' },
    });
    expect(incidents.items[0]).toMatchObject({
      errorType: 'JOB_NO_RETRIES',
      errorMessage: 'boom twice',
      jobKey: job.jobKey,
    });
    const early = await rejection(h.client.resolveIncident(incidents.items[0].incidentKey));
    expect(early.statusCode).toBe(409);
    await h.client.updateJob({ jobKey: job.jobKey, retries: 2 });
    await h.client.resolveIncident(incidents.items[0].incidentKey);
    const [third] = await activate();
    expect(third.retries).toBe(2);
    await h.client.completeJob({ jobKey: third.jobKey, variables: {} });
    const done = await h.client.searchProcessInstances({
      filter: { processInstanceKey: created.processInstanceKey },
    });
    expect(done.items[0]).toMatchObject({ state: 'COMPLETED', hasIncident: false });
  });

  it('should answer 404 for completing an unknown or completed job', async () => {
    const e = await rejection(h.client.completeJob({ jobKey: '2251799813685248', variables: {} }));
    expect(e.statusCode).toBe(404);
    expect(e.message).toContain(
      "Expected to complete job with key '2251799813685248', but no such job was found",
    );
  });

  it('should raise UNHANDLED_ERROR_EVENT when no boundary catches the error', async () => {
    await h.deploy('u.bpmn', oneTask('uncaught', 'err-task'));
    const created = await h.client.createProcessInstance({
      processDefinitionId: 'uncaught',
      variables: {},
    });
    const [job] = await h.client.activateJobs({
      type: 'err-task',
      worker: 'w',
      timeout: 10000,
      maxJobsToActivate: 1,
    });
    await h.client.errorJob({
      jobKey: job.jobKey,
      errorCode: 'NOPE',
      errorMessage: 'x',
      variables: {},
    });
    const incidents = await h.client.searchIncidents({
      filter: { processInstanceKey: created.processInstanceKey },
    });
    expect(incidents.items[0].errorType).toBe('UNHANDLED_ERROR_EVENT');
  });

  it('should make a timed-out job activatable again without spending a retry', async () => {
    await h.deploy('to.bpmn', oneTask('timeout', 'to-task'));
    await h.client.createProcessInstance({ processDefinitionId: 'timeout', variables: {} });
    const [job] = await h.client.activateJobs({
      type: 'to-task',
      worker: 'w',
      timeout: 300,
      maxJobsToActivate: 1,
    });
    const again = await h.client.activateJobs({
      type: 'to-task',
      worker: 'w',
      timeout: 10000,
      maxJobsToActivate: 1,
      requestTimeout: 3000,
    });
    expect(again[0].jobKey).toBe(job.jobKey);
    expect(again[0].retries).toBe(job.retries);
    await h.client.completeJob({ jobKey: job.jobKey, variables: {} });
  });

  it('should pin and reset the clock', async () => {
    await h.client.pinInternalClock(Date.parse('2030-01-01T00:00:00Z'));
    await h.client.resetClock();
  });

  it('should delete a deployed resource', async () => {
    const r = await h.deploy('del.bpmn', oneTask('deleted', 'x'));
    await h.client.deleteResource({ resourceKey: r.processes[0].processDefinitionKey });
    const e = await rejection(h.client.getProcessDefinition(r.processes[0].processDefinitionKey));
    expect(e.statusCode).toBe(404);
  });
});
