import { beijingCreditCode } from '../domain/fixtures';
import { makeEmployment, makePerson } from '../migrations/fixtures';
import {
  ApiHarness,
  PASSWORD,
  count,
  expectProblem,
  newCreditCode,
  newIdNumber,
  registeredEnterprise,
  startApi,
} from './api-harness';

const body = (over: Record<string, unknown> = {}) => ({
  creditCode: newCreditCode(),
  name: '西宁燃气有限公司',
  legalRepresentative: { name: '李四', idNumber: newIdNumber() },
  password: PASSWORD,
  ...over,
});

describe('api/enterprises - registration', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.stop());

  it('should register an enterprise with its account and name history', async () => {
    // given
    const b = body();
    // when
    const res = await api.request('POST', '/api/enterprises', { body: b });
    // then
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      creditCode: b.creditCode,
      name: '西宁燃气有限公司',
      legalRepresentative: b.legalRepresentative,
      divisionCode: '630102',
      inProvince: true,
      categories: [],
      categoryRegistration: 'none',
    });
    expect(await api.t.db('accounts').where({ username: b.creditCode }).first('role')).toEqual({
      role: 'enterprise',
    });
    expect(await api.t.db('enterprise_names').where({ enterprise_id: res.body.id })).toHaveLength(
      1,
    );
  });

  it('should register an enterprise of another province as not in-province', async () => {
    const res = await api.request('POST', '/api/enterprises', {
      body: body({ creditCode: beijingCreditCode(77) }),
    });
    expect(res.body).toMatchObject({ divisionCode: '110108', inProvince: false });
  });

  it.each([
    {
      case: 'a wrong check character',
      code: (c: string) => c.slice(0, 17) + (c[17] === '0' ? '1' : '0'),
      error: 'credit-code-check-char',
      text: '校验位错误',
    },
    {
      case: 'a forbidden letter',
      code: (c: string) => 'I' + c.slice(1),
      error: 'credit-code-characters',
      text: '不合法',
    },
    {
      case: 'a short code',
      code: (c: string) => c.slice(0, 10),
      error: 'credit-code-length',
      text: '应为18位',
    },
  ])(
    'should refuse $case with the domain message and write nothing',
    async ({ code, error, text }) => {
      const before = [await count(api, 'enterprises'), await count(api, 'accounts')];
      const res = await api.request('POST', '/api/enterprises', {
        body: body({ creditCode: code(newCreditCode()) }),
      });
      expectProblem(res, 400, 'validation-failed');
      expect(res.body.errors).toEqual([
        { field: 'creditCode', code: error, message: expect.stringContaining(text) },
      ]);
      expect([await count(api, 'enterprises'), await count(api, 'accounts')]).toEqual(before);
    },
  );

  it('should report nested fields of the legal representative', async () => {
    const res = await api.request('POST', '/api/enterprises', {
      body: body({ legalRepresentative: { name: '', idNumber: '630102199005171230', age: 3 } }),
    });
    expectProblem(res, 400, 'validation-failed');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'legalRepresentative.age',
      'legalRepresentative.idNumber',
      'legalRepresentative.name',
    ]);
  });

  it('should answer 409 for a credit code already registered', async () => {
    const b = body();
    await api.request('POST', '/api/enterprises', { body: b });
    const res = await api.request('POST', '/api/enterprises', { body: { ...b, name: '另一家' } });
    expectProblem(res, 409, 'enterprise-already-registered');
    expect(await api.t.db('enterprises').where({ credit_code: b.creditCode })).toHaveLength(1);
  });
});

