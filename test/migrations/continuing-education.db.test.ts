import { createTestDatabase, TestDatabase } from '../helpers/test-database';
import { expectViolation, insert, Inserted, makeApplication, makeCertificate } from './fixtures';

describe('migrations/007-continuing-education - CE records and automatic reviews', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  function ceRecord(cert: Inserted, over: Record<string, unknown> = {}) {
    return insert(t.db, 'ce_records', {
      certificate_id: cert.id,
      certificate_number: cert.number,
      sequence: 1,
      pass_date: '2025-06-01',
      ...over,
    });
  }

  it('should review a certificate at most once per CE deadline', async () => {
    // given a review that already ran
    const cert = await makeCertificate(t.db);
    const review = { certificate_id: cert.id, deadline: cert.ce_deadline, outcome: 'failed' };
    await insert(t.db, 'ce_reviews', review);
    // when a rerun tries again / then
    await expectViolation(
      insert(t.db, 'ce_reviews', review),
      'ce_reviews_certificate_deadline_key',
    );
  });

  it.each([
    ['passed', false],
    ['failed', true],
  ])('should require a CE record with a %s review exactly', async (outcome, withRecord) => {
    const cert = await makeCertificate(t.db);
    const record = withRecord ? await ceRecord(cert) : null;
    await expectViolation(
      insert(t.db, 'ce_reviews', {
        certificate_id: cert.id,
        deadline: cert.ce_deadline,
        outcome,
        ce_record_id: record?.id ?? null,
      }),
      'ce_reviews_record_iff_passed',
    );
  });

  it('should store a re-imported CE record once', async () => {
    const cert = await makeCertificate(t.db);
    await ceRecord(cert);
    await expectViolation(ceRecord(cert), 'ce_records_one_per_pass');
  });

  it('should reject a sequence other than 1 or 2', async () => {
    await expectViolation(
      ceRecord(await makeCertificate(t.db), { sequence: 3 }),
      'ce_records_sequence_check',
    );
  });

  it('should let a renewal use one CE record only', async () => {
    // given
    const cert = await makeCertificate(t.db);
    const renewal = await makeApplication(t.db, { type: 'renewal' });
    await ceRecord(cert, { sequence: 2, used_by_application_id: renewal.id });
    // when / then
    await expectViolation(
      ceRecord(cert, { sequence: 2, pass_date: '2026-01-01', used_by_application_id: renewal.id }),
      'ce_records_used_by_application_id_key',
    );
  });
});
