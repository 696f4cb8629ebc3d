import { status } from '@grpc/grpc-js';
import knex from 'knex';
import { diagrams } from './diagrams';
import * as d from '../dmn-builder';
import {
  activateOne,
  GrpcHarness,
  incidentOf as incident,
  rejection,
  sdkGrpcClient,
  startGrpcEngine,
  stateOf as state,
  until,
} from './grpc-harness';
import { startEngine } from '../../../engine/start-engine';
import { testEngineAuth } from '../engine-credentials';

type Client = ReturnType<typeof sdkGrpcClient>;

const quiet = () => undefined;

describe('engine/grpc - @camunda8/sdk getZeebeGrpcApiClient() against the gRPC face', () => {
  let h: GrpcHarness;
  let c: Client;
  /** The same client without its retries, for the codes it would otherwise retry. */
  let once: Client;
  const deploy = (name: string, text: string) =>
    c.deployResource({ name, process: Buffer.from(text) });
  const incidentOf = (key: string) => incident(h, key);
  const stateOf = (key: string) => state(h, key);

  const nextJob = (type: string) => activateOne(c, type);

  beforeAll(async () => {
    h = await startGrpcEngine();
    c = sdkGrpcClient(h.grpcAddress);
    once = sdkGrpcClient(h.grpcAddress, {
      zeebeGrpcSettings: { ZEEBE_GRPC_CLIENT_RETRY: false, ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
    });
    await deploy('one.bpmn', diagrams.oneTask('sdk-work'));
    await deploy('caught.bpmn', diagrams.caught('sdk-throw'));
    await deploy('waits.bpmn', diagrams.waits('sdk-msg'));
    await deploy('signalled.bpmn', diagrams.signalled('sdk-sig'));
    await deploy('immediate.bpmn', diagrams.immediate('sdk-immediate'));
    await deploy('two.bpmn', diagrams.twoTasks('sdk-mod'));
  });
  afterAll(async () => {
    await c?.close();
    await once?.close();
    await h?.stop();
  });

  it('should report one broker with one healthy leading partition and gateway 8.8', async () => {
    const t = await c.topology();
    expect(t).toMatchObject({ clusterSize: 1, partitionsCount: 1, gatewayVersion: '8.8.0' });
    expect(t.brokers[0].partitions[0]).toMatchObject({ role: 'LEADER', health: 'HEALTHY' });
  });

  it('should deploy as DeployResource answers: same key and version for the same bytes', async () => {
    const first = await deploy('again.bpmn', diagrams.oneTask('sdk-again'));
    const second = await deploy('again.bpmn', diagrams.oneTask('sdk-again'));
    const p = first.deployments[0].process!;
    expect(p).toMatchObject({ bpmnProcessId: 'one-sdk-again', version: 1 });
    expect(second.deployments[0].process!.processDefinitionKey).toBe(p.processDefinitionKey);
    expect(first.key).toMatch(/^\d+$/);
  });

  it('should create an instance and, with result, answer with its variables at the end', async () => {
    const created = await c.createProcessInstance({ bpmnProcessId: 'one-sdk-work', variables: {} });
    expect(created).toMatchObject({ bpmnProcessId: 'one-sdk-work', version: 1 });
    expect(created.processInstanceKey).toMatch(/^\d+$/);
    await c.cancelProcessInstance(created.processInstanceKey);
    const result = await c.createProcessInstanceWithResult({
      bpmnProcessId: 'sdk-immediate',
      variables: { n: 21 },
    });
    expect(result.variables).toMatchObject({ n: 21, doubled: 42 });
    const fetched = await c.createProcessInstanceWithResult({
      bpmnProcessId: 'sdk-immediate',
      variables: { n: 2 },
      fetchVariables: ['doubled'],
    });
    expect({ ...fetched.variables }).toEqual({ doubled: 4 });
  });

  it('should run a createWorker that completes, fails (retrying) and throws a caught error', async () => {
    const seen: number[] = [];
    const worker = c.createWorker({
      taskType: 'sdk-work',
      timeout: 10_000,
      taskHandler: (job) => {
        seen.push(job.retries);
        // The first attempt fails with a retry left; the second completes.
        if (job.retries === 2) return job.fail({ errorMessage: 'not yet', retries: 1 });
        return job.complete({ done: true });
      },
    });
    const thrower = c.createWorker({
      taskType: 'sdk-throw',
      taskHandler: (job) => job.error({ errorCode: 'BUSINESS', errorMessage: 'no', variables: {} }),
    });
    try {
      const a = await c.createProcessInstance({ bpmnProcessId: 'one-sdk-work', variables: {} });
      const b = await c.createProcessInstance({ bpmnProcessId: 'caught-sdk-throw', variables: {} });
      await until(async () => (await stateOf(a.processInstanceKey)) === 'COMPLETED');
      await until(async () => (await stateOf(b.processInstanceKey)) === 'COMPLETED');
      expect(seen).toEqual([2, 1]);
      const ended = await h.rest.searchElementInstances({
        filter: { processInstanceKey: b.processInstanceKey, elementId: 'handled' },
      } as never);
      expect(ended.items).toHaveLength(1);
    } finally {
      await worker.close();
      await thrower.close();
    }
  });

  it('should push jobs to a streamJobs worker as they become activatable', async () => {
    const done: string[] = [];
    const stream = await c.streamJobs({
      type: 'sdk-work',
      worker: 'streamer',
      timeout: 10_000,
      taskHandler: async (job: {
        processInstanceKey: string;
        complete(v: Record<string, unknown>): Promise<unknown>;
      }) => {
        done.push(job.processInstanceKey);
        return job.complete({ streamed: true });
      },
    } as never);
    try {
      const keys: string[] = [];
      for (let i = 0; i < 5; i++)
        keys.push(
          (await c.createProcessInstance({ bpmnProcessId: 'one-sdk-work', variables: { i } }))
            .processInstanceKey,
        );
      await until(async () => done.length === 5);
      expect(done.sort()).toEqual(keys.sort());
      for (const k of keys) await until(async () => (await stateOf(k)) === 'COMPLETED');
    } finally {
      stream.close();
    }
  });

  it('should correlate a published message and trigger a broadcast signal', async () => {
    const waiting = await c.createProcessInstance({
      bpmnProcessId: 'waits-sdk-msg',
      variables: { orderId: 'o-1' },
    });
    const signalled = await c.createProcessInstance({
      bpmnProcessId: 'signalled-sdk-sig',
      variables: {},
    });
    const published = await c.publishMessage({
      name: 'sdk-msg',
      correlationKey: 'o-1',
      variables: { paid: true },
    });
    expect(published.key).toMatch(/^\d+$/);
    const signal = await c.broadcastSignal({ signalName: 'sdk-sig', variables: { s: 1 } });
    expect(signal.key).toMatch(/^\d+$/);
    await until(async () => (await stateOf(waiting.processInstanceKey)) === 'COMPLETED');
    await until(async () => (await stateOf(signalled.processInstanceKey)) === 'COMPLETED');
  });

  it('should raise an incident at no retries and resolve it after the retries are updated', async () => {
    const pi = await c.createProcessInstance({ bpmnProcessId: 'one-sdk-work', variables: {} });
    const [job] = await nextJob('sdk-work');
    await c.failJob({ jobKey: job.key, retries: 0, errorMessage: 'broken', retryBackOff: 0 });
    const incident = await incidentOf(pi.processInstanceKey);
    expect(incident.errorType).toBe('JOB_NO_RETRIES');
    // Completing a failed job is a wrong state: FAILED_PRECONDITION, as on Zeebe.
    const failed = await rejection(once.completeJob({ jobKey: job.key, variables: {} }));
    expect(failed.code).toBe(status.FAILED_PRECONDITION);
    expect(failed.details).toContain(`but it is in state 'FAILED'`);
    await c.updateJobRetries({ jobKey: job.key, retries: 1 });
    await c.resolveIncident({ incidentKey: incident.incidentKey });
    const [again] = await nextJob('sdk-work');
    expect(again.key).toBe(job.key);
    await c.updateJobTimeout({ jobKey: again.key, timeout: 60_000 });
    await c.completeJob({ jobKey: again.key, variables: {} });
    await until(async () => (await stateOf(pi.processInstanceKey)) === 'COMPLETED');
  });

  it('should set variables on an instance and modify it from one task to the next', async () => {
    const pi = await c.createProcessInstance({ bpmnProcessId: 'two-sdk-mod', variables: {} });
    await c.setVariables({
      elementInstanceKey: pi.processInstanceKey,
      variables: { note: '设定' },
      local: false,
    });
    const [a] = await nextJob('sdk-mod-a');
    expect(a.variables).toMatchObject({ note: '设定' });
    await c.modifyProcessInstance({
      processInstanceKey: pi.processInstanceKey,
      terminateInstructions: [{ elementInstanceKey: a.elementInstanceKey }],
      activateInstructions: [
        {
          elementId: 'b',
          ancestorElementInstanceKey: '0',
          variableInstructions: [{ variables: { moved: true }, scopeId: '' }],
        },
      ],
    });
    const [b] = await nextJob('sdk-mod-b');
    expect(b.variables).toMatchObject({ note: '设定', moved: true });
    await c.completeJob({ jobKey: b.key, variables: {} });
    await until(async () => (await stateOf(pi.processInstanceKey)) === 'COMPLETED');
  });

  it('should deploy a DMN decision and evaluate it (EvaluateDecision)', async () => {
    const dmn = d.drd(
      'grpc-drd',
      d.table(
        'grpc-fee',
        ['age'],
        ['fee'],
        [
          ['< 18', '0'],
          ['>= 18', '50'],
        ],
      ),
    );
    const deployed = await c.deployResource({ name: 'fee.dmn', decision: Buffer.from(dmn) });
    expect(deployed.deployments.some((x) => x.decision?.dmnDecisionId === 'grpc-fee')).toBe(true);
    const r = await c.evaluateDecision({ decisionId: 'grpc-fee', variables: { age: 30 } } as never);
    expect(r).toMatchObject({ decisionId: 'grpc-fee', decisionVersion: 1, failureMessage: '' });
    // A single-output table's result is the value itself, as in Camunda.
    expect(JSON.parse(r.decisionOutput)).toBe(50);
    expect(r.evaluatedDecisions[0].matchedRules[0].ruleIndex).toBe(2);
  });

  it('should migrate an instance to another definition (MigrateProcessInstance)', async () => {
    const source = await deploy('mig.bpmn', diagrams.oneTask('sdk-mig'));
    const target = await deploy(
      'mig-target.bpmn',
      diagrams.oneTask('sdk-mig').replace(/one-sdk-mig/g, 'mig-target'),
    );
    expect(source.deployments[0].process!.bpmnProcessId).toBe('one-sdk-mig');
    const pi = await c.createProcessInstance({ bpmnProcessId: 'one-sdk-mig', variables: {} });
    await c.migrateProcessInstance({
      processInstanceKey: pi.processInstanceKey,
      migrationPlan: {
        targetProcessDefinitionKey: target.deployments[0].process!.processDefinitionKey,
        mappingInstructions: [{ sourceElementId: 't', targetElementId: 't' }],
      },
    });
    const moved = await h.rest.searchProcessInstances({
      filter: { processInstanceKey: pi.processInstanceKey },
    });
    expect(moved.items[0].processDefinitionId).toBe('mig-target');
    const [job] = await nextJob('sdk-mig');
    expect(job.bpmnProcessId).toBe('mig-target');
    await c.completeJob({ jobKey: job.key, variables: {} });
    await until(async () => (await stateOf(pi.processInstanceKey)) === 'COMPLETED');
    // The REST face's request checks: no mapping is INVALID_ARGUMENT here too.
    const r = await rejection(
      once.migrateProcessInstance({
        processInstanceKey: pi.processInstanceKey,
        migrationPlan: { targetProcessDefinitionKey: '1', mappingInstructions: [] },
      }),
    );
    expect(r.code).toBe(status.INVALID_ARGUMENT);
    expect(r.details).toContain('No mappingInstructions provided.');
  });

  it.each([
    [
      'NOT_FOUND for an unknown job',
      () => once.completeJob({ jobKey: '2251799813600000', variables: {} }),
      status.NOT_FOUND,
      "Command 'COMPLETE' rejected with code 'NOT_FOUND': Expected to complete job with key '2251799813600000', but no such job was found",
    ],
    [
      'NOT_FOUND for an unknown process id',
      () => once.createProcessInstance({ bpmnProcessId: 'nowhere', variables: {} }),
      status.NOT_FOUND,
      "Expected to find process definition with process ID 'nowhere', but none found",
    ],
    [
      'INVALID_ARGUMENT for a diagram that does not parse',
      () => once.deployResource({ name: 'bad.bpmn', process: Buffer.from('<not-bpmn') }),
      status.INVALID_ARGUMENT,
      'Expected to deploy new resources, but encountered the following errors',
    ],
    [
      'INVALID_ARGUMENT for job retries below 1',
      () => once.updateJobRetries({ jobKey: '2251799813600000', retries: 0 }),
      status.INVALID_ARGUMENT,
      "The value for retries is '0' but must be greater than 0.",
    ],
    [
      'INVALID_ARGUMENT for another tenant',
      () => once.createProcessInstance({ bpmnProcessId: 'x', variables: {}, tenantId: 'acme' }),
      status.INVALID_ARGUMENT,
      "tenant identifier 'acme', but multi-tenancy is disabled",
    ],
    [
      'NOT_FOUND for an unknown decision',
      () => once.evaluateDecision({ decisionId: 'nowhere', variables: {} } as never),
      status.NOT_FOUND,
      "Expected to evaluate decision 'nowhere', but no decision found for id 'nowhere'",
    ],
  ])('should answer %s', async (_what, call, code, details) => {
    const r = await rejection(call());
    expect(r.code).toBe(code);
    expect(r.details).toContain(details);
  });

  it('should answer ALREADY_EXISTS for a message id still buffered', async () => {
    const message = { name: 'm-dup', correlationKey: 'k', messageId: 'id-1', timeToLive: 60_000 };
    await once.publishMessage({ ...message, variables: {} });
    const r = await rejection(once.publishMessage({ ...message, variables: {} }));
    expect(r.code).toBe(status.ALREADY_EXISTS);
    expect(r.details).toContain('a message with that id was already published');
  });

  it('should answer DEADLINE_EXCEEDED when a with-result instance does not end in time', async () => {
    const r = await rejection(
      once.createProcessInstanceWithResult({
        bpmnProcessId: 'waits-sdk-msg',
        variables: { orderId: 'never' },
        requestTimeout: 300,
      }),
    );
    expect(r.code).toBe(status.DEADLINE_EXCEEDED);
    expect(r.details).toContain('did not complete in time');
  });

  it('should answer UNAUTHENTICATED without the credentials, saying Unauthorized', async () => {
    const stranger = sdkGrpcClient(h.grpcAddress, {
      CAMUNDA_BASIC_AUTH_PASSWORD: 'wrong',
      zeebeGrpcSettings: { ZEEBE_GRPC_CLIENT_RETRY: false, ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
    });
    try {
      const r = await rejection(stranger.topology());
      expect(r.code).toBe(status.UNAUTHENTICATED);
      expect(r.details).toContain('Unauthorized');
      const deployed = await rejection(
        stranger.deployResource({ name: 'x.bpmn', process: Buffer.from(diagrams.oneTask('x')) }),
      );
      expect(deployed.code).toBe(status.UNAUTHENTICATED);
    } finally {
      await stranger.close();
    }
  });

  it('should answer RESOURCE_EXHAUSTED (back-pressure) when no database connection is free', async () => {
    // An engine over a pool of two: one is its LISTEN connection, the test holds the other.
    const db = knex({
      client: 'pg',
      connection: h.db.url,
      pool: { min: 0, max: 2 },
      acquireConnectionTimeout: 300,
      log: { warn: quiet, error: quiet, debug: quiet, deprecate: quiet },
    });
    // Its timer loop finds no connection either: that is expected here, not worth a log line.
    const log = { info: quiet, warn: quiet, error: quiet };
    const engine = await startEngine({ db, port: 0, grpcPort: 0, auth: testEngineAuth, log });
    const client = sdkGrpcClient(`127.0.0.1:${engine.grpcAddress!.port}`, {
      zeebeGrpcSettings: { ZEEBE_GRPC_CLIENT_RETRY: false, ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
    });
    const trx = await db.transaction();
    try {
      const r = await rejection(
        client.createProcessInstance({ bpmnProcessId: 'one-sdk-work', variables: {} }),
      );
      expect(r.code).toBe(status.RESOURCE_EXHAUSTED);
      expect(r.details).toContain('Please retry later');
    } finally {
      await trx.rollback();
      await client.close();
      await engine.stop();
      await db.destroy();
    }
  });
});
