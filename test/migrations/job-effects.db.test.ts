import { createTestDatabase, TestDatabase } from '../helpers/test-database';
import { expectViolation, insert } from './fixtures';

describe('migrations/009-audit-log and 010-job-effects - bookkeeping', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('should record one outcome per job', async () => {
    // given
    const effect = { job_key: '2251799813685401', job_type: 'certificate-issue', result: {} };
    await insert(t.db, 'job_effects', effect);
    // when a retried job records again / then
    await expectViolation(insert(t.db, 'job_effects', effect), 'job_effects_pkey');
  });

  it('should reject a job key that is not an engine key', async () => {
    await expectViolation(
      insert(t.db, 'job_effects', { job_key: 'job-1', job_type: 'x', result: {} }),
      'job_effects_job_key_format',
    );
  });

  it('should keep audit entries with a subject type and id together', async () => {
    await expect(
      insert(t.db, 'audit_log', { actor: 'system', action: 'certificate.expire' }),
    ).resolves.toMatchObject({ details: {} });
    await expectViolation(
      insert(t.db, 'audit_log', { actor: 'system', action: 'x', subject_type: 'certificate' }),
      'audit_log_subject_complete',
    );
  });
});
