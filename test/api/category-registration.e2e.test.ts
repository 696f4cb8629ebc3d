import { count, expectProblem, registeredEnterprise, registeredPerson } from './api-harness';
import { ProcessApi, startProcessApi } from './process-api-harness';

/* POST /api/enterprises/me/category-registrations → category-registration → the association's task. */
describe('api/category-registration - through the engine', () => {
  let api: ProcessApi;
  let association: string;

  beforeAll(async () => {
    api = await startProcessApi();
    association = await api.staff('association');
  });
  afterEach(() => expect(api.h.errors).toEqual([]));
  afterAll(() => api.stopAll());

  const register = (token: string, categories: unknown) =>
    api.request('POST', '/api/enterprises/me/category-registrations', {
      token,
      body: { categories },
    });

  it('should register the categories once the association approves through its task', async () => {
    // given
    const e = await registeredEnterprise(api);
    // when
    const res = await register(e.token, ['T', 'G']);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: 'awaiting-review' });
    expect(
      (await api.request('GET', '/api/enterprises/me', { token: e.token })).body,
    ).toMatchObject({ categoryRegistration: 'pending' });
    const done = await api.decide(association, res.body.applicationId, 'approve');
    // then
    expect(done.status).toBe(200);
    await api.finished(res.body.applicationId);
    const me = await api.request('GET', '/api/enterprises/me', { token: e.token });
    expect(me.body).toMatchObject({ categories: ['G', 'T'], categoryRegistration: 'approved' });
    const detail = await api.request('GET', `/api/applications/${res.body.applicationId}`, {
      token: e.token,
    });
    expect(detail.body).toMatchObject({
      type: 'category-registration',
      state: 'completed',
      processInstanceKey: res.body.processInstanceKey,
      subject: { categories: ['G', 'T'] },
    });
    expect(detail.body.timeline.map((s: { step: string }) => s.step)).toEqual([
      'submitted',
      'association-review',
      'category-registration-applied',
      'notify-enterprise-approved',
    ]);
    expect(detail.body.timeline[1]).toMatchObject({
      decision: 'approved',
      actor: expect.stringContaining('燃气协会'),
    });
  });

  it('should end the application rejected with the reason and allow a new request', async () => {
    // given
    const e = await registeredEnterprise(api);
    const res = await register(e.token, ['G']);
    // when
    const done = await api.decide(association, res.body.applicationId, 'reject', '经营范围不符');
    // then
    expect(done.status).toBe(200);
    await api.finished(res.body.applicationId);
    const detail = await api.request('GET', `/api/applications/${res.body.applicationId}`, {
      token: e.token,
    });
    expect(detail.body.state).toBe('rejected');
    expect(detail.body.timeline[1]).toMatchObject({
      step: 'association-review',
      decision: 'rejected',
      comment: '经营范围不符',
    });
    const messages = await api.request('GET', '/api/messages', { token: e.token });
    expect(messages.body.map((m: { title: string }) => m.title)).toContain('经营类别登记未通过');
    expect((await register(e.token, ['G'])).status).toBe(201);
  });

  it('should refuse a rejection without a reason and leave the task open', async () => {
    const e = await registeredEnterprise(api);
    const res = await register(e.token, ['P']);
    const key = await api.taskOf(association, res.body.applicationId);
    const done = await api.request('POST', `/api/tasks/${key}/complete`, {
      token: association,
      body: { decision: 'reject', comment: ' ' },
    });
    expectProblem(done, 400, 'validation-failed');
    expect(done.body.errors).toEqual([expect.objectContaining({ field: 'comment' })]);
    expect(await api.taskOf(association, res.body.applicationId)).toBe(key);
    // only the submission: no decision entry
    expect(
      (await api.t.db('application_events').where({ application_id: res.body.applicationId })).map(
        (x) => x.step,
      ),
    ).toEqual(['submitted']);
  });

  it('should answer 422 listing every failed condition and start nothing', async () => {
    // given an enterprise with a registration in progress
    const e = await registeredEnterprise(api);
    await register(e.token, ['G']);
    const before = await count(api, 'applications');
    // when
    const res = await register(e.token, ['X', 'G']);
    // then
    expectProblem(res, 422, 'conditions-not-met');
    expect(res.body.errors.map((x: { code: string }) => x.code)).toEqual([
      'categories-unknown',
      'category-application-in-progress',
    ]);
    expect(await count(api, 'applications')).toBe(before);
  });

  it('should start only one of two concurrent requests', async () => {
    // given
    const e = await registeredEnterprise(api);
    // when
    const replies = await Promise.all([register(e.token, ['G']), register(e.token, ['P'])]);
    // then
    expect(replies.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(
      await api.t.db('applications').where({ enterprise_id: e.enterpriseId }).count({ n: '*' }),
    ).toEqual([{ n: '1' }]);
  });

  it.each([
    { case: 'an empty list', body: { categories: [] }, status: 400 },
    { case: 'a wrong type', body: { categories: 'G' }, status: 400 },
    { case: 'an unknown field', body: { categories: ['G'], extra: 1 }, status: 400 },
  ])('should refuse $case with problem+json and write nothing', async ({ body, status }) => {
    const e = await registeredEnterprise(api);
    const before = await count(api, 'applications');
    const res = await api.request('POST', '/api/enterprises/me/category-registrations', {
      token: e.token,
      body,
    });
    expectProblem(res, status, 'validation-failed');
    expect(await count(api, 'applications')).toBe(before);
  });

  it('should refuse malformed JSON', async () => {
    const e = await registeredEnterprise(api);
    const res = await api.request('POST', '/api/enterprises/me/category-registrations', {
      token: e.token,
      raw: '{"categories": [',
      contentType: 'application/json',
    });
    expectProblem(res, 400, 'malformed-json');
  });

  it('should keep the task and the application from others', async () => {
    // given
    const e = await registeredEnterprise(api);
    const other = await registeredEnterprise(api, '海东燃气有限公司');
    const person = await registeredPerson(api);
    const regulator = await api.staff('regulator');
    const res = await register(e.token, ['G']);
    const key = await api.taskOf(association, res.body.applicationId);
    // then
    for (const token of [other.token, person.token, regulator]) {
      const tasks = await api.request('GET', '/api/tasks', { token });
      expect(tasks.body.items.map((t: { key: string }) => t.key)).not.toContain(key);
      const done = await api.request('POST', `/api/tasks/${key}/complete`, {
        token,
        body: { decision: 'approve' },
      });
      expectProblem(done, 404, 'not-found');
    }
    const seen = await api.request('GET', `/api/applications/${res.body.applicationId}`, {
      token: other.token,
    });
    expectProblem(seen, 404, 'not-found');
    expectProblem(await register(person.token, ['G']), 403, 'forbidden');
  });

  it('should let the association claim the task and refuse a second claim by another', async () => {
    const e = await registeredEnterprise(api);
    const res = await register(e.token, ['J']);
    const key = await api.taskOf(association, res.body.applicationId);
    const claim = await api.request('POST', `/api/tasks/${key}/claim`, { token: association });
    expect(claim.status).toBe(200);
    expect(claim.body.assignee).toMatch(/^association/);
    const colleague = await api.staff('association');
    const again = await api.request('POST', `/api/tasks/${key}/claim`, { token: colleague });
    expectProblem(again, 409, 'task-claimed');
  });
});
