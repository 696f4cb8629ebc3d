import { createStaffUser } from '../../api/use-cases/staff';
import { ApiHarness, PASSWORD, expectProblem, login, startApi } from './api-harness';

describe('api/auth - sign-out ends the session on the server', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
    await createStaffUser(api.t.db, { role: 'regulator', username: 'reg.out', password: PASSWORD });
  });
  afterAll(() => api.stop());

  it('should refuse the signed-out token on every later request, and keep the other sessions', async () => {
    // given two sessions of one account
    const signedOut = await login(api, 'reg.out', PASSWORD);
    const other = await login(api, 'reg.out', PASSWORD);
    expect((await api.request('GET', '/api/tasks/done', { token: signedOut })).status).toBe(200);
    // when
    const res = await api.request('POST', '/api/auth/sign-out', { token: signedOut });
    // then
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ signedOut: true });
    expectProblem(
      await api.request('GET', '/api/tasks/done', { token: signedOut }),
      401,
      'invalid-token',
    );
    expectProblem(
      await api.request('POST', '/api/auth/sign-out', { token: signedOut }),
      401,
      'invalid-token',
    );
    expect((await api.request('GET', '/api/tasks/done', { token: other })).status).toBe(200);
  });

  it('should keep the mark only until the token would have expired', async () => {
    const token = await login(api, 'reg.out', PASSWORD);
    await api.request('POST', '/api/auth/sign-out', { token });
    const [row] = await api.t.db('revoked_tokens').orderBy('revoked_at', 'desc').limit(1);
    const hours = (new Date(row.expires_at).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);
  });

  it('should answer an anonymous sign-out with 401', async () => {
    expectProblem(await api.request('POST', '/api/auth/sign-out'), 401, 'unauthenticated');
  });
});
