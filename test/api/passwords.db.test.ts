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

const NEW_PASSWORD = 'a brand new secret';

describe('api/auth - changing one’s own password', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.stop());

  const change = (token: string, currentPassword: string, newPassword: string) =>
    api.request('POST', '/api/auth/password', {
      token,
      body: { currentPassword, newPassword },
    });
  const token = (username: string, password: string) =>
    api.request('POST', '/api/auth/token', { body: { username, password } });

  it('should change the password, end older sessions and answer a fresh token', async () => {
    // given
    const me = await registeredPerson(api);
    // when
    const res = await change(me.token, PASSWORD, NEW_PASSWORD);
    // then
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', role: 'person' });
    expect(
      (await api.request('GET', '/api/persons/me', { token: res.body.accessToken })).status,
    ).toBe(200);
    expectProblem(
      await api.request('GET', '/api/persons/me', { token: me.token }),
      401,
      'invalid-token',
    );
    expectProblem(await token(me.idNumber, PASSWORD), 401, 'invalid-credentials');
    expect((await token(me.idNumber, NEW_PASSWORD)).status).toBe(200);
    const account = await api.t.db('accounts').where({ username: me.idNumber }).first();
    expect(await api.t.db('audit_log').where({ subject_id: account.id })).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'account.password-change' })]),
    );
  });

  it('should let staff change their password too', async () => {
    await createStaffUser(api.t.db, { role: 'training', username: 'train.li', password: PASSWORD });
    const res = await change(await login(api, 'train.li', PASSWORD), PASSWORD, NEW_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.role).toBe('training');
    expect((await token('train.li', NEW_PASSWORD)).status).toBe(200);
  });

  it('should refuse a wrong current password and count it as a failed login', async () => {
    const me = await registeredPerson(api);
    const res = await change(me.token, 'not my password', NEW_PASSWORD);
    expectProblem(res, 403, 'wrong-password');
    expect(res.body.detail).toBe('当前密码不正确');
    expect(await api.t.db('login_failures').where({ username: me.idNumber })).toHaveLength(1);
    // and the session and the password are unchanged
    expect((await api.request('GET', '/api/persons/me', { token: me.token })).status).toBe(200);
    expect((await token(me.idNumber, PASSWORD)).status).toBe(200);
  });

  it.each([
    {
      case: 'a short new password',
      next: 'short',
      field: 'newPassword',
      text: '新密码至少8个字符',
    },
    {
      case: 'the same password',
      next: PASSWORD,
      field: 'newPassword',
      text: '新密码不能与当前密码相同',
    },
  ])('should refuse $case', async ({ next, field, text }) => {
    const me = await registeredPerson(api);
    const res = await change(me.token, PASSWORD, next);
    expectProblem(res, 400, 'validation-failed');
    expect(res.body.errors).toEqual([expect.objectContaining({ field, message: text })]);
  });

  it('should not let an API key change the enterprise’s password', async () => {
    const e = await registeredEnterprise(api);
    const created = await api.request('POST', '/api/enterprises/me/api-keys', {
      token: e.token,
      body: { label: 'ERP' },
    });
    const res = await api.request('POST', '/api/auth/password', {
      headers: { 'x-api-key': created.body.key },
      body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
    });
    expectProblem(res, 403, 'forbidden');
  });

  it('should answer 401 to an anonymous caller', async () => {
    const res = await api.request('POST', '/api/auth/password', {
      body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
    });
    expectProblem(res, 401, 'unauthenticated');
  });
});

describe('api/auth - password reset by staff', () => {
  let api: ApiHarness;
  const staff: Record<string, string> = {};
  beforeAll(async () => {
    api = await startApi();
    for (const role of ['regulator', 'association', 'training', 'admin']) {
      await createStaffUser(api.t.db, { role, username: `${role}.one`, password: PASSWORD });
      staff[role] = await login(api, `${role}.one`, PASSWORD);
    }
  });
  afterAll(() => api.stop());

  const reset = (who: string, path: string) => api.request('POST', path, { token: staff[who] });

  it('should give a person a temporary password that works once shown, ending the old one', async () => {
    // given a person locked out after failed logins
    const me = await registeredPerson(api);
    for (let i = 0; i < 5; i++)
      await api.request('POST', '/api/auth/token', {
        body: { username: me.idNumber, password: 'forgotten' },
      });
    // when the regulator resets the password
    const res = await reset('regulator', `/api/persons/${me.personId}/password-reset`);
    // then
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ username: me.idNumber, temporaryPassword: expect.any(String) });
    expect(res.body.temporaryPassword).toMatch(/^[A-Za-z2-9]{12}$/);
    expect(
      (
        await api.request('POST', '/api/auth/token', {
          body: { username: me.idNumber, password: res.body.temporaryPassword },
        })
      ).status,
    ).toBe(200);
    expectProblem(
      await api.request('GET', '/api/persons/me', { token: me.token }),
      401,
      'invalid-token',
    );
    // and the audit log names the staff member, never the password
    const account = await api.t.db('accounts').where({ username: me.idNumber }).first();
    const [entry] = await api.t
      .db('audit_log')
      .where({ subject_id: account.id, action: 'account.password-reset' });
    expect(entry).toMatchObject({ actor: 'regulator.one', details: { generated: true } });
    expect(JSON.stringify(entry)).not.toContain(res.body.temporaryPassword);
  });

  it.each(['regulator', 'association', 'admin'])(
    'should let the %s reset an enterprise’s password',
    async (who) => {
      const e = await registeredEnterprise(api);
      const res = await reset(who, `/api/enterprises/${e.enterpriseId}/password-reset`);
      expect(res.status).toBe(200);
      expect(res.body.username).toBe(e.creditCode);
      expect((await login(api, e.creditCode, res.body.temporaryPassword)).length).toBeGreaterThan(
        0,
      );
    },
  );

  it.each([
    { who: 'training', target: 'person' },
    { who: 'association', target: 'person' },
    { who: 'training', target: 'enterprise' },
  ])('should not let the $who reset a $target’s password', async ({ who, target }) => {
    const path =
      target === 'person'
        ? `/api/persons/${(await registeredPerson(api)).personId}/password-reset`
        : `/api/enterprises/${(await registeredEnterprise(api)).enterpriseId}/password-reset`;
    expectProblem(await reset(who, path), 403, 'forbidden');
  });

  it('should not let a person reset another person’s password', async () => {
    const me = await registeredPerson(api);
    const other = await registeredPerson(api);
    const res = await api.request('POST', `/api/persons/${other.personId}/password-reset`, {
      token: me.token,
    });
    expectProblem(res, 403, 'forbidden');
  });

  it('should answer 404 for a person without an account', async () => {
    expectProblem(await reset('regulator', '/api/persons/999999/password-reset'), 404, 'not-found');
  });
});
