import { startWorkerHarness, WorkerHarness } from './worker-harness';
import {
  applicationOf,
  makeEmployment,
  messagesOf,
  seedApplication,
  seedEnterprise,
  seedPerson,
  timelineOf,
} from './fixtures';

/* employment-termination (解除聘用, SPEC §3): the enterprise confirms or refuses. */
describe('workers - employment termination', () => {
  let h: WorkerHarness;

  beforeAll(async () => {
    h = await startWorkerHarness();
  });
  afterEach(() => expect(h.errors).toEqual([]));
  afterAll(() => h.stopAll());

  async function requestTermination() {
    const person = await seedPerson(h.sql, { name: '孙强' });
    const enterprise = await seedEnterprise(h.sql, { name: '海东燃气有限公司' });
    const employment = await makeEmployment(h.sql, person.id, enterprise.id, { state: 'active' });
    const application = await seedApplication(h.sql, {
      type: 'employment-termination',
      state: 'awaiting-enterprise',
      person_id: person.id,
      enterprise_id: enterprise.id,
      employment_id: employment.id,
    });
    const pi = await h.start('employment-termination', {
      applicationId: application.id,
      employmentId: employment.id,
      personId: person.id,
      idNumber: person.id_number,
      enterpriseId: enterprise.id,
      creditCode: enterprise.credit_code,
    });
    return { person, enterprise, employment, application, pi };
  }

  const employment = (id: string) => h.sql('employments').where({ id }).first('*');

  it('should end the employment, keeping it as history, when the enterprise confirms', async () => {
    // given
    const { person, enterprise, employment: e, application, pi } = await requestTermination();

    // when
    await h.decide(pi, 'approve');

    // then
    await h.d.waitState(pi, 'COMPLETED', 8000);
    const ended = await employment(e.id);
    expect(ended.state).toBe('ended');
    expect(ended.ended_at).not.toBeNull();
    expect(await applicationOf(h.sql, application.id)).toMatchObject({ state: 'completed' });
    const [requested] = await messagesOf(h.sql, { enterprise_id: enterprise.id });
    expect(requested.title).toBe('孙强申请解除聘用');
    const [done] = await messagesOf(h.sql, { person_id: person.id });
    expect(done).toMatchObject({ category: 'employment', title: '聘用关系已解除' });
    expect((await timelineOf(h.sql, application.id)).map((s) => s.step)).toEqual([
      'notify-enterprise-requested',
      'employment-ended',
      'notify-person-ended',
    ]);
  });

  it('should keep the employment and tell the person the reason when the enterprise refuses', async () => {
    // given
    const { person, employment: e, application, pi } = await requestTermination();

    // when
    await h.decide(pi, 'reject', '合同尚未到期');

    // then
    await h.d.waitState(pi, 'COMPLETED', 8000);
    expect((await employment(e.id)).state).toBe('active');
    expect(await applicationOf(h.sql, application.id)).toMatchObject({ state: 'rejected' });
    const [m] = await messagesOf(h.sql, { person_id: person.id });
    expect(m.title).toBe('解除聘用申请未通过');
    expect(m.body).toContain('理由：合同尚未到期');
    expect((await timelineOf(h.sql, application.id)).map((s) => s.step)).toEqual([
      'notify-enterprise-requested',
      'enterprise-confirm-rejected',
      'notify-person-rejected',
    ]);
  });
});
