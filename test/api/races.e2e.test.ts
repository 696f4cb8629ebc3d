import { addDays, todayInChina } from '../../domain/calendar-date';
import { registeredEnterprise, registeredPerson, Reply } from './api-harness';
import {
  ProcessApi,
  contractFile,
  employed,
  enterpriseWithCategories,
  personWithPhoto,
  startProcessApi,
} from './process-api-harness';

/*
 * Decisions are atomic with their effect (issue 7): 20 parallel requests on one decision give
 * exactly one success, every other answer is a clear 4xx problem, and nothing is left stuck or
 * written twice.
 */
describe('api/races - 20 parallel decisions', () => {
  let api: ProcessApi;

  beforeAll(async () => {
    api = await startProcessApi();
  });
  afterEach(() => expect(api.h.errors).toEqual([]));
  afterAll(() => api.stopAll());

  const statuses = (replies: Reply[]) =>
    replies.map((r) => `${r.status}${r.status >= 400 ? ` ${r.body?.code}` : ''}`).sort();

  const expectOnlyProblems = (replies: Reply[], allowed: string[]) => {
    for (const r of replies.filter((x) => x.status !== 200)) {
      expect(r.type).toContain('application/problem+json');
      expect(allowed).toContain(`${r.status} ${r.body.code}`);
    }
  };

  const decisionsOn = (applicationId: string, step: string) =>
    api.t.db('application_events').where({ application_id: applicationId, step });

  it('should let one of 20 parallel consents to 5 proposals win and end the other proposals', async () => {
    // given five enterprises proposed to one person, each consent task open
    const p = await registeredPerson(api, '钱多');
    const proposals: string[] = [];
    for (const name of ['甲燃气', '乙燃气', '丙燃气', '丁燃气', '戊燃气']) {
      const e = await registeredEnterprise(api, `${name}有限公司`);
      const res = await api.request('POST', '/api/enterprises/me/employments', {
        token: e.token,
        body: {
          idNumber: p.idNumber,
          name: '钱多',
          contractStart: '2026-01-01',
          contractEnd: null,
          commitmentAccepted: true,
          contractFile,
        },
      });
      expect(res.status).toBe(201);
      proposals.push(res.body.applicationId);
    }
    const tasks = await Promise.all(proposals.map((id) => api.taskOf(p.token, id)));

    // when the person sends four consents to each at once
    const replies = await Promise.all(
      tasks.flatMap((key) =>
        Array.from({ length: 4 }, () =>
          api.request('POST', `/api/tasks/${key}/complete`, {
            token: p.token,
            body: { decision: 'approve' },
          }),
        ),
      ),
    );

    // then exactly one consent took effect, the others were refused with a reason
    expect(statuses(replies).filter((s) => s === '200')).toHaveLength(1);
    expectOnlyProblems(replies, [
      '409 task-being-decided',
      '409 application-ended',
      '404 not-found',
      '422 conditions-not-met',
      '409 state-conflict',
    ]);
    // one employment active, the four other proposals lapsed — none stuck
    for (const id of proposals) await api.h.d.waitState(await instanceOf(id), 'COMPLETED', 15000);
    const states = await api.t.db('applications').whereIn('id', proposals).pluck('state');
    expect(states.sort()).toEqual(['completed', 'lapsed', 'lapsed', 'lapsed', 'lapsed']);
    const active = await api.t
      .db('employments')
      .where({ state: 'active' })
      .join('persons', 'persons.id', 'employments.person_id')
      .where('persons.id_number', p.idNumber);
    expect(active).toHaveLength(1);
    // one consent entry, on the winner only
    const consents = await api.t
      .db('application_events')
      .whereIn('application_id', proposals)
      .where({ step: 'consent' });
    expect(consents).toHaveLength(1);
    expect(consents[0].pending).toBe(false);
    expect(await api.t.db('outbox').count('* as n').first()).toEqual({ n: '0' });
  }, 60_000);

  async function instanceOf(applicationId: string): Promise<string> {
    const row = await api.t.db('applications').where({ id: applicationId }).first();
    return row.process_instance_key;
  }

  it('should complete a regulator review once when 20 approvals arrive together', async () => {
    // given an employed person's passed exam result awaiting the regulator
    const [association, regulator, training] = await Promise.all([
      api.staff('association'),
      api.staff('regulator'),
      api.staff('training'),
    ]);
    const e = await enterpriseWithCategories(api, association);
    const p = await personWithPhoto(api, '孙实');
    await employed(api, e, p);
    const res = await api.request('POST', '/api/exam-results', {
      token: training,
      body: {
        results: [
          {
            idNumber: p.idNumber,
            name: p.name,
            certificateType: 'C',
            jobTypeCode: '04',
            examDate: addDays(todayInChina(new Date()), -3),
            passed: true,
          },
        ],
      },
    });
    const applicationId = res.body.results[0].applicationId;
    const key = await api.taskOf(regulator, applicationId);

    // when
    const replies = await Promise.all(
      Array.from({ length: 20 }, () =>
        api.request('POST', `/api/tasks/${key}/complete`, {
          token: regulator,
          body: { decision: 'approve' },
        }),
      ),
    );

    // then
    expect(statuses(replies).filter((s) => s === '200')).toHaveLength(1);
    expectOnlyProblems(replies, [
      '409 task-being-decided',
      '404 not-found',
      '409 state-conflict',
      '409 application-ended',
    ]);
    await api.finished(applicationId);
    expect(await decisionsOn(applicationId, 'regulator-review')).toHaveLength(1);
    expect(
      await api.t.db('certificate_issuances').where({ application_id: applicationId }),
    ).toHaveLength(1);
  }, 60_000);

  it('should confirm a termination once when the enterprise sends 20 confirmations together', async () => {
    // given
    const e = await registeredEnterprise(api, '昆仑燃气有限公司');
    const p = await personWithPhoto(api, '李四');
    const { employmentId } = await employed(api, e, p);
    const res = await api.request('POST', `/api/employments/${employmentId}/termination`, {
      token: p.token,
    });
    const key = await api.taskOf(e.token, res.body.applicationId);

    // when
    const replies = await Promise.all(
      Array.from({ length: 20 }, () =>
        api.request('POST', `/api/tasks/${key}/complete`, {
          token: e.token,
          body: { decision: 'approve' },
        }),
      ),
    );

    // then
    expect(statuses(replies).filter((s) => s === '200')).toHaveLength(1);
    expectOnlyProblems(replies, [
      '409 task-being-decided',
      '404 not-found',
      '409 state-conflict',
      '409 application-ended',
    ]);
    await api.finished(res.body.applicationId);
    expect(await decisionsOn(res.body.applicationId, 'enterprise-confirm')).toHaveLength(1);
    const employment = await api.t.db('employments').where({ id: employmentId }).first();
    expect(employment.state).toBe('ended');
  }, 60_000);
});
