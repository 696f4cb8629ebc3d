import { SignJWT } from 'jose';
import { createApp } from '../../api/app';
import { listen } from '../../api/http-server';
import { createStaffUser } from '../../api/use-cases/staff';
import {
  ApiHarness,
  PASSWORD,
  expectProblem,
  login,
  registeredEnterprise,
  registeredPerson,
  startApi,
} from './api-harness';

describe('api/auth - tokens', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.stop());

  it('should log a person in by ID number, also typed with a lowercase x', async () => {
    // given
    const me = await registeredPerson(api);
    // when
    const res = await api.request('POST', '/api/auth/token', {
      body: { username: me.idNumber.toLowerCase(), password: PASSWORD },
    });
    // then
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 43200, role: 'person' });
    const profile = await api.request('GET', '/api/persons/me', { token: res.body.accessToken });
    expect(profile.body.idNumber).toBe(me.idNumber);
  });

  it('should log an enterprise in by credit code, also typed in lowercase', async () => {
    const e = await registeredEnterprise(api);
    const token = await login(api, e.creditCode.toLowerCase(), PASSWORD);
    const res = await api.request('GET', '/api/enterprises/me', { token });
    expect(res.body.creditCode).toBe(e.creditCode);
  });

  it('should log staff in by username', async () => {
    await createStaffUser(api.t.db, {
      role: 'regulator',
      username: 'reg.wang',
      password: PASSWORD,
    });
    const res = await api.request('POST', '/api/auth/token', {
      body: { username: 'reg.wang', password: PASSWORD },
    });
    expect(res.body.role).toBe('regulator');
  });

  it.each([
    ['a wrong password', (u: string) => ({ username: u, password: 'wrong password' })],
    ['an unknown username', () => ({ username: 'nobody', password: PASSWORD })],
  ])('should answer %s with the same 401', async (_case, body) => {
    const me = await registeredPerson(api);
    const res = await api.request('POST', '/api/auth/token', { body: body(me.idNumber) });
    expectProblem(res, 401, 'invalid-credentials');
    expect(res.body.detail).toBe('用户名或密码错误');
  });

  it('should tell only the holder of the right password that the account is disabled', async () => {
    // given
    const me = await registeredPerson(api);
    await api.t
      .db('accounts')
      .where({ username: me.idNumber })
      .update({ disabled: true, disabled_at: new Date() });
    // when
    const right = await api.request('POST', '/api/auth/token', {
      body: { username: me.idNumber, password: PASSWORD },
    });
    const wrong = await api.request('POST', '/api/auth/token', {
      body: { username: me.idNumber, password: 'wrong password' },
    });
    // then
    expectProblem(right, 403, 'account-disabled');
    expect(right.body.detail).toBe('该账号已被停用，如有疑问请联系主管部门');
    expectProblem(wrong, 401, 'invalid-credentials');
    // and its earlier token stops working at once
    expectProblem(
      await api.request('GET', '/api/persons/me', { token: me.token }),
      401,
      'invalid-token',
    );
  });

  it('should stop the API keys of a disabled enterprise', async () => {
    // given an enterprise with a working API key
    const e = await registeredEnterprise(api);
    const created = await api.request('POST', '/api/enterprises/me/api-keys', {
      token: e.token,
      body: { label: 'ERP' },
    });
    const withKey = () =>
      api.request('GET', '/api/enterprises/me', { headers: { 'x-api-key': created.body.key } });
    expect((await withKey()).status).toBe(200);
    // when
    await api.t
      .db('accounts')
      .where({ username: e.creditCode })
      .update({ disabled: true, disabled_at: new Date() });
    // then
    expectProblem(await withKey(), 401, 'invalid-token');
  });

  it('should answer 401 without a token and for a forged or expired one', async () => {
    expectProblem(await api.request('GET', '/api/persons/me'), 401, 'unauthenticated');
    const forged = await new SignJWT({ role: 'regulator' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('1')
      .setIssuer('gas-cert')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('not the secret'));
    expectProblem(
      await api.request('GET', '/api/persons/me', { token: forged }),
      401,
      'invalid-token',
    );
    const secret = (await api.t.db('app_secrets').where({ name: 'jwt-signing-key' }).first()).value;
    const expired = await new SignJWT({ role: 'person' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('1')
      .setIssuer('gas-cert')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(secret));
    expectProblem(
      await api.request('GET', '/api/persons/me', { token: expired }),
      401,
      'invalid-token',
    );
    const res = await api.request('GET', '/api/persons/me', {
      headers: { authorization: 'Basic abc' },
    });
    expectProblem(res, 401, 'invalid-credentials-scheme');
  });

  it('should keep tokens valid across app instances sharing the database', async () => {
    // given a token from this app
    const me = await registeredPerson(api);
    // when another app (a restart, a second process) on the same database checks it
    const other = await listen(createApp({ db: api.t.db }), 0, '127.0.0.1');
    try {
      const res = await fetch(`http://127.0.0.1:${other.address.port}/api/persons/me`, {
        headers: { authorization: `Bearer ${me.token}` },
      });
      // then
      expect(res.status).toBe(200);
      expect(await api.t.db('app_secrets').count({ n: '*' })).toEqual([{ n: '1' }]);
    } finally {
      await other.stop();
    }
  });
});

describe('api/auth - roles', () => {
  let api: ApiHarness;
  let person: { token: string };
  let enterprise: { token: string };
  let regulator: string;
  beforeAll(async () => {
    api = await startApi();
    person = await registeredPerson(api);
    enterprise = await registeredEnterprise(api);
    await createStaffUser(api.t.db, { role: 'regulator', username: 'reg', password: PASSWORD });
    regulator = await login(api, 'reg', PASSWORD);
  });
  afterAll(() => api.stop());

  it.each([
    { who: 'a person', token: () => person.token, path: '/api/enterprises/me' },
    { who: 'a person', token: () => person.token, path: '/api/enterprises/me/staff' },
    { who: 'a person', token: () => person.token, path: '/api/enterprises/me/api-keys' },
    { who: 'an enterprise', token: () => enterprise.token, path: '/api/persons/me' },
    { who: 'an enterprise', token: () => enterprise.token, path: '/api/persons/me/resume' },
    { who: 'the regulator', token: () => regulator, path: '/api/persons/me' },
    { who: 'the regulator', token: () => regulator, path: '/api/messages' },
  ])('should answer 403 when $who calls GET $path', async ({ token, path }) => {
    const res = await api.request('GET', path, { token: token() });
    expectProblem(res, 403, 'forbidden');
    expect(res.body.detail).toMatch(/无权执行此操作/);
  });

  it('should answer 401 before reading the body of an anonymous request', async () => {
    const res = await api.request('PATCH', '/api/persons/me', {
      raw: '{not json',
      contentType: 'application/json',
    });
    expectProblem(res, 401, 'unauthenticated');
  });
});
