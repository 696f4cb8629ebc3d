import { createTestDatabase, TestDatabase } from '../helpers/test-database';
import {
  creditCode,
  expectViolation,
  idNumber,
  insert,
  makeApplication,
  makeCertificate,
  makeEmployment,
  makeEnterprise,
  makePerson,
} from './fixtures';

describe('migrations/004-applications - applications and their timeline', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  function examResult(over: Record<string, unknown> = {}) {
    return insert(t.db, 'exam_results', {
      id_number: idNumber(),
      name: '张三',
      cert_type: 'B',
      exam_date: '2024-05-10',
      passed: true,
      batch_id: 'batch-1',
      ...over,
    });
  }

  it.each([
    ['type', { type: 'holiday' }, 'applications_type_check'],
    ['state', { state: 'paused' }, 'applications_state_check'],
  ])('should reject an unknown %s', async (_, over, constraint) => {
    await expectViolation(makeApplication(t.db, over), constraint);
  });

  it.each([
    ['submitted', null, true],
    ['approved', null, true],
    ['completed', null, false],
    ['rejected', '2024-06-01T00:00:00Z', true],
    ['awaiting-review', '2024-06-01T00:00:00Z', false],
  ])('should, for state %s and completed_at %s, allow: %s', async (state, completed_at, ok) => {
    const attempt = makeApplication(t.db, { state, completed_at });
    if (ok) await expect(attempt).resolves.toBeDefined();
    else await expectViolation(attempt, 'applications_completed_iff_ended');
  });

  it.each([
    ['employment-proposal', 'applications_employment_subject'],
    ['employment-termination', 'applications_employment_subject'],
    ['category-registration', 'applications_enterprise_subject'],
    ['enterprise-rename', 'applications_enterprise_subject'],
    ['new-issue', 'applications_exam_result_subject'],
  ])('should require the subject a %s needs', async (type, constraint) => {
    await expectViolation(makeApplication(t.db, { type }), constraint);
  });

  it('should accept an employment proposal that names its employment', async () => {
    const person = await makePerson(t.db);
    const enterprise = await makeEnterprise(t.db);
    const employment = await makeEmployment(t.db, person.id, enterprise.id, { state: 'proposed' });
    await expect(
      makeApplication(t.db, {
        type: 'employment-proposal',
        person_id: person.id,
        enterprise_id: enterprise.id,
        employment_id: employment.id,
      }),
    ).resolves.toBeDefined();
  });

  it('should start one new-issue application per exam result', async () => {
    // given
    const exam = await examResult();
    await makeApplication(t.db, { type: 'new-issue', exam_result_id: exam.id });
    // when / then
    await expectViolation(
      makeApplication(t.db, { type: 'new-issue', exam_result_id: exam.id }),
      'applications_one_per_exam_result',
    );
  });

  it('should reject a process instance key that is not a number or is taken', async () => {
    await makeApplication(t.db, { process_instance_key: '2251799813685249' });
    await expectViolation(
      makeApplication(t.db, { process_instance_key: '2251799813685249' }),
      'applications_process_instance_key_key',
    );
    await expectViolation(
      makeApplication(t.db, { process_instance_key: 'abc' }),
      'applications_process_instance_key_format',
    );
  });

  it('should reject a subject that is not an object', async () => {
    await expectViolation(
      makeApplication(t.db, { subject: JSON.stringify(['x']) }),
      'applications_subject_is_object',
    );
  });

  it('should require a comment on a rejection in the timeline', async () => {
    // given
    const app = await makeApplication(t.db);
    const event = { application_id: app.id, step: 'regulator-review', actor_name: '审核员' };
    // when / then
    await expectViolation(
      insert(t.db, 'application_events', { ...event, decision: 'rejected', comment: ' ' }),
      'application_events_reject_needs_comment',
    );
    await expect(
      insert(t.db, 'application_events', { ...event, decision: 'rejected', comment: '照片不清晰' }),
    ).resolves.toBeDefined();
    await expect(
      insert(t.db, 'application_events', { ...event, decision: 'approved' }),
    ).resolves.toBeDefined();
  });

  it("should list an application's certificates once each", async () => {
    // given
    const app = await makeApplication(t.db);
    const cert = await makeCertificate(t.db);
    const link = { application_id: app.id, certificate_id: cert.id };
    await insert(t.db, 'application_certificates', link);
    // when / then
    await expectViolation(
      insert(t.db, 'application_certificates', link),
      'application_certificates_pkey',
    );
  });

  it('should refuse to delete a person with applications', async () => {
    const person = await makePerson(t.db);
    await makeApplication(t.db, { person_id: person.id });
    await expectViolation(
      t.db('persons').where({ id: person.id }).delete(),
      'applications_person_id_fkey',
    );
  });

  describe('exam results', () => {
    it('should record the same exam only once', async () => {
      // given
      const exam = await examResult({ cert_type: 'C', job_type: '04' });
      const again = { id_number: exam.id_number, cert_type: 'C', job_type: '04', batch_id: 'b-2' };
      // when / then
      await expectViolation(examResult(again), 'exam_results_one_per_exam');
      await expect(examResult({ ...again, job_type: '05' })).resolves.toBeDefined();
    });

    it.each([
      ['C without job type', { cert_type: 'C' }, 'exam_results_job_type_iff_c'],
      ['B with job type', { job_type: '01' }, 'exam_results_job_type_iff_c'],
      [
        'B with an enterprise',
        { enterprise_credit_code: creditCode() },
        'exam_results_credit_code_only_for_a',
      ],
    ])('should reject an exam result %s', async (_, over, constraint) => {
      await expectViolation(examResult(over), constraint);
    });
  });
});
