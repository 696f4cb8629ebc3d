import { ApiHarness, count, expectProblem, registeredPerson, startApi } from './api-harness';
import { makeEmployment, makeEnterprise } from '../migrations/fixtures';

describe('api/persons - my profile', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.stop());

  it('should show and update my phone', async () => {
    // given
    const me = await registeredPerson(api);
    // when
    const patched = await api.request('PATCH', '/api/persons/me', {
      token: me.token,
      body: { phone: '13912345678' },
    });
    const got = await api.request('GET', '/api/persons/me', { token: me.token });
    // then
    expect(patched.status).toBe(200);
    expect(got.body).toMatchObject({ idNumber: me.idNumber, phone: '13912345678' });
    // and null clears it
    const cleared = await api.request('PATCH', '/api/persons/me', {
      token: me.token,
      body: { phone: null },
    });
    expect(cleared.body.phone).toBeNull();
  });

  it('should refuse query parameters the route does not define', async () => {
    const me = await registeredPerson(api);
    const res = await api.request('GET', '/api/persons/me?expand=all', { token: me.token });
    expectProblem(res, 400, 'validation-failed');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'expand', code: 'unknown-field' }),
    ]);
  });

  it('should not change the name by PATCH', async () => {
    const me = await registeredPerson(api, '张三');
    const res = await api.request('PATCH', '/api/persons/me', {
      token: me.token,
      body: { name: '张叁' },
    });
    expectProblem(res, 400, 'validation-failed');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'name', code: 'unknown-field' }),
    ]);
    expect((await api.request('GET', '/api/persons/me', { token: me.token })).body.name).toBe(
      '张三',
    );
  });

  it('should record a name change on re-verification and keep the former name', async () => {
    // given
    const me = await registeredPerson(api, '张三');
    // when
    const res = await api.request('POST', '/api/persons/me/verification', {
      token: me.token,
      body: { name: '张叁' },
    });
    // then
    expect(res.status).toBe(200);
    expect(res.body.nameChanged).toBe(true);
    expect(res.body.person.name).toBe('张叁');
    expect(res.body.person.names.map((n: { name: string }) => n.name)).toEqual(['张三', '张叁']);
    // and the same name again is a verification, not a change
    const again = await api.request('POST', '/api/persons/me/verification', {
      token: me.token,
      body: { name: '张叁' },
    });
    expect(again.body.nameChanged).toBe(false);
    const audit = await api.t.db('audit_log').where({ subject_id: me.personId }).orderBy('id');
    expect(audit.map((a) => a.action)).toEqual([
      'person.register',
      'person.name-change',
      'person.reverify',
    ]);
    expect(
      await api.t.db('person_names').where({ person_id: me.personId }).count({ n: '*' }),
    ).toEqual([{ n: '2' }]);
  });

  it('should refuse re-verification when the identity provider does not confirm the name', async () => {
    // given an API whose provider rejects a name
    const strict = await startApi({
      identityProvider: {
        verify: async ({ name }) =>
          name === '冒名'
            ? { verified: false, reason: '姓名与身份证号码不一致' }
            : { verified: true },
      },
    });
    try {
      const me = await registeredPerson(strict, '张三');
      // when
      const res = await strict.request('POST', '/api/persons/me/verification', {
        token: me.token,
        body: { name: '冒名' },
      });
      // then
      expectProblem(res, 422, 'identity-not-verified');
      expect(res.body.detail).toContain('姓名与身份证号码不一致');
      expect(await count(strict, 'person_names')).toBe(1);
    } finally {
      await strict.stop();
    }
  });

  it('should list no employments before any exist, and current and past ones after', async () => {
    // given
    const me = await registeredPerson(api);
    const empty = await api.request('GET', '/api/persons/me/employments', { token: me.token });
    expect(empty.body).toEqual({ current: null, pending: [], history: [] });
    const old = await makeEnterprise(api.t.db, { name: '旧单位' });
    const now = await makeEnterprise(api.t.db, { name: '新单位' });
    await makeEmployment(api.t.db, me.personId, old.id, { state: 'ended' });
    await makeEmployment(api.t.db, me.personId, now.id, {
      state: 'active',
      proposed_at: '2024-07-01T08:00:00+08:00',
      started_at: '2024-07-02T08:00:00+08:00',
    });
    // when
    const res = await api.request('GET', '/api/persons/me/employments', { token: me.token });
    // then
    expect(res.body.current).toMatchObject({ state: 'active', enterprise: { name: '新单位' } });
    expect(res.body.history).toEqual([
      expect.objectContaining({
        state: 'ended',
        enterprise: expect.objectContaining({ name: '旧单位' }),
      }),
    ]);
  });

  it('should let the two parties download the contract, and nobody else', async () => {
    // given
    const me = await registeredPerson(api);
    const stranger = await registeredPerson(api);
    const employer = await makeEnterprise(api.t.db);
    const employment = await makeEmployment(api.t.db, me.personId, employer.id, {
      contract_file: Buffer.from('%PDF-1.4 contract'),
    });
    const path = `/api/employments/${employment.id}/contract`;
    // when
    const res = await api.request('GET', path, { token: me.token });
    // then
    expect(res.status).toBe(200);
    expect(res.type).toContain('application/pdf');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    expectProblem(await api.request('GET', path, { token: stranger.token }), 404, 'not-found');
  });
});