describe('api/enterprises - my enterprise', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.stop());

  it('should list only active employments as staff, and only my own', async () => {
    // given
    const mine = await registeredEnterprise(api);
    const other = await registeredEnterprise(api, '另一家燃气公司');
    const active = await makePerson(api.t.db, { name: '在职' });
    const left = await makePerson(api.t.db, { name: '离职' });
    const elsewhere = await makePerson(api.t.db, { name: '别家' });
    await makeEmployment(api.t.db, active.id, mine.enterpriseId, { state: 'active' });
    await makeEmployment(api.t.db, left.id, mine.enterpriseId, { state: 'ended' });
    await makeEmployment(api.t.db, elsewhere.id, other.enterpriseId, { state: 'active' });
    // when
    const res = await api.request('GET', '/api/enterprises/me/staff', { token: mine.token });
    // then
    expect(res.body).toEqual([
      expect.objectContaining({
        personId: active.id,
        name: '在职',
        idNumber: active.id_number,
        contractStart: '2024-01-01',
        contractEnd: '2026-12-31',
      }),
    ]);
  });
});

describe('api/enterprises - API keys', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.stop());

  it('should create a key that authenticates as the enterprise, list it without the key, and revoke it', async () => {
    // given
    const e = await registeredEnterprise(api);
    // when
    const created = await api.request('POST', '/api/enterprises/me/api-keys', {
      token: e.token,
      body: { label: 'ERP 系统' },
    });
    // then
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^gck_[A-Za-z0-9_-]{43}$/);
    const stored = await api.t.db('api_keys').where({ id: created.body.id }).first();
    expect(stored.key_hash).not.toContain(created.body.key);
    for (const headers of <Record<string, string>[]>[
      { 'x-api-key': created.body.key },
      { authorization: `ApiKey ${created.body.key}` },
    ]) {
      const me = await api.request('GET', '/api/enterprises/me', { headers });
      expect(me.body.creditCode).toBe(e.creditCode);
    }
    const list = await api.request('GET', '/api/enterprises/me/api-keys', { token: e.token });
    expect(list.body).toEqual([
      expect.objectContaining({ id: created.body.id, label: 'ERP 系统', revokedAt: null }),
    ]);
    expect(list.body[0].key).toBeUndefined();
    expect(list.body[0].lastUsedAt).not.toBeNull();
    const revoked = await api.request('DELETE', `/api/enterprises/me/api-keys/${created.body.id}`, {
      token: e.token,
    });
    expect(revoked.status).toBe(204);
    const after = await api.request('GET', '/api/enterprises/me', {
      headers: { 'x-api-key': created.body.key },
    });
    expectProblem(after, 401, 'invalid-api-key');
    const audit = await api.t.db('audit_log').where({ subject_type: 'api_key' }).orderBy('id');
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['api-key.create', e.creditCode],
      ['api-key.revoke', e.creditCode],
    ]);
  });

  it('should not let an API key create or revoke keys', async () => {
    const e = await registeredEnterprise(api);
    const { body: k } = await api.request('POST', '/api/enterprises/me/api-keys', {
      token: e.token,
      body: { label: 'k' },
    });
    const headers = { 'x-api-key': k.key };
    const create = await api.request('POST', '/api/enterprises/me/api-keys', {
      headers,
      body: { label: 'x' },
    });
    expectProblem(create, 403, 'forbidden');
    expectProblem(
      await api.request('DELETE', `/api/enterprises/me/api-keys/${k.id}`, { headers }),
      403,
      'forbidden',
    );
    expect(await api.t.db('api_keys').where({ enterprise_id: e.enterpriseId })).toHaveLength(1);
  });

  it("should answer 404 when revoking another enterprise's key", async () => {
    const owner = await registeredEnterprise(api);
    const other = await registeredEnterprise(api);
    const { body: k } = await api.request('POST', '/api/enterprises/me/api-keys', {
      token: owner.token,
      body: { label: 'k' },
    });
    const res = await api.request('DELETE', `/api/enterprises/me/api-keys/${k.id}`, {
      token: other.token,
    });
    expectProblem(res, 404, 'not-found');
    expect((await api.t.db('api_keys').where({ id: k.id }).first()).revoked_at).toBeNull();
  });

  it('should refuse an unknown key', async () => {
    const res = await api.request('GET', '/api/enterprises/me', {
      headers: { 'x-api-key': 'gck_nope' },
    });
    expectProblem(res, 401, 'invalid-api-key');
  });
});
