import { createTestDatabase, TestDatabase } from '../helpers/test-database';
import {
  certificateNumber,
  expectViolation,
  insert,
  makeApplication,
  makeCertificate,
  makePerson,
} from './fixtures';

describe('migrations/005-certificates - certificates and their numbers', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  describe('numbers', () => {
    it('should reject a number that another certificate holds now', async () => {
      const first = await makeCertificate(t.db);
      await expectViolation(
        makeCertificate(t.db, { number: first.number }),
        'certificates_number_key',
      );
    });

    it('should reject a number that another certificate held before', async () => {
      // given a certificate reissued with a new category segment
      const cert = await makeCertificate(t.db);
      const former = String(cert.number);
      await t
        .db('certificates')
        .where({ id: cert.id })
        .update({ number: former.replace('青GPB', '青GB') });
      // when / then
      await expectViolation(
        makeCertificate(t.db, { number: former }),
        'certificate_numbers_number_key',
      );
    });

    it('should keep every number of a certificate, the current one open-ended', async () => {
      // given
      const cert = await makeCertificate(t.db);
      const second = String(cert.number).replace('青GPB', '青PB');
      // when
      await t.db('certificates').where({ id: cert.id }).update({ number: second });
      await t.db('certificates').where({ id: cert.id }).update({ holder_name: '李四' });
      // then
      const numbers = await t
        .db('certificate_numbers')
        .where({ certificate_id: cert.id })
        .orderBy('id');
      expect(numbers.map((n) => [n.number, n.until === null])).toEqual([
        [cert.number, false],
        [second, true],
      ]);
    });

    // A certificate taking its own earlier number again: migration 015 (its own test).

    it.each([
      ['a type that disagrees', 'B', null, 'GPA'],
      ['categories out of order', 'B', null, 'PGB'],
      ['no category', 'A', null, 'A'],
      ['a job type that disagrees', 'C', '04', 'C05'],
    ])('should reject a number with %s', async (_, type, job_type, prefix) => {
      await expectViolation(
        makeCertificate(t.db, { type, job_type, number: await certificateNumber(t.db, prefix) }),
        'certificates_number_format',
      );
    });

    it('should reject a number whose year is not the first-issue year', async () => {
      await expectViolation(
        makeCertificate(t.db, { number: await certificateNumber(t.db, 'GB', '2023') }),
        'certificates_number_year',
      );
    });

    it('should accept a number of another province when marked so', async () => {
      await expect(
        makeCertificate(t.db, { number: 'JG-2024-0001', issued_in_province: false }),
      ).resolves.toBeDefined();
    });
  });

  describe('type, dates and state', () => {
    it.each([
      ['A', null, true],
      ['B', null, true],
      ['C', '10', true],
      ['C', null, false],
      ['A', '01', false],
      ['B', '05', false],
    ])('should, for type %s with job type %s, allow: %s', async (type, job_type, allowed) => {
      // given the number that would suit the row, so only the job-type rule can object
      const prefix = type === 'C' ? `C${job_type ?? ''}` : `G${type}`;
      const number = await certificateNumber(t.db, prefix);
      // when
      const attempt = makeCertificate(t.db, { type, job_type, number });
      // then
      if (allowed) await expect(attempt).resolves.toBeDefined();
      else await expectViolation(attempt, 'certificates_job_type_iff_c');
    });

    it('should reject a job type outside 01..10', async () => {
      await expectViolation(
        makeCertificate(t.db, {
          type: 'C',
          job_type: '11',
          number: await certificateNumber(t.db, 'C11'),
        }),
        'certificates_job_type_check',
      );
    });

    it.each([
      [
        'CE deadline after validity end',
        { ce_deadline: '2029-03-01' },
        'certificates_ce_deadline_within_validity',
      ],
      [
        'CE deadline before validity start',
        { ce_deadline: '2024-02-01' },
        'certificates_ce_deadline_within_validity',
      ],
      [
        'reviewed but CE deadline before validity end',
        { ce_reviewed: true },
        'certificates_ce_reviewed_deadline',
      ],
      [
        'first issue after validity start',
        { first_issue_date: '2024-03-02' },
        'certificates_first_issue_not_after_start',
      ],
    ])('should reject %s', async (_, over, constraint) => {
      await expectViolation(makeCertificate(t.db, over), constraint);
    });

    it('should reject a validity that ends before it starts', async () => {
      // (the CE deadline cannot lie within such a period, so either check may fire first)
      await expect(
        makeCertificate(t.db, { validity_end: '2024-02-28', ce_deadline: '2024-02-28' }),
      ).rejects.toMatchObject({ code: '23514', table: 'certificates' });
    });

    it('should accept a CE deadline equal to the validity end once reviewed', async () => {
      await expect(
        makeCertificate(t.db, { ce_reviewed: true, ce_deadline: '2029-02-28' }),
      ).resolves.toBeDefined();
    });

    it('should reject an unknown state and a cancellation without its time', async () => {
      await expectViolation(
        makeCertificate(t.db, { state: 'suspended' }),
        'certificates_state_check',
      );
      await expectViolation(
        makeCertificate(t.db, { state: 'cancelled' }),
        'certificates_cancelled_at_iff_cancelled',
      );
    });

    it('should give each certificate its own unguessable verification token', async () => {
      // given / when
      const a = await makeCertificate(t.db);
      const b = await makeCertificate(t.db);
      // then
      expect(a.verify_token).toMatch(/^[0-9a-f]{32}$/);
      expect(a.verify_token).not.toBe(b.verify_token);
      await expectViolation(
        makeCertificate(t.db, { verify_token: 'short' }),
        'certificates_verify_token_format',
      );
    });
  });

  describe('holding rules (SPEC §5.2)', () => {
    it.each([
      ['B', 'certificates_one_b_per_person'],
      ['C', 'certificates_one_c_per_person'],
    ])('should reject a second live %s certificate of one person', async (type, constraint) => {
      // given
      const person = await makePerson(t.db);
      await makeCertificate(t.db, { person_id: person.id, type, state: 'abnormal' });
      // when / then
      await expectViolation(makeCertificate(t.db, { person_id: person.id, type }), constraint);
    });

    it('should not count expired and cancelled certificates', async () => {
      // given
      const person = await makePerson(t.db);
      await makeCertificate(t.db, { person_id: person.id, state: 'expired' });
      await makeCertificate(t.db, {
        person_id: person.id,
        state: 'cancelled',
        cancelled_at: new Date(),
      });
      // when / then
      await expect(makeCertificate(t.db, { person_id: person.id })).resolves.toBeDefined();
    });

    it('should allow a safety-manager and an O&M certificate together', async () => {
      const person = await makePerson(t.db);
      await makeCertificate(t.db, { person_id: person.id, type: 'B' });
      await expect(
        makeCertificate(t.db, { person_id: person.id, type: 'C' }),
      ).resolves.toBeDefined();
    });

    it('should allow one principal certificate per unit, not two for the same unit', async () => {
      // given
      const person = await makePerson(t.db);
      const first = await makeCertificate(t.db, { person_id: person.id, type: 'A' });
      // when / then
      await expect(
        makeCertificate(t.db, { person_id: person.id, type: 'A' }),
      ).resolves.toBeDefined();
      await expectViolation(
        makeCertificate(t.db, {
          person_id: person.id,
          type: 'A',
          unit_enterprise_id: first.unit_enterprise_id,
        }),
        'certificates_one_a_per_person_and_unit',
      );
    });
  });

  describe('busy and abnormal', () => {
    it('should keep a certificate busy with an existing application only', async () => {
      // given
      const cert = await makeCertificate(t.db);
      // when / then
      await expectViolation(
        t.db('certificates').where({ id: cert.id }).update({ busy_application_id: '999999' }),
        'certificates_busy_application_id_fkey',
      );
    });

    it('should free the certificate when its application is deleted', async () => {
      // given
      const app = await makeApplication(t.db);
      const cert = await makeCertificate(t.db, { busy_application_id: app.id });
      // when
      await t.db('applications').where({ id: app.id }).delete();
      // then
      const after = await t.db('certificates').where({ id: cert.id }).first();
      expect(after.busy_application_id).toBeNull();
    });

    it('should record each abnormal reason once and only known reasons', async () => {
      // given
      const cert = await makeCertificate(t.db, { state: 'abnormal' });
      const reason = { certificate_id: cert.id, reason: 'ce-not-completed' };
      await insert(t.db, 'certificate_abnormal_reasons', reason);
      // when / then
      await expectViolation(
        insert(t.db, 'certificate_abnormal_reasons', reason),
        'certificate_abnormal_reasons_pkey',
      );
      await expectViolation(
        insert(t.db, 'certificate_abnormal_reasons', {
          certificate_id: cert.id,
          reason: 'bad-luck',
        }),
        'certificate_abnormal_reasons_reason_check',
      );
    });
  });
});
