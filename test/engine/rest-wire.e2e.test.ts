import { Harness, startHarness } from './engine-harness';
import { engineAuthHeader } from './engine-credentials';

/** Wire details the SDK relies on, checked with raw HTTP (CAMUNDA-REST.md §4). */
describe('engine/rest - wire conventions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.stop());

  /** One instance each of processes `ops-a` and `ops-b`, created once. */
  async function ensureTwoInstances() {
    for (const id of ['ops-a', 'ops-b']) {
      const xml = `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x"><bpmn:process id="${id}" isExecutable="true"><bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t"/><bpmn:serviceTask id="t"><bpmn:extensionElements><zeebe:taskDefinition type="ops"/></bpmn:extensionElements></bpmn:serviceTask></bpmn:process></bpmn:definitions>`;
      await h.deploy(`${id}.bpmn`, xml);
      const found = await h.client.searchProcessInstances({ filter: { processDefinitionId: id } });
      if (found.items.length === 0)
        await h.client.createProcessInstance({ processDefinitionId: id, variables: {} });
    }
  }

  it('should render errors as problem+json with status equal to the HTTP status', async () => {
    const res = await fetch(`${h.address}/v2/jobs/123/completion`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...engineAuthHeader },
      body: '{}',
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toEqual({
      type: 'about:blank',
      title: 'NOT_FOUND',
      status: 404,
      detail:
        "Command 'COMPLETE' rejected with code 'NOT_FOUND': Expected to complete job with key '123', but no such job was found",
      instance: '/v2/jobs/123/completion',
    });
  });

  it('should treat an empty JSON body as {} and serve //v2 paths', async () => {
    const res = await fetch(`${h.address}//v2/process-instances/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '0', ...engineAuthHeader },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      items: [],
      page: { totalItems: 0, hasMoreTotalItems: false },
    });
  });

  it('should answer malformed JSON with 400 Bad Request', async () => {
    const res = await fetch(`${h.address}/v2/process-instances`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...engineAuthHeader },
      body: '{"processDefinitionId":',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: 400, title: 'Bad Request' });
  });

  it('should reject an unknown sort field and accept lowercase sort order', async () => {
    const bad = await fetch(`${h.address}/v2/user-tasks/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...engineAuthHeader },
      body: JSON.stringify({ sort: [{ field: 'nope' }] }),
    });
    expect(bad.status).toBe(400);
    const ok = await fetch(`${h.address}/v2/user-tasks/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...engineAuthHeader },
      body: JSON.stringify({
        sort: [{ field: 'creationDate', order: 'asc' }],
        page: { from: 0, limit: 100 },
      }),
    });
    expect(ok.status).toBe(200);
  });

  it('should answer job activation without type with 400 and always with a jobs array', async () => {
    const bad = await fetch(`${h.address}/v2/jobs/activation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...engineAuthHeader },
      body: JSON.stringify({ timeout: 1000, maxJobsToActivate: 1 }),
    });
    expect(bad.status).toBe(400);
    const empty = await fetch(`${h.address}/v2/jobs/activation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...engineAuthHeader },
      body: JSON.stringify({ type: 'x', timeout: 1000, maxJobsToActivate: 1, requestTimeout: -1 }),
    });
    expect(await empty.json()).toEqual({ jobs: [] });
  });

  it.each([
    [{ processDefinitionId: { $in: ['ops-a', 'ops-b'] } }, ['ops-a', 'ops-b']],
    [{ processDefinitionId: { $neq: 'ops-a' } }, ['ops-b']],
    [{ processDefinitionId: { $like: 'ops-?' } }, ['ops-a', 'ops-b']],
    [{ processDefinitionId: { $notIn: ['ops-b'] } }, ['ops-a']],
    [{ parentProcessInstanceKey: { $exists: false }, state: 'active' }, ['ops-a', 'ops-b']],
    [{ processDefinitionVersion: { $gte: 2 } }, []],
    [{ startDate: { $gt: '2000-01-01T00:00:00Z' }, processDefinitionId: 'ops-a' }, ['ops-a']],
  ])('should apply the search filter %j', async (filter, expected) => {
    // given
    await ensureTwoInstances();
    // when
    const r = await h.client.searchProcessInstances({ filter } as never);
    // then
    expect(
      r.items.map((i: { processDefinitionId: string }) => i.processDefinitionId).sort(),
    ).toEqual(expected);
  });

  it('should page with from/limit and with cursors', async () => {
    await ensureTwoInstances();
    const first = await h.client.searchProcessInstances({
      filter: {},
      page: { from: 0, limit: 1 },
    } as never);
    const next = await h.client.searchProcessInstances({
      filter: {},
      page: { from: 0, limit: 1, after: first.page.endCursor },
    } as never);
    const back = await h.client.searchProcessInstances({
      filter: {},
      page: { from: 0, limit: 1, before: next.page.startCursor },
    } as never);
    expect(first.page.totalItems).toBe(2);
    expect(next.items[0].processInstanceKey).not.toBe(first.items[0].processInstanceKey);
    expect(back.items[0].processInstanceKey).toBe(first.items[0].processInstanceKey);
  });
});
