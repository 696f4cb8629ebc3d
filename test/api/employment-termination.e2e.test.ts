import { count, expectProblem, registeredEnterprise, registeredPerson } from './api-harness';
import { ProcessApi, employed, personWithPhoto, startProcessApi } from './process-api-harness';

/* POST /api/employments/{id}/termination → employment-termination → the enterprise's task. */
describe('api/employment-termination - through the engine', () => {
  let api: ProcessApi;

  beforeAll(async () => {
    api = await startProcessApi();
  });
  afterEach(() => expect(api.h.errors).toEqual([]));
  afterAll(() => api.stopAll());

  async function employedPerson(name: string) {
    const e = await registeredEnterprise(api);
    const p = await personWithPhoto(api, name);
    const { employmentId } = await employed(api, e, p);
    return { e, p, employmentId };
  }

  const terminate = (token: string, employmentId: string) =>
    api.request('POST', `/api/employments/${employmentId}/termination`, { token });

  it('should end the employment when the enterprise confirms through its task', async () => {
    // given
    const { e, p, employmentId } = await employedPerson('陈六');
    // when
    const res = await terminate(p.token, employmentId);
    expect(res.status).toBe(201);
    expect(res.body.state).toBe('awaiting-enterprise');
    const confirm = await api.decide(e.token, res.body.applicationId, 'approve');
    // then
    expect(confirm.status).toBe(200);
    await api.finished(res.body.applicationId);
    const mine = await api.request('GET', '/api/persons/me/employments', { token: p.token });
    expect(mine.body).toMatchObject({
      current: null,
      history: [{ id: employmentId, state: 'ended' }],
    });
    const detail = await api.request('GET', `/api/applications/${res.body.applicationId}`, {
      token: p.token,
    });
    expect(detail.body.timeline.map((s: { step: string }) => s.step)).toEqual([
      'submitted',
      'notify-enterprise-requested',
      'enterprise-confirm',
      'employment-ended',
      'notify-person-ended',
    ]);
    expect(detail.body.timeline[0]).toMatchObject({ actor: '陈六' });
    expect(detail.body.timeline[2]).toMatchObject({
      actor: '西宁燃气有限公司',
      decision: 'approved',
    });
  });

  it('should keep the employment when the enterprise rejects with a reason', async () => {
    const { e, p, employmentId } = await employedPerson('林五');
    const res = await terminate(p.token, employmentId);
    await api.decide(e.token, res.body.applicationId, 'reject', '合同期内不得解除');
    await api.finished(res.body.applicationId);
    const mine = await api.request('GET', '/api/persons/me/employments', { token: p.token });
    expect(mine.body.current).toMatchObject({ id: employmentId, state: 'active' });
    const detail = await api.request('GET', `/api/applications/${res.body.applicationId}`, {
      token: p.token,
    });
    expect(detail.body).toMatchObject({ state: 'rejected' });
    expect(detail.body.timeline[2]).toMatchObject({ comment: '合同期内不得解除' });
  });

  it('should answer 422 for a second request in progress and write nothing', async () => {
    const { p, employmentId } = await employedPerson('何四');
    expect((await terminate(p.token, employmentId)).status).toBe(201);
    const before = await count(api, 'applications');
    const res = await terminate(p.token, employmentId);
    expectProblem(res, 422, 'conditions-not-met');
    expect(res.body.errors.map((x: { code: string }) => x.code)).toEqual([
      'termination-in-progress',
    ]);
    expect(await count(api, 'applications')).toBe(before);
  });

  it('should hide the employment from others and refuse the enterprise itself', async () => {
    const { e, employmentId } = await employedPerson('罗三');
    const stranger = await registeredPerson(api, '马二');
    expectProblem(await terminate(stranger.token, employmentId), 404, 'not-found');
    expectProblem(await terminate(e.token, employmentId), 403, 'forbidden');
    expectProblem(await terminate(stranger.token, 'abc'), 400, 'validation-failed');
  });
});
