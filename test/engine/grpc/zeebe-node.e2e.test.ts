import { status } from '@grpc/grpc-js';
import { diagrams } from './diagrams';
import {
  activateOne,
  GrpcHarness,
  incidentOf,
  rejection,
  startGrpcEngine,
  stateOf,
  until,
  zeebeNodeClient,
} from './grpc-harness';

type Client = ReturnType<typeof zeebeNodeClient>;

/** zeebe-node 8.3.2 (the client this project's design names) against the gRPC face. */
describe('engine/grpc - zeebe-node 8.3.2 against the gRPC face', () => {
  let h: GrpcHarness;
  let zb: Client;
  let once: Client;
  const completed = (key: string) => until(async () => (await stateOf(h, key)) === 'COMPLETED');

  const nextJob = (type: string) => activateOne(zb, type);

  beforeAll(async () => {
    h = await startGrpcEngine();
    zb = zeebeNodeClient(h.grpcAddress);
    once = zeebeNodeClient(h.grpcAddress, { retry: false });
    await zb.deployResource({
      name: 'one.bpmn',
      process: Buffer.from(diagrams.oneTask('zb-work')),
    });
    await zb.deployResource({ name: 'c.bpmn', process: Buffer.from(diagrams.caught('zb-throw')) });
    await zb.deployResource({ name: 'w.bpmn', process: Buffer.from(diagrams.waits('zb-msg')) });
    await zb.deployResource({ name: 's.bpmn', process: Buffer.from(diagrams.signalled('zb-sig')) });
    await zb.deployResource({ name: 'i.bpmn', process: Buffer.from(diagrams.immediate('zb-imm')) });
    await zb.deployResource({ name: 't.bpmn', process: Buffer.from(diagrams.twoTasks('zb-mod')) });
  });
  afterAll(async () => {
    await zb?.close();
    await once?.close();
    await h?.stop();
  });

  it('should read the topology and deploy through the deprecated DeployProcess too', async () => {
    expect((await zb.topology()).gatewayVersion).toBe('8.8.0');
    const r = await zb.deployProcess({
      definition: Buffer.from(diagrams.oneTask('zb-legacy')),
      name: 'legacy.bpmn',
    });
    expect(r.processes[0]).toMatchObject({ bpmnProcessId: 'one-zb-legacy', version: 1 });
  });

  it('should create an instance, and one with its result', async () => {
    const created = await zb.createProcessInstance({ bpmnProcessId: 'one-zb-work', variables: {} });
    expect(created.processInstanceKey).toMatch(/^\d+$/);
    await zb.cancelProcessInstance(created.processInstanceKey);
    const result = await zb.createProcessInstanceWithResult({
      bpmnProcessId: 'zb-imm',
      variables: { n: 5 },
    });
    expect(result.variables).toMatchObject({ doubled: 10 });
  });

  it('should run workers that complete, fail with a retry, and throw a caught error', async () => {
    const attempts: number[] = [];
    const worker = zb.createWorker({
      taskType: 'zb-work',
      taskHandler: (job) => {
        attempts.push(job.retries);
        return job.retries === 2
          ? job.fail({ errorMessage: 'again', retries: 1, retryBackOff: 0 })
          : job.complete({ ok: true });
      },
      loglevel: 'NONE',
    });
    const thrower = zb.createWorker({
      taskType: 'zb-throw',
      taskHandler: (job) => job.error('BUSINESS', 'refused'),
      loglevel: 'NONE',
    });
    try {
      const a = await zb.createProcessInstance({ bpmnProcessId: 'one-zb-work', variables: {} });
      const b = await zb.createProcessInstance({ bpmnProcessId: 'caught-zb-throw', variables: {} });
      await completed(a.processInstanceKey);
      await completed(b.processInstanceKey);
      expect(attempts).toEqual([2, 1]);
    } finally {
      await worker.close();
      await thrower.close();
    }
  });

  it('should correlate messages and broadcast signals', async () => {
    const w = await zb.createProcessInstance({
      bpmnProcessId: 'waits-zb-msg',
      variables: { orderId: 'z-7' },
    });
    const s = await zb.createProcessInstance({ bpmnProcessId: 'signalled-zb-sig', variables: {} });
    await zb.publishMessage({ name: 'zb-msg', correlationKey: 'z-7', variables: { v: 1 } });
    await zb.broadcastSignal({ signalName: 'zb-sig', variables: {} });
    await completed(w.processInstanceKey);
    await completed(s.processInstanceKey);
  });

  it('should raise and resolve an incident, set variables and modify an instance', async () => {
    const pi = await zb.createProcessInstance({ bpmnProcessId: 'two-zb-mod', variables: {} });
    const [a] = await nextJob('zb-mod-a');
    await zb.failJob({ jobKey: a.key, retries: 0, errorMessage: 'down', retryBackOff: 0 });
    const incident = await incidentOf(h, pi.processInstanceKey);
    await zb.updateJobRetries({ jobKey: a.key, retries: 1 });
    await zb.resolveIncident({ incidentKey: incident.incidentKey });
    await zb.setVariables({
      elementInstanceKey: pi.processInstanceKey,
      variables: { set: 'yes' },
      local: false,
    });
    await zb.modifyProcessInstance({
      processInstanceKey: pi.processInstanceKey,
      terminateInstructions: [{ elementInstanceKey: a.elementInstanceKey }],
      activateInstructions: [
        { elementId: 'b', ancestorElementInstanceKey: '0', variableInstructions: [] },
      ],
    } as never);
    const [b] = await nextJob('zb-mod-b');
    expect(b.variables).toMatchObject({ set: 'yes' });
    await zb.completeJob({ jobKey: b.key, variables: {} });
    await completed(pi.processInstanceKey);
  });

  it.each([
    [
      'NOT_FOUND for an unknown instance',
      () => once.cancelProcessInstance('2251799813600001'),
      status.NOT_FOUND,
      "Command 'CANCEL' rejected with code 'NOT_FOUND'",
    ],
    [
      // (Not through activateJobs: zeebe-node 8.3.2 resolves it on data only, as on Zeebe.)
      'INVALID_ARGUMENT for a creation naming no process',
      () => once.createProcessInstance({ bpmnProcessId: '', variables: {} }),
      status.INVALID_ARGUMENT,
      'Expected at least a bpmnProcessId or a key greater than -1, but none given',
    ],
    [
      'FAILED_PRECONDITION for an error thrown on a failed job',
      async () => {
        const pi = await zb.createProcessInstance({ bpmnProcessId: 'one-zb-work', variables: {} });
        const [job] = await once.activateJobs({
          type: 'zb-work',
          worker: 'w',
          timeout: 10_000,
          maxJobsToActivate: 1,
          requestTimeout: 2000,
        } as never);
        expect(job.processInstanceKey).toBe(pi.processInstanceKey);
        await once.failJob({ jobKey: job.key, retries: 0, errorMessage: 'x', retryBackOff: 0 });
        return once.throwError({ jobKey: job.key, errorCode: 'BUSINESS', errorMessage: '' });
      },
      status.FAILED_PRECONDITION,
      "but it is in state 'FAILED'",
    ],
    [
      'INVALID_ARGUMENT for a resource no engine part reads',
      () => once.deployResource({ name: 'notes.txt', form: Buffer.from('hello') } as never),
      status.INVALID_ARGUMENT,
      'Expected to deploy a resource with extension .bpmn, .xml, .dmn or .form',
    ],
  ])('should answer %s', async (_what, call, code, details) => {
    const r = await rejection(call());
    expect(r.code).toBe(code);
    expect(r.details).toContain(details);
  });

  it('should refuse a client with the wrong credentials (UNAUTHENTICATED)', async () => {
    const stranger = zeebeNodeClient(h.grpcAddress, {
      basicAuth: { username: 'test', password: 'wrong' },
      retry: false,
    });
    try {
      const r = await rejection(stranger.topology());
      expect(r.code).toBe(status.UNAUTHENTICATED);
    } finally {
      await stranger.close();
    }
  });
});
