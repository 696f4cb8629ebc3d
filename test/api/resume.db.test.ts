import { ApiHarness, count, expectProblem, registeredPerson, startApi } from './api-harness';

describe('api/persons - resume', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.stop());

  it('should create, list, read, update and delete my resume entries', async () => {
    // given
    const me = await registeredPerson(api);
    const path = '/api/persons/me/resume';
    // when
    const later = await api.request('POST', path, {
      token: me.token,
      body: { startDate: '2018-03-01', organisation: '西宁燃气有限公司', position: '管网工' },
    });
    const earlier = await api.request('POST', path, {
      token: me.token,
      body: { startDate: '2012-09-01', endDate: '2018-02-28', organisation: '青海某技校' },
    });
    // then
    expect(later.status).toBe(201);
    expect(later.body).toEqual({
      id: expect.any(String),
      startDate: '2018-03-01',
      endDate: null,
      organisation: '西宁燃气有限公司',
      position: '管网工',
      description: null,
    });
    const list = await api.request('GET', path, { token: me.token });
    expect(list.body.map((e: { organisation: string }) => e.organisation)).toEqual([
      '青海某技校',
      '西宁燃气有限公司',
    ]);
    const one = await api.request('GET', `${path}/${earlier.body.id}`, { token: me.token });
    expect(one.body.endDate).toBe('2018-02-28');
    const patched = await api.request('PATCH', `${path}/${later.body.id}`, {
      token: me.token,
      body: { endDate: '2024-12-31', description: '负责巡线' },
    });
    expect(patched.body).toMatchObject({
      endDate: '2024-12-31',
      description: '负责巡线',
      position: '管网工',
    });
    const deleted = await api.request('DELETE', `${path}/${earlier.body.id}`, { token: me.token });
    expect(deleted.status).toBe(204);
    expect((await api.request('GET', path, { token: me.token })).body).toHaveLength(1);
  });

  it("should hide another person's entries behind 404", async () => {
    // given
    const owner = await registeredPerson(api);
    const other = await registeredPerson(api);
    const entry = await api.request('POST', '/api/persons/me/resume', {
      token: owner.token,
      body: { startDate: '2020-01-01', organisation: '某单位' },
    });
    const path = `/api/persons/me/resume/${entry.body.id}`;
    // when / then
    expectProblem(await api.request('GET', path, { token: other.token }), 404, 'not-found');
    expectProblem(
      await api.request('PATCH', path, { token: other.token, body: { organisation: '改' } }),
      404,
      'not-found',
    );
    expectProblem(await api.request('DELETE', path, { token: other.token }), 404, 'not-found');
    expect((await api.request('GET', path, { token: owner.token })).body.organisation).toBe(
      '某单位',
    );
  });

  it.each([
    {
      case: 'an end before the start',
      body: { startDate: '2020-05-01', endDate: '2020-04-30', organisation: 'x' },
      field: 'endDate',
      code: 'dates-ordered',
    },
    {
      case: 'an impossible date',
      body: { startDate: '2020-02-30', organisation: 'x' },
      field: 'startDate',
      code: 'format',
    },
    {
      case: 'a missing organisation',
      body: { startDate: '2020-01-01' },
      field: 'organisation',
      code: 'required',
    },
    {
      case: 'a number for a date',
      body: { startDate: 20200101, organisation: 'x' },
      field: 'startDate',
      code: 'type',
    },
  ])('should refuse $case and write nothing', async ({ body, field, code }) => {
    const me = await registeredPerson(api);
    const before = await count(api, 'resume_entries');
    const res = await api.request('POST', '/api/persons/me/resume', { token: me.token, body });
    expectProblem(res, 400, 'validation-failed');
    expect(res.body.errors).toEqual([expect.objectContaining({ field, code })]);
    expect(await count(api, 'resume_entries')).toBe(before);
  });

  it('should refuse an update that would put the end before the stored start', async () => {
    const me = await registeredPerson(api);
    const entry = await api.request('POST', '/api/persons/me/resume', {
      token: me.token,
      body: { startDate: '2020-01-01', organisation: '某单位' },
    });
    const res = await api.request('PATCH', `/api/persons/me/resume/${entry.body.id}`, {
      token: me.token,
      body: { endDate: '2019-12-31' },
    });
    expectProblem(res, 400, 'validation-failed');
    expect(res.body.errors[0]).toMatchObject({ field: 'endDate', code: 'dates-ordered' });
  });

  it.each(['abc', '0', '-1', '99999999999999999999'])(
    'should answer 400 for the entry id %s',
    async (id) => {
      const me = await registeredPerson(api);
      const res = await api.request('GET', `/api/persons/me/resume/${id}`, { token: me.token });
      expectProblem(res, 400, 'validation-failed');
      expect(res.body.errors[0].field).toBe('id');
    },
  );
});
