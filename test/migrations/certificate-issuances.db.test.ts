import { createTestDatabase, TestDatabase } from '../helpers/test-database';
import { expectViolation, insert, Inserted, makeApplication, makeCertificate } from './fixtures';

describe('migrations/006-certificate-issuances - issues and reissues', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  function issue(cert: Inserted, app: Inserted, over: Record<string, unknown> = {}) {
    return insert(t.db, 'certificate_issuances', {
      certificate_id: cert.id,
      application_id: app.id,
      kind: 'issue',
      reason: 'new',
      number: cert.number,
      snapshot: { number: cert.number, holderName: cert.holder_name },
      ...over,
    });
  }

  it('should reject issuing the same certificate twice for one application', async () => {
    // given a retried issue job
    const cert = await makeCertificate(t.db);
    const app = await makeApplication(t.db);
    await issue(cert, app, { kind: 'reissue', reason: 'renewal' });
    // when / then
    await expectViolation(
      issue(cert, app, { kind: 'reissue', reason: 'renewal' }),
      'certificate_issuances_application_certificate_key',
    );
  });

  it('should reissue several certificates under one application', async () => {
    // given an enterprise rename
    const app = await makeApplication(t.db, { type: 'cancellation' });
    const over = { kind: 'reissue', reason: 'enterprise-rename' };
    // when
    await issue(await makeCertificate(t.db), app, over);
    await issue(await makeCertificate(t.db), app, over);
    // then
    const count = await t.db('certificate_issuances').where({ application_id: app.id }).count();
    expect(count[0].count).toBe('2');
  });

  it('should reject a second first issue of one certificate', async () => {
    const cert = await makeCertificate(t.db);
    await issue(cert, await makeApplication(t.db));
    await expectViolation(
      issue(cert, await makeApplication(t.db)),
      'certificate_issuances_one_first_issue',
    );
  });

  it.each([
    ['issue', 'renewal'],
    ['reissue', 'new'],
  ])('should reject kind %s with reason %s', async (kind, reason) => {
    await expectViolation(
      issue(await makeCertificate(t.db), await makeApplication(t.db), { kind, reason }),
      'certificate_issuances_new_iff_issue',
    );
  });

  it('should reject an unknown reason', async () => {
    await expectViolation(
      issue(await makeCertificate(t.db), await makeApplication(t.db), {
        kind: 'reissue',
        reason: 'whim',
      }),
      'certificate_issuances_reason_check',
    );
  });

  it("should only print one of the certificate's own numbers", async () => {
    // given
    const cert = await makeCertificate(t.db);
    const other = await makeCertificate(t.db);
    // when / then
    await expectViolation(
      issue(cert, await makeApplication(t.db), { number: other.number }),
      'certificate_issuances_number_fkey',
    );
  });

  it('should keep the first issuance pointing at the former number after a renumbering', async () => {
    // given
    const cert = await makeCertificate(t.db);
    const first = await issue(cert, await makeApplication(t.db));
    // when a category change renumbers the certificate
    const renumbered = String(cert.number).replace('青GPB', '青GB');
    await t.db('certificates').where({ id: cert.id }).update({ number: renumbered });
    await issue(cert, await makeApplication(t.db), {
      kind: 'reissue',
      reason: 'category-change',
      number: renumbered,
    });
    // then
    const numbers = await t
      .db('certificate_issuances')
      .where({ certificate_id: cert.id })
      .orderBy('id')
      .pluck('number');
    expect(numbers).toEqual([first.number, renumbered]);
  });
});
