import type { FieldError } from '../../api/app-error';
import {
  ApiHarness,
  PASSWORD,
  count,
  expectProblem,
  login,
  newIdNumber,
  registeredPerson,
  startApi,
} from './api-harness';

describe('api/persons - registration by real-name verification', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.stop());

  it('should create a verified person and an account whose username is the ID number', async () => {
    // given
    const idNumber = newIdNumber('F');
    // when
    const res = await api.request('POST', '/api/persons', {
      body: { name: ' 王芳 ', idNumber, password: PASSWORD, phone: '13800138000' },
    });
    // then
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      idNumber,
      name: '王芳',
      sex: 'F',
      birthDate: '1990-05-17',
      phone: '13800138000',
      hasPhoto: false,
      names: [{ name: '王芳' }],
    });
    expect(res.body.verifiedAt).toEqual(expect.any(String));
    const account = await api.t.db('accounts').where({ username: idNumber }).first();
    expect(account).toMatchObject({ role: 'person', person_id: res.body.id });
    expect(account.password_hash).toMatch(/^scrypt\$/);
    expect(account.password_hash).not.toContain(PASSWORD);
    expect(await api.t.db('audit_log').where({ subject_id: res.body.id })).toEqual([
      expect.objectContaining({
        action: 'person.register',
        actor: idNumber,
        subject_type: 'person',
      }),
    ]);
  });

  it('should normalise a lowercase x check character to X', async () => {
    // given an ID number whose check character is X
    let idNumber = newIdNumber();
    while (!idNumber.endsWith('X')) idNumber = newIdNumber();
    // when
    const res = await api.request('POST', '/api/persons', {
      body: { name: '赵六', idNumber: idNumber.toLowerCase(), password: PASSWORD },
    });
    // then
    expect(res.status).toBe(201);
    expect(res.body.idNumber).toBe(idNumber);
  });

  it.each([
    [
      'a wrong check character',
      (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0'),
      'id-number-check-char',
      '校验位错误',
    ],
    ['a 15-digit legacy number', () => '630102900517123', 'id-number-legacy', '不支持15位'],
    [
      'an impossible birth date',
      () => '630102199002301234',
      'id-number-birth-date',
      '不是有效日期',
    ],
    ['letters inside', (id: string) => 'A' + id.slice(1), 'id-number-characters', '不合法'],
  ])(
    'should reject %s with the domain message and write nothing',
    async (_case, make, code, message) => {
      // given
      const before = [await count(api, 'persons'), await count(api, 'accounts')];
      // when
      const res = await api.request('POST', '/api/persons', {
        body: { name: '张三', idNumber: make(newIdNumber()), password: PASSWORD },
      });
      // then
      expectProblem(res, 400, 'validation-failed');
      expect(res.body.errors).toEqual([
        { field: 'idNumber', code, message: expect.stringContaining(message) },
      ]);
      expect(res.body.detail).toContain(message);
      expect([await count(api, 'persons'), await count(api, 'accounts')]).toEqual(before);
    },
  );

  it('should judge the birth date against the shared clock, not the system time', async () => {
    // given an API whose clock reads 2010-06-01 (China)
    const past = await startApi({ now: async () => new Date('2010-06-01T00:00:00+08:00') });
    try {
      // when a person born in 2015 registers
      const res = await past.request('POST', '/api/persons', {
        body: { name: '未来', idNumber: newIdNumber('M', '20150101'), password: PASSWORD },
      });
      // then
      expectProblem(res, 400, 'validation-failed');
      expect(res.body.errors).toEqual([
        expect.objectContaining({ field: 'idNumber', code: 'id-number-birth-date-future' }),
      ]);
      expect(res.body.detail).toContain('2010-06-01');
    } finally {
      await past.stop();
    }
  });

  it('should report every failing field at once', async () => {
    // when
    const res = await api.request('POST', '/api/persons', {
      body: { name: '', idNumber: 12, password: 'short', phone: '123', nickname: 'x' },
    });
    // then
    expectProblem(res, 400, 'validation-failed');
    const byField = Object.fromEntries(res.body.errors.map((e: FieldError) => [e.field, e.code]));
    expect(byField).toEqual({
      name: 'required',
      idNumber: 'type',
      password: 'too-short',
      phone: 'pattern',
      nickname: 'unknown-field',
    });
    for (const e of res.body.errors) expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it.each([
    ['malformed JSON', '{"name": "张三",', 'malformed-json', 400],
    ['a JSON array', '[]', 'validation-failed', 400],
  ])('should answer %s with a problem and write nothing', async (_case, raw, code, status) => {
    const before = await count(api, 'persons');
    const res = await api.request('POST', '/api/persons', { raw, contentType: 'application/json' });
    expectProblem(res, status, code);
    expect(await count(api, 'persons')).toBe(before);
  });

  it('should refuse a JSON body in another charset than UTF-8', async () => {
    const res = await api.request('POST', '/api/persons', {
      raw: '{}',
      contentType: 'application/json; charset=gbk',
    });
    expectProblem(res, 415, 'unsupported-charset');
  });

  it('should refuse a body that is not JSON', async () => {
    const res = await api.request('POST', '/api/persons', {
      raw: 'name=x',
      contentType: 'text/plain',
    });
    expectProblem(res, 415, 'unsupported-media-type');
  });

  it('should answer 409 when the ID number already has an account', async () => {
    // given
    const { idNumber } = await registeredPerson(api);
    const before = await count(api, 'accounts');
    // when
    const res = await api.request('POST', '/api/persons', {
      body: { name: '张三', idNumber, password: 'another password' },
    });
    // then
    expectProblem(res, 409, 'person-already-registered');
    expect(await count(api, 'accounts')).toBe(before);
    // and the first password still logs in
    await expect(login(api, idNumber, PASSWORD)).resolves.toEqual(expect.any(String));
  });

  it('should let two simultaneous registrations of one ID number create one account', async () => {
    const idNumber = newIdNumber();
    const body = { name: '并发', idNumber, password: PASSWORD };
    const replies = await Promise.all([
      api.request('POST', '/api/persons', { body }),
      api.request('POST', '/api/persons', { body }),
    ]);
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await api.t.db('accounts').where({ username: idNumber }).count({ n: '*' })).toEqual([
      { n: '1' },
    ]);
  });
});
