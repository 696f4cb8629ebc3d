import { certificated, Holder, Staff } from '../api/certificate-business-harness';
import { ProcessApi, startProcessApi } from '../api/process-api-harness';
import { eventually } from '../workers/worker-harness';

/*
 * A certificate's five years on the business clock (issue 8, "A lifecycle test across five
 * simulated years"): issue → the reminder a month before the CE deadline → the automatic review
 * at 30 months (with a first CE record: passes, its CE deadline becomes the validity end;
 * without: abnormal, "证书未按规定时间完成继续教育") → the renewal window → renewal with a second
 * CE record, valid from the completion date → an unrenewed certificate expires → the abnormal
 * one is cancelled and its holder is issued a new one. Every step through the API, the engine
 * and the workers; the clock moves through the operator's API, which moves the engine's too.
 */
const chinaNoon = (date: string) => Date.parse(`${date}T12:00:00+08:00`);

describe('lifecycle - five years of certificates on the business clock', () => {
  let api: ProcessApi;
  let staff: Staff;
  let admin: string;

  beforeAll(async () => {
    api = await startProcessApi();
    const [association, regulator, training, operator] = await Promise.all([
      api.staff('association'),
      api.staff('regulator'),
      api.staff('training'),
      api.staff('admin'),
    ]);
    staff = { association, regulator, training };
    admin = operator;
  });
  afterEach(() => expect(api.h.errors).toEqual([]));
  afterAll(async () => {
    await api.setClock(null);
    await api.stopAll();
  });

  /**
   * Every application's process has ended: moving the clock past a job still in flight would
   * time it out (the worker then warns that it was gone, the effect being kept once), which is
   * not what these steps are about.
   */
  async function settle() {
    const rows: Array<{ key: string }> = await api.h
      .sql('applications')
      .whereNotNull('process_instance_key')
      .select({ key: 'process_instance_key' });
    for (const { key } of rows) await api.h.d.waitState(key, 'COMPLETED', 15000);
  }

  async function moveTo(date: string) {
    await settle();
    const res = await api.request('PUT', '/api/operations/clock', {
      token: admin,
      body: { at: new Date(chinaNoon(date)).toISOString() },
    });
    expect(res.status).toBe(200);
  }
  async function dailyWork() {
    const res = await api.request('POST', '/api/operations/daily-work', { token: admin });
    expect(res.status).toBe(200);
    return res.body as {
      expired: number;
      autoReviews: number;
      ceReminders: number;
      expiryReminders: number;
    };
  }
  const cert = async (h: Holder, id = h.certificateId) =>
    (await api.request('GET', `/api/certificates/${id}`, { token: h.person.token })).body;
  const messages = async (h: Holder) =>
    JSON.stringify((await api.request('GET', '/api/messages', { token: h.person.token })).body);
  async function importCe(h: Holder, sequence: 1 | 2, passDate: string) {
    const res = await api.request('POST', '/api/ce-records', {
      token: staff.training,
      body: {
        records: [{ idNumber: h.person.idNumber, certificateNumber: h.number, sequence, passDate }],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.results[0]).toMatchObject({ ok: true, outcome: 'created' });
  }
  async function decideAll(applicationId: string, enterprise: string | null) {
    if (enterprise) {
      await api.decide(enterprise, applicationId, 'approve');
      await api.waitState(applicationId, 'awaiting-review');
    }
    await api.decide(staff.regulator, applicationId, 'approve');
    await api.waitState(applicationId, 'completed');
  }

  it('should walk issue, reminder, review, renewal, expiry and cancellation with a new issue', async () => {
    // given three practitioners certificated on 2027-03-01
    await moveTo('2027-03-01');
    const [diligent, forgetful, unrenewed] = [
      await certificated(api, staff, '勤学'),
      await certificated(api, staff, '遗忘'),
      await certificated(api, staff, '未续'),
    ];
    const issued = await cert(diligent);
    expect(issued).toMatchObject({
      validityStart: '2027-03-01',
      validityEnd: '2032-02-29',
      ceDeadline: '2029-08-31',
    });

    // a month before the CE deadline every holder is reminded, once
    await moveTo('2029-08-01');
    expect((await dailyWork()).ceReminders).toBe(3);
    expect((await dailyWork()).ceReminders).toBe(0);
    await eventually(async () => (await messages(forgetful)).includes('继续教育即将到期'), 8000);

    // two of them complete their first continuing education in time
    await moveTo('2029-08-20');
    await importCe(diligent, 1, '2029-08-15');
    await importCe(unrenewed, 1, '2029-08-16');

    // on the CE deadline itself nothing is reviewed yet (a record of that day still counts) …
    await moveTo('2029-08-31');
    expect((await dailyWork()).autoReviews).toBe(0);
    // … at 30 months the automatic review runs, once per certificate
    await moveTo('2029-09-01');
    expect((await dailyWork()).autoReviews).toBe(3);
    expect((await dailyWork()).autoReviews).toBe(0);
    await eventually(async () => (await cert(forgetful)).state === 'abnormal', 15000);
    await eventually(async () => (await cert(diligent)).ceReviewed === true, 15000);
    expect(await cert(diligent)).toMatchObject({ state: 'valid', ceDeadline: '2032-02-29' });
    expect(await cert(unrenewed)).toMatchObject({ state: 'valid', ceReviewed: true });
    expect((await cert(forgetful)).abnormalReasons).toEqual([
      { code: 'ce-not-completed', name: '证书未按规定时间完成继续教育' },
    ]);
    // the holder reads each review on the certificate's history
    const reviewsOf = async (p: typeof diligent) =>
      (
        await api.request('GET', `/api/certificates/${p.certificateId}/history`, {
          token: p.person.token,
        })
      ).body.reviews;
    expect(await reviewsOf(diligent)).toEqual([
      expect.objectContaining({
        deadline: '2029-08-31',
        outcome: 'passed',
        outcomeName: '复核通过',
      }),
    ]);
    expect(await reviewsOf(forgetful)).toEqual([
      expect.objectContaining({ deadline: '2029-08-31', outcome: 'failed' }),
    ]);

    // the abnormal certificate can only be cancelled; then its holder may be issued a new one
    const cancel = await api.request(
      'POST',
      `/api/certificates/${forgetful.certificateId}/cancellations`,
      {
        token: forgetful.person.token,
      },
    );
    expect(cancel.status).toBe(201);
    await decideAll(cancel.body.applicationId, forgetful.enterprise.token);
    expect((await cert(forgetful)).state).toBe('cancelled');
    const exam = await api.request('POST', '/api/exam-results', {
      token: staff.training,
      body: {
        results: [
          {
            idNumber: forgetful.person.idNumber,
            name: '遗忘',
            certificateType: 'C',
            jobTypeCode: '04',
            examDate: '2029-08-28',
            passed: true,
          },
        ],
      },
    });
    const reissueApplication = exam.body.results[0].applicationId;
    await api.decide(staff.regulator, reissueApplication, 'approve');
    await api.waitState(reissueApplication, 'completed');
    const mine = await api.request('GET', '/api/persons/me/certificates', {
      token: forgetful.person.token,
    });
    expect(mine.body.map((c: { state: string }) => c.state).sort()).toEqual(['cancelled', 'valid']);

    // three months before the validity end: the expiry reminder, and the renewal window opens
    await moveTo('2031-12-01');
    expect((await dailyWork()).expiryReminders).toBe(2);
    await importCe(diligent, 2, '2031-11-15');
    const renewal = await api.request(
      'POST',
      `/api/certificates/${diligent.certificateId}/renewals`,
      {
        token: diligent.person.token,
      },
    );
    expect(renewal.status).toBe(201);
    await decideAll(renewal.body.applicationId, diligent.enterprise.token);
    expect(await cert(diligent)).toMatchObject({
      state: 'valid',
      number: diligent.number,
      validityStart: '2031-12-01',
      validityEnd: '2036-11-30',
      ceDeadline: '2034-05-31',
      ceReviewed: false,
    });

    // the day after the validity end the unrenewed certificate expires; the renewed one does not
    await moveTo('2032-03-01');
    expect((await dailyWork()).expired).toBe(1);
    expect((await dailyWork()).expired).toBe(0);
    expect((await cert(unrenewed)).state).toBe('expired');
    expect((await cert(diligent)).state).toBe('valid');
    await eventually(async () => (await messages(unrenewed)).includes('证书已过期'), 8000);
    const late = await api.request(
      'POST',
      `/api/certificates/${unrenewed.certificateId}/renewals`,
      {
        token: unrenewed.person.token,
      },
    );
    expect(late.status).toBe(422);
    expect(late.body.errors.map((e: { code: string }) => e.code)).toContain('renewal-window');

    // and the history tells it all
    const history = await api.request(
      'GET',
      `/api/certificates/${diligent.certificateId}/history`,
      {
        token: diligent.person.token,
      },
    );
    expect(history.body.issuances.map((i: { reason: string }) => i.reason)).toEqual([
      'new',
      'renewal',
    ]);
  }, 120_000); // five simulated years, about 50 processes: slow on a busy 2-core machine
});
