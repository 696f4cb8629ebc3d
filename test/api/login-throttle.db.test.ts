import { createStaffUser } from '../../api/use-cases/staff';
import { ApiHarness, PASSWORD, expectProblem, registeredPerson, startApi } from './api-harness';

const MIN = 60_000;

describe('api/auth - login throttling', () => {
  let api: ApiHarness;
  let clock = new Date('2030-03-01T02:00:00Z');
  beforeAll(async () => {
    api = await startApi({ now: async () => clock });
  });
  afterAll(() => api.stop());
  /** Every test starts with no failures on record (the address counter is shared). */
  beforeEach(async () => {
    await api.t.db('login_failures').delete();
  });

  const attempt = (username: string, password: string) =>
    api.request('POST', '/api/auth/token', { body: { username, password } });

  async function fail(username: string, times: number) {
    const replies = [];
    for (let i = 0; i < times; i++) replies.push(await attempt(username, 'wrong password'));
    return replies;
  }

  it('should refuse even the right password after 5 wrong ones, saying how long to wait', async () => {
    // given
    const me = await registeredPerson(api);
    // when
    const replies = await fail(me.idNumber, 5);
    const right = await attempt(me.idNumber, PASSWORD);
    // then
    expect(replies.slice(0, 4).map((r) => r.body.code)).toEqual(
      Array(4).fill('invalid-credentials'),
    );
    expectProblem(replies[4], 429, 'login-throttled');
    expectProblem(right, 429, 'login-throttled');
    expect(right.body).toMatchObject({
      title: '请求过于频繁',
      detail: '登录失败次数过多，请 15 分钟后再试',
      retryAfterSeconds: 900,
    });
    expect(right.headers.get('retry-after')).toBe('900');
  });

  it('should not have 30 wrong passwords followed by the right one succeed', async () => {
    const me = await registeredPerson(api);
    await fail(me.idNumber, 30);
    expectProblem(await attempt(me.idNumber, PASSWORD), 429, 'login-throttled');
    // refused attempts are not failures: only the five before the lock are on record
    expect(await api.t.db('login_failures').count({ n: '*' })).toEqual([{ n: '5' }]);
  });

  it('should answer an unknown username exactly like a known one', async () => {
    const me = await registeredPerson(api);
    const known = await fail(me.idNumber, 6);
    const unknown = await fail('nobody.here', 6);
    const shape = (r: (typeof known)[number]) => [r.status, r.body.code, r.body.detail];
    expect(unknown.map(shape)).toEqual(known.map(shape));
  });

  it('should let the account in again after the cooling-off period', async () => {
    // given a locked account
    const me = await registeredPerson(api);
    await fail(me.idNumber, 5);
    // when 10 minutes have passed, then it is still locked for the rest
    clock = new Date(clock.getTime() + 10 * MIN);
    const still = await attempt(me.idNumber, PASSWORD);
    expectProblem(still, 429, 'login-throttled');
    expect(still.body.detail).toBe('登录失败次数过多，请 5 分钟后再试');
    expect(still.headers.get('retry-after')).toBe('300');
    // when 15 minutes have passed since the last failure
    clock = new Date(clock.getTime() + 5 * MIN);
    // then
    expect((await attempt(me.idNumber, PASSWORD)).status).toBe(200);
  });

  it('should count typed variants of a username together', async () => {
    const me = await registeredPerson(api);
    await fail(me.idNumber.toLowerCase(), 3);
    await fail(` ${me.idNumber} `, 2);
    expectProblem(await attempt(me.idNumber, PASSWORD), 429, 'login-throttled');
  });

  it('should forget an account’s failures after a successful login', async () => {
    const me = await registeredPerson(api);
    await fail(me.idNumber, 4);
    expect((await attempt(me.idNumber, PASSWORD)).status).toBe(200);
    const after = await fail(me.idNumber, 4);
    expect(after.map((r) => r.status)).toEqual([401, 401, 401, 401]);
    expect((await attempt(me.idNumber, PASSWORD)).status).toBe(200);
  });

  it('should block an address after 20 failures across usernames, staff included', async () => {
    // given 20 failures from this address, 4 on each of 5 usernames (no account lock)
    await createStaffUser(api.t.db, {
      role: 'regulator',
      username: 'reg.zhao',
      password: PASSWORD,
    });
    for (let u = 0; u < 5; u++) await fail(`guess${u}`, 4);
    // when a real user logs in from the same address
    const res = await attempt('reg.zhao', PASSWORD);
    // then
    expectProblem(res, 429, 'login-throttled');
    expect(res.headers.get('retry-after')).toBe('900');
    // and after the cooling-off period
    clock = new Date(clock.getTime() + 15 * MIN);
    expect((await attempt('reg.zhao', PASSWORD)).status).toBe(200);
  });
});
