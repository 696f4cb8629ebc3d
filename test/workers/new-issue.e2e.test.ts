import { addDays, addMonths, addYears, todayInChina } from '../../domain/calendar-date';
import { samplePhotoPng } from '../documents/certificate-fixture';
import { eventually, startWorkerHarness, WorkerHarness } from './worker-harness';
import {
  applicationOf,
  makeEmployment,
  messagesOf,
  seedApplication,
  seedEnterprise,
  seedExamResult,
  seedPerson,
  timelineOf,
} from './fixtures';

/*
 * new-issue (新发证, SPEC §7.1) end to end: the regulator's review, the checks, the waiting on
 * failed checks, the issue (number, dates, PDF, messages) and the lapse one year after the exam.
 */
describe('workers - new issue', () => {
  let h: WorkerHarness;
  const today = () => todayInChina(new Date());

  beforeAll(async () => {
    h = await startWorkerHarness();
  });
  afterEach(() => expect(h.errors).toEqual([]));
  afterAll(() => h.stopAll());

  interface Given {
    type?: 'A' | 'B' | 'C';
    jobType?: string | null;
    person?: Record<string, unknown>;
    enterprise?: Record<string, unknown>;
    employed?: boolean;
    examDate?: string;
  }

  /** A person employed at an enterprise, a passed exam and its application, instance started. */
  async function newIssue(given: Given = {}) {
    const type = given.type ?? 'C';
    const jobType = type === 'C' ? (given.jobType ?? '04') : null;
    const person = await seedPerson(h.sql, { name: '赵丽', ...given.person });
    const enterprise = await seedEnterprise(h.sql, {
      name: '西宁燃气有限公司',
      ...given.enterprise,
    });
    if (given.employed !== false) await makeEmployment(h.sql, person.id, enterprise.id);
    const examDate = given.examDate ?? addDays(today(), -10);
    const exam = await seedExamResult(h.sql, {
      id_number: person.id_number,
      name: person.name,
      person_id: person.id,
      cert_type: type,
      job_type: jobType,
      exam_date: examDate,
    });
    const application = await seedApplication(h.sql, {
      type: 'new-issue',
      state: 'awaiting-review',
      person_id: person.id,
      enterprise_id: enterprise.id,
      exam_result_id: exam.id,
    });
    const pi = await h.start('new-issue', {
      applicationId: application.id,
      examResultId: exam.id,
      personId: person.id,
      idNumber: person.id_number,
      enterpriseId: enterprise.id,
      creditCode: enterprise.credit_code,
      certificateType: type,
      jobTypeCode: jobType,
      examDate,
    });
    return { person, enterprise, exam, application, pi };
  }

  const certificateOf = (examResultId: string) =>
    h.sql('certificates').where({ exam_result_id: examResultId }).first('*');

  const waitFor = (pi: string, elementId: string) =>
    eventually(async () => (await h.d.elements(pi, 'ACTIVE')).includes(elementId), 8000);

  it('should issue an O&M certificate with its number, dates, PDF and messages after approval', async () => {
    // given
    const { person, enterprise, exam, application, pi } = await newIssue({ type: 'C' });

    // when
    await h.decide(pi, 'approve');

    // then
    await h.d.waitState(pi, 'COMPLETED', 10000);
    const c = await certificateOf(exam.id);
    const year = today().slice(0, 4);
    expect(c.number).toMatch(new RegExp(`^青C04${year}\\d{6}$`));
    expect(c).toMatchObject({
      type: 'C',
      job_type: '04',
      state: 'valid',
      person_id: person.id,
      unit_enterprise_id: enterprise.id,
      unit_name: '西宁燃气有限公司',
      holder_name: '赵丽',
      first_issue_date: today(),
      validity_start: today(),
      validity_end: addDays(addYears(today(), 5), -1),
      ce_deadline: addDays(addMonths(today(), 30), -1),
    });
    const [issuance] = await h.sql('certificate_issuances').where({ certificate_id: c.id });
    expect(issuance).toMatchObject({
      kind: 'issue',
      reason: 'new',
      number: c.number,
      application_id: application.id,
    });
    expect(issuance.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(issuance.snapshot).toMatchObject({
      certificateNumber: c.number,
      holderName: '赵丽',
      jobTypeName: '燃气用户检修工',
      hasPhoto: true,
      verificationUrl: `http://localhost:3000/api/verify/${c.verify_token}`,
    });
    const app = await applicationOf(h.sql, application.id);
    expect(app.state).toBe('completed');
    expect(app.check_results).toHaveLength(7);
    expect(app.check_results.every((r: { passed: boolean }) => r.passed)).toBe(true);
    const [toPerson] = await messagesOf(h.sql, { person_id: person.id });
    const [toEnterprise] = await messagesOf(h.sql, { enterprise_id: enterprise.id });
    for (const m of [toPerson, toEnterprise]) {
      expect(m).toMatchObject({
        category: 'certificate',
        title: '证书已发放',
        certificate_id: c.id,
      });
      expect(m.body).toContain(c.number);
      expect(m.body).toContain('运行、维护和抢修人员证书（燃气用户检修工）');
    }
    expect((await timelineOf(h.sql, application.id)).map((e) => e.step)).toEqual([
      'checks-operation',
      'certificate-issued',
      'notify-issued',
    ]);
  });

  it('should number a safety-manager certificate with the unit categories', async () => {
    // given
    const { exam, pi } = await newIssue({ type: 'B', enterprise: { categories: ['G', 'J'] } });

    // when
    await h.decide(pi, 'approve');

    // then
    await h.d.waitState(pi, 'COMPLETED', 10000);
    expect((await certificateOf(exam.id)).number).toMatch(
      new RegExp(`^青GJB${today().slice(0, 4)}\\d{6}$`),
    );
  });

  it('should end rejected with the reason to the person when the regulator rejects the result', async () => {
    // given
    const { person, exam, application, pi } = await newIssue();

    // when
    await h.decide(pi, 'reject', '考试成绩存疑');

    // then
    await h.d.waitState(pi, 'COMPLETED', 8000);
    expect(await certificateOf(exam.id)).toBeUndefined();
    expect(await applicationOf(h.sql, application.id)).toMatchObject({ state: 'rejected' });
    const [m] = await messagesOf(h.sql, { person_id: person.id });
    expect(m).toMatchObject({ category: 'application', title: '申请未通过审核' });
    expect(m.body).toContain('理由：考试成绩存疑');
  });

  it('should wait on failed checks, message once, and issue after the data is fixed and the change published', async () => {
    // given a person without an ID photo
    const { person, exam, application, pi } = await newIssue({
      person: { photo: null, photo_mime: null, photo_updated_at: null },
    });

    // when
    await h.decide(pi, 'approve');

    // then the application waits with the failure stored and one message sent
    await waitFor(pi, 'wait-for-change');
    const waiting = await applicationOf(h.sql, application.id);
    expect(waiting.state).toBe('approved');
    expect(waiting.check_results).toContainEqual({
      code: 'photo',
      passed: false,
      message: '人员未上传证件照',
    });
    const failed = await messagesOf(h.sql, { person_id: person.id });
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ category: 'application', title: '发证检测条件未满足' });
    expect(failed[0].body).toContain('人员未上传证件照');
    expect(await certificateOf(exam.id)).toBeUndefined();

    // when the same failure is re-checked, no second message is sent
    await h.client.publishMessage({
      name: 'application-data-changed',
      correlationKey: application.id,
      variables: {},
      timeToLive: 0,
    } as never);
    await eventually(async () => {
      const n = await h.sql('application_events').where({ application_id: application.id });
      return (await h.d.elements(pi)).filter((e) => e === 'checks-operation').length === 2 && n;
    }, 8000);
    await waitFor(pi, 'wait-for-change');
    expect(await messagesOf(h.sql, { person_id: person.id })).toHaveLength(1);

    // when the photo is uploaded and the change published
    await h.sql('persons').where({ id: person.id }).update({
      photo: samplePhotoPng(),
      photo_mime: 'image/png',
      photo_updated_at: new Date(),
    });
    await h.client.publishMessage({
      name: 'application-data-changed',
      correlationKey: application.id,
      variables: {},
      timeToLive: 0,
    } as never);

    // then the certificate is issued
    await h.d.waitState(pi, 'COMPLETED', 10000);
    expect(await certificateOf(exam.id)).toMatchObject({ state: 'valid' });
    expect(await applicationOf(h.sql, application.id)).toMatchObject({ state: 'completed' });
  });

  it('should re-check by itself when the employment a waiting application lacked becomes active', async () => {
    // given a person not employed yet
    const { person, enterprise, exam, application, pi } = await newIssue({ employed: false });
    await h.decide(pi, 'approve');
    await waitFor(pi, 'wait-for-change');
    expect((await applicationOf(h.sql, application.id)).check_results).toContainEqual(
      expect.objectContaining({ code: 'employed', passed: false }),
    );

    // when the person consents to an employment proposal (workers publish the data change)
    const employment = await makeEmployment(h.sql, person.id, enterprise.id, {
      state: 'proposed',
      proposed_at: new Date(),
    });
    const proposal = await seedApplication(h.sql, {
      type: 'employment-proposal',
      person_id: person.id,
      enterprise_id: enterprise.id,
      employment_id: employment.id,
    });
    const proposalPi = await h.start('employment-proposal', {
      applicationId: proposal.id,
      employmentId: employment.id,
      personId: person.id,
      idNumber: person.id_number,
      enterpriseId: enterprise.id,
      creditCode: enterprise.credit_code,
    });
    await h.decide(proposalPi, 'approve');

    // then the new issue completes without anyone publishing by hand
    await h.d.waitState(pi, 'COMPLETED', 10000);
    expect(await certificateOf(exam.id)).toBeDefined();
  });

  it('should lapse a waiting application one year after the exam', async () => {
    // given an exam over a year ago and a person without a photo
    const { person, exam, application, pi } = await newIssue({
      examDate: addDays(addYears(today(), -1), -3),
      person: { photo: null, photo_mime: null, photo_updated_at: null },
    });

    // when
    await h.decide(pi, 'approve');

    // then
    await h.d.waitState(pi, 'COMPLETED', 10000);
    expect(await certificateOf(exam.id)).toBeUndefined();
    expect(await applicationOf(h.sql, application.id)).toMatchObject({ state: 'lapsed' });
    const titles = (await messagesOf(h.sql, { person_id: person.id })).map((m) => m.title);
    expect(titles).toEqual(['发证检测条件未满足', '申请已失效']);
  });
});
