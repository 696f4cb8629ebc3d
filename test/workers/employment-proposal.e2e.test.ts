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

/*
 * employment-proposal (聘用确认, SPEC §3) end to end: engine, deployed diagram, real workers.
 * The test plays the API: it seeds the proposal and the application, starts the instance and
 * completes the person's user task.
 */
describe('workers - employment proposal', () => {
  let h: WorkerHarness;

  beforeAll(async () => {
    h = await startWorkerHarness();
  });
  afterEach(() => expect(h.errors).toEqual([]));
  afterAll(() => h.stopAll());

  async function propose() {
    const person = await seedPerson(h.sql, { name: '李明' });
    const enterprise = await seedEnterprise(h.sql, { name: '青海天然气有限公司' });
    const employment = await makeEmployment(h.sql, person.id, enterprise.id, {
      state: 'proposed',
      proposed_at: new Date(),
    });
    const application = await seedApplication(h.sql, {
      type: 'employment-proposal',
      state: 'submitted',
      person_id: person.id,
      enterprise_id: enterprise.id,
      employment_id: employment.id,
    });
    const pi = await h.start('employment-proposal', {
      applicationId: application.id,
      employmentId: employment.id,
      personId: person.id,
      idNumber: person.id_number,
      enterpriseId: enterprise.id,
      creditCode: enterprise.credit_code,
    });
    return { person, enterprise, employment, application, pi };
  }

  const employmentState = async (id: string) =>
    (await h.sql('employments').where({ id }).first('state')).state as string;

  it('should ask the person, then activate the employment when the person consents', async () => {
    // given
    const { person, enterprise, employment, application, pi } = await propose();
    await h.userTask(pi);
    const [proposed] = await messagesOf(h.sql, { person_id: person.id });
    expect(proposed).toMatchObject({
      category: 'employment',
      title: '青海天然气有限公司拟聘用您，请确认',
      application_id: application.id,
      link: `/api/applications/${application.id}`,
    });

    // when
    await h.decide(pi, 'approve');

    // then
    await h.d.waitState(pi, 'COMPLETED', 8000);
    expect(await employmentState(employment.id)).toBe('active');
    expect(await applicationOf(h.sql, application.id)).toMatchObject({ state: 'completed' });
    expect((await applicationOf(h.sql, application.id)).completed_at).not.toBeNull();
    const [activated] = await messagesOf(h.sql, { enterprise_id: enterprise.id });
    expect(activated).toMatchObject({ category: 'employment', title: '李明已同意聘用' });
    expect(await timelineOf(h.sql, application.id)).toEqual([
      { step: 'notify-person-proposed', actor_name: '系统', actor_account_id: null },
      { step: 'employment-activated', actor_name: '系统', actor_account_id: null },
      { step: 'notify-enterprise-activated', actor_name: '系统', actor_account_id: null },
    ]);
  });

  it('should decline the proposal and tell the enterprise the reason when the person refuses', async () => {
    // given
    const { enterprise, employment, application, pi } = await propose();

    // when
    await h.decide(pi, 'reject', '已在其他单位就职');

    // then
    await h.d.waitState(pi, 'COMPLETED', 8000);
    expect(await employmentState(employment.id)).toBe('declined');
    expect(await applicationOf(h.sql, application.id)).toMatchObject({ state: 'rejected' });
    const [declined] = await messagesOf(h.sql, { enterprise_id: enterprise.id });
    expect(declined.title).toBe('李明拒绝了聘用');
    expect(declined.body).toContain('理由：已在其他单位就职');
    expect((await timelineOf(h.sql, application.id)).map((e) => e.step)).toEqual([
      'notify-person-proposed',
      'employment-declined',
      'notify-enterprise-declined',
    ]);
  });

  it('should lapse the proposal after 30 days without an answer and tell both parties', async () => {
    // given
    const { person, enterprise, employment, application, pi } = await propose();
    await h.userTask(pi);

    // when 30 days pass
    await h.setClock(Date.now() + 31 * 24 * 3600 * 1000);
    try {
      // then
      await h.d.waitState(pi, 'COMPLETED', 8000);
    } finally {
      await h.setClock(null);
    }
    expect(await employmentState(employment.id)).toBe('lapsed');
    expect(await applicationOf(h.sql, application.id)).toMatchObject({ state: 'lapsed' });
    const personMessages = await messagesOf(h.sql, { person_id: person.id });
    const enterpriseMessages = await messagesOf(h.sql, { enterprise_id: enterprise.id });
    expect(personMessages.map((m) => m.title)).toEqual([
      '青海天然气有限公司拟聘用您，请确认',
      '聘用申请已失效',
    ]);
    expect(enterpriseMessages.map((m) => m.title)).toEqual(['聘用申请已失效']);
  });

  it('should end the proposal as lapsed with a message to the enterprise, not an incident, when the person was employed meanwhile', async () => {
    // given the person became employed elsewhere after the proposal
    const { person, enterprise, employment, application, pi } = await propose();
    const other = await seedEnterprise(h.sql);
    await makeEmployment(h.sql, person.id, other.id, { state: 'active' });

    // when (the API would refuse this consent; the diagram must cope all the same)
    await h.decide(pi, 'approve');

    // then the activation ends the application with a reason at the first attempt
    await h.d.waitState(pi, 'COMPLETED', 10000);
    expect(await h.d.incidents(pi)).toEqual([]);
    expect(await employmentState(employment.id)).toBe('lapsed');
    expect(await applicationOf(h.sql, application.id)).toMatchObject({ state: 'lapsed' });
    expect((await timelineOf(h.sql, application.id)).map((e) => e.step)).toEqual(
      expect.arrayContaining(['employment-superseded', 'notify-enterprise-superseded']),
    );
    const [told] = await messagesOf(h.sql, { enterprise_id: enterprise.id });
    expect(told).toMatchObject({ title: '聘用申请已失效' });
    expect(told.body).toContain('已受聘于其他单位');
  });

  it('should end the other open proposals of a person whose employment became active', async () => {
    // given two enterprises proposed to the same person
    const first = await propose();
    const second = await (async () => {
      const enterprise = await seedEnterprise(h.sql, { name: '西宁液化气有限公司' });
      const employment = await makeEmployment(h.sql, first.person.id, enterprise.id, {
        state: 'proposed',
        proposed_at: new Date(),
      });
      const application = await seedApplication(h.sql, {
        type: 'employment-proposal',
        state: 'submitted',
        person_id: first.person.id,
        enterprise_id: enterprise.id,
        employment_id: employment.id,
      });
      const pi = await h.start('employment-proposal', {
        applicationId: application.id,
        employmentId: employment.id,
        personId: first.person.id,
        idNumber: first.person.id_number,
        enterpriseId: enterprise.id,
        creditCode: enterprise.credit_code,
      });
      return { enterprise, employment, application, pi };
    })();
    await h.userTask(second.pi);

    // when the person consents to the first
    await h.decide(first.pi, 'approve');

    // then the first is active and the second ends as lapsed, its enterprise told
    await h.d.waitState(first.pi, 'COMPLETED', 10000);
    await h.d.waitState(second.pi, 'COMPLETED', 10000);
    expect(await employmentState(first.employment.id)).toBe('active');
    expect(await employmentState(second.employment.id)).toBe('lapsed');
    expect(await applicationOf(h.sql, second.application.id)).toMatchObject({ state: 'lapsed' });
    const told = await messagesOf(h.sql, { enterprise_id: second.enterprise.id });
    expect(told.map((m: { title: string }) => m.title)).toContain('聘用申请已失效');
    expect(await h.sql('outbox').count('* as n').first()).toEqual({ n: '0' });
  });
});
