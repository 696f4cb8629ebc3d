import * as b from './bpmn-builder';
import { driver, eventually, Harness, startHarness } from './engine-harness';

const oneTask = (id: string, type: string, o: b.TaskOptions = {}) =>
  b.process(
    id,
    b.start('s'),
    b.flow('s', 't'),
    b.serviceTask('t', type, o),
    b.flow('t', 'e'),
    b.end('e'),
  );

describe('engine - job and message semantics', () => {
  let h: Harness;
  let d: ReturnType<typeof driver>;
  let now = Date.parse('2045-01-01T00:00:00Z');
  const advance = async (ms: number) => {
    now += ms;
    await h.client.pinInternalClock(now);
  };
  beforeAll(async () => {
    h = await startHarness();
    d = driver(h);
    await h.client.pinInternalClock(now);
  });
  afterAll(() => h.stop());

  it('should complete many concurrent jobs of one parallel multi-instance without losing results', async () => {
    // given
    await h.deploy(
      'many.bpmn',
      oneTask('many', 'many-task', {
        multi: { collection: '=items', element: 'item', output: 'out', outputElement: '=r' },
      }),
    );
    const items = Array.from({ length: 20 }, (_, i) => i);
    const pik = await d.start('many', { items });
    const jobs = await h.client.activateJobs({
      type: 'many-task',
      worker: 'w',
      timeout: 60000,
      maxJobsToActivate: 20,
    });
    // when
    await Promise.all(
      jobs.map((j) =>
        h.client.completeJob({
          jobKey: j.jobKey,
          variables: { r: (j.variables as Record<string, number>).item * 10 },
        }),
      ),
    );
    // then
    expect(jobs).toHaveLength(20);
    await d.waitState(pik, 'COMPLETED');
    expect((await d.variables(pik)).out).toEqual(items.map((i) => i * 10));
  });

  it('should wait out retryBackOff on the engine clock before handing the job out again', async () => {
    await h.deploy('backoff.bpmn', oneTask('backoff', 'backoff-task'));
    await d.start('backoff');
    const [job] = await d.jobs('backoff-task', 1);
    await h.client.failJob({
      jobKey: job.jobKey,
      retries: 2,
      errorMessage: 'later',
      retryBackOff: 60_000,
    });
    const early = await h.client.activateJobs({
      type: 'backoff-task',
      worker: 'w',
      timeout: 1000,
      maxJobsToActivate: 1,
      requestTimeout: 300,
    });
    await advance(61_000);
    const later = await d.jobs('backoff-task', 1);
    expect(early).toEqual([]);
    expect(later[0]).toMatchObject({ jobKey: job.jobKey, retries: 2 });
  });

  it('should only fetch the requested variables', async () => {
    await h.deploy('fetch.bpmn', oneTask('fetch', 'fetch-task'));
    await d.start('fetch', { a: 1, b: 2, c: 3 });
    const [job] = await h.client.activateJobs({
      type: 'fetch-task',
      worker: 'w',
      timeout: 10000,
      maxJobsToActivate: 1,
      fetchVariable: ['a', 'c'],
    });
    expect(job.variables).toEqual({ a: 1, c: 3 });
  });

  it('should extend a job deadline through updateJob timeout', async () => {
    await h.deploy('extend.bpmn', oneTask('extend', 'extend-task'));
    await d.start('extend');
    const [job] = await h.client.activateJobs({
      type: 'extend-task',
      worker: 'w',
      timeout: 1000,
      maxJobsToActivate: 1,
    });
    await h.client.updateJob({ jobKey: job.jobKey, timeout: 120_000 });
    await advance(5_000);
    const again = await h.client.activateJobs({
      type: 'extend-task',
      worker: 'w',
      timeout: 1000,
      maxJobsToActivate: 1,
      requestTimeout: 300,
    });
    expect(again).toEqual([]);
  });

  it('should drop a buffered message when its time to live has passed', async () => {
    await h.deploy(
      'ttl.bpmn',
      b.process(
        'ttl',
        b.start('s'),
        b.flow('s', 'c'),
        b.catchEvent('c', b.messageDef('ttl-msg'), '=k'),
        b.flow('c', 'e'),
        b.end('e'),
      ),
    );
    await h.client.publishMessage({
      name: 'ttl-msg',
      correlationKey: 'late',
      timeToLive: 1000,
      variables: {},
    });
    await h.client.publishMessage({
      name: 'ttl-msg',
      correlationKey: 'early',
      timeToLive: 60_000,
      variables: {},
    });
    await advance(2_000);
    const late = await d.start('ttl', { k: 'late' });
    const early = await d.start('ttl', { k: 'early' });
    await d.waitState(early, 'COMPLETED');
    expect(await d.state(late)).toBe('ACTIVE');
  });

  it('should correlate one message once per process id', async () => {
    await h.deploy(
      'once.bpmn',
      b.process(
        'once',
        b.start('s'),
        b.flow('s', 'c'),
        b.catchEvent('c', b.messageDef('once-msg'), '=k'),
        b.flow('c', 'e'),
        b.end('e'),
      ),
    );
    const first = await d.start('once', { k: 'same' });
    const second = await d.start('once', { k: 'same' });
    await h.client.publishMessage({
      name: 'once-msg',
      correlationKey: 'same',
      timeToLive: 60_000,
      variables: {},
    });
    await eventually(async () => (await d.state(first)) === 'COMPLETED');
    await new Promise((r) => setTimeout(r, 200));
    expect(await d.state(second)).toBe('ACTIVE');
  });
});
