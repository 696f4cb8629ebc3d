import { Harness, startHarness } from '../engine-harness';
import * as b from '../bpmn-builder';
import { engineAuthHeader } from '../engine-credentials';

/**
 * Instance creation and job completion are answered outside Express (rest/fast-lane.ts). The
 * same request sent so that Express answers it (a query string, which Express ignores and the
 * fast lane does not take) must get the same answer.
 */
describe('engine/rest/fast-lane - same answers as the Express routes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.deploy(
      'lane.bpmn',
      b.process(
        'lane',
        b.start('s'),
        b.flow('s', 't'),
        b.serviceTask('t', 'lane'),
        b.flow('t', 'e'),
        b.end('e'),
      ),
    );
  });
  afterAll(() => h.stop());

  const send = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${h.address}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...engineAuthHeader, ...headers },
      body,
    });
  type Job = { jobKey: string; processInstanceKey: string };
  const answer = async (res: Response) => ({
    status: res.status,
    type: res.headers.get('content-type'),
    body: res.status === 204 ? null : await res.json(),
  });

  it.each([
    ['a create', '/v2/process-instances', JSON.stringify({ processDefinitionId: 'lane' })],
    ['an unknown process', '/v2/process-instances', JSON.stringify({ processDefinitionId: 'no' })],
    ['a foreign tenant', '/v2/process-instances', JSON.stringify({ tenantId: 't1' })],
    ['malformed JSON', '/v2/process-instances', '{"processDefinitionId":'],
    ['a JSON array', '/v2/process-instances', '[]'],
    ['an unknown job', '/v2/jobs/123/completion', '{}'],
    ['an empty body', '/v2/jobs/123/completion', ''],
  ])('should answer %s as Express does', async (_, path, body) => {
    // given
    const viaExpress = await answer(await send(`${path}?via=express`, body));
    // when
    const viaLane = await answer(await send(path, body));
    // then
    const strip = (a: typeof viaLane) =>
      JSON.parse(
        JSON.stringify(a)
          .replace(/"instance":"[^"]*"/, '"instance":""')
          .replace(/"processInstanceKey":"\d+"/, '"processInstanceKey":""'),
      );
    expect(strip(viaLane)).toEqual(strip(viaExpress));
  });

  it('should complete a job through the fast lane and through //v2', async () => {
    // given
    const created = (await (
      await send('//v2/process-instances', JSON.stringify({ processDefinitionId: 'lane' }))
    ).json()) as { processInstanceKey: string };
    const { jobs } = (await (
      await send(
        '/v2/jobs/activation',
        JSON.stringify({
          type: 'lane',
          timeout: 30000,
          maxJobsToActivate: 10,
          requestTimeout: 2000,
        }),
      )
    ).json()) as { jobs: Job[] };
    const job = jobs.find((j) => j.processInstanceKey === created.processInstanceKey)!;
    // when
    const res = await send(
      `//v2/jobs/${job.jobKey}/completion`,
      JSON.stringify({ variables: { done: true } }),
    );
    // then
    expect(res.status).toBe(204);
    const instance = (await (
      await fetch(`${h.address}/v2/process-instances/${created.processInstanceKey}`, {
        headers: engineAuthHeader,
      })
    ).json()) as { state: string };
    expect(instance.state).toBe('COMPLETED');
  });
});
