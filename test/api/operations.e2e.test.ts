import { createStaffUser } from '../../api/use-cases/staff';
import { ApiHarness, PASSWORD, expectProblem, login, startApi } from './api-harness';
import { ProcessApi, personWithPhoto, startProcessApi } from './process-api-harness';
import { makeCertificate } from '../migrations/fixtures';

describe('api/operations - the business clock and the daily work on demand', () => {
  let api: ProcessApi;
  let admin: string;

  beforeAll(async () => {
    api = await startProcessApi();
    await createStaffUser(api.h.sql, { role: 'admin', username: 'ops', password: PASSWORD });
    admin = await login(api, 'ops', PASSWORD);
  });

  afterAll(async () => {
    await api.setClock(null);
    await api.stopAll();
  });

  const engineClock = async () =>
    (await api.h.sql('engine_clock').where({ id: 1 }).first('pinned_at')).pinned_at;

  it('should move the business clock and the engine clock together, and back', async () => {
    // when
    const set = await api.request('PUT', '/api/operations/clock', {
      token: admin,
      body: { at: '2031-06-30T23:30:00+08:00' },
    });

    // then the API's today, the business clock row and the engine's clock all follow
    expect(set.status).toBe(200);
    expect(set.body).toEqual({
      now: '2031-06-30T15:30:00.000Z',
      today: '2031-06-30',
      pinned: true,
      controllable: true,
    });
    expect(new Date(await engineClock()).toISOString()).toBe('2031-06-30T15:30:00.000Z');
    const read = await api.request('GET', '/api/operations/clock', { token: admin });
    expect(read.body).toMatchObject({ today: '2031-06-30', pinned: true });

    // when
    const reset = await api.request('DELETE', '/api/operations/clock', { token: admin });

    // then
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ pinned: false, controllable: true });
    expect(Math.abs(Date.parse(reset.body.now) - Date.now())).toBeLessThan(60_000);
    expect(await engineClock()).toBeNull();
  });

  it('should refuse a malformed instant', async () => {
    const res = await api.request('PUT', '/api/operations/clock', {
      token: admin,
      body: { at: 'tomorrow' },
    });
    expectProblem(res, 400, 'validation-failed');
  });

  it('should let only an administrator move the clock or run the daily work', async () => {
    // given
    const person = await personWithPhoto(api);
    const regulator = await api.staff('regulator');

    // when / then
    for (const token of [person.token, regulator]) {
      expectProblem(
        await api.request('PUT', '/api/operations/clock', {
          token,
          body: { at: '2031-01-01T00:00:00+08:00' },
        }),
        403,
        'forbidden',
      );
      expectProblem(
        await api.request('POST', '/api/operations/daily-work', { token }),
        403,
        'forbidden',
      );
    }
    expectProblem(await api.request('POST', '/api/operations/daily-work'), 401, 'unauthenticated');
    expect(await api.h.sql('business_clock').first('pinned_at')).toEqual({ pinned_at: null });
  });

  it('should answer 403 clock-not-controllable where the clock is not controlled', async () => {
    // given the same system with BUSINESS_CLOCK_CONTROLLED off
    const fixed: ApiHarness = await startApi({ camunda: api.h.client }, api.h.db);
    try {
      // when
      const res = await fixed.request('PUT', '/api/operations/clock', {
        token: admin,
        body: { at: '2031-01-01T00:00:00+08:00' },
      });

      // then nothing moved
      expectProblem(res, 403, 'clock-not-controllable');
      expect(await engineClock()).toBeNull();
      const read = await fixed.request('GET', '/api/operations/clock', { token: admin });
      expect(read.body).toMatchObject({ pinned: false, controllable: false });
    } finally {
      await fixed.stop();
    }
  });

  it('should run the daily work on the business clock and say what it did', async () => {
    // given a certificate whose validity ended on 2030-02-28, and the clock at 2030-03-01
    await makeCertificate(api.h.sql, { validity_end: '2030-02-28', ce_deadline: '2026-08-31' });
    await api.request('PUT', '/api/operations/clock', {
      token: admin,
      body: { at: '2030-03-01T08:00:00+08:00' },
    });

    // when
    const first = await api.request('POST', '/api/operations/daily-work', { token: admin });
    const again = await api.request('POST', '/api/operations/daily-work', { token: admin });

    // then
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      today: '2030-03-01',
      expired: 1,
      autoReviews: 0,
      ceReminders: 0,
      expiryReminders: 0,
    });
    expect(again.body).toMatchObject({ today: '2030-03-01', expired: 0 });
  });
});
