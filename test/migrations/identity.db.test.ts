import { createTestDatabase, TestDatabase } from '../helpers/test-database';
import {
  creditCode,
  expectViolation,
  idNumber,
  insert,
  makeEnterprise,
  makePerson,
} from './fixtures';

describe('migrations/001-identity - persons, enterprises, accounts', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  describe('persons', () => {
    it('should reject a second person with the same ID number', async () => {
      // given
      const first = await makePerson(t.db);
      // when / then
      await expectViolation(
        makePerson(t.db, { id_number: first.id_number }),
        'persons_id_number_key',
      );
    });

    it.each([
      ['too short', '63010219900101001'],
      ['lower-case x', '63010219900101001x'],
      ['letter inside', '6301021990010A0011'],
    ])('should reject an ID number that is %s', async (_, id_number) => {
      await expectViolation(makePerson(t.db, { id_number }), 'persons_id_number_format');
    });

    it('should reject a sex that disagrees with digit 17 of the ID number', async () => {
      // given an even digit 17 (a woman)
      const id_number = idNumber('19900101', 'F');
      // when / then
      await expectViolation(
        makePerson(t.db, { id_number, sex: 'M' }),
        'persons_sex_matches_id_number',
      );
      await expect(makePerson(t.db, { id_number, sex: 'F' })).resolves.toBeDefined();
    });

    it('should reject a birth date that disagrees with the ID number', async () => {
      await expectViolation(
        makePerson(t.db, { id_number: idNumber('19900101'), birth_date: '1990-01-02' }),
        'persons_birth_date_matches_id_number',
      );
    });

    it('should reject a photo without its type and time', async () => {
      await expectViolation(
        makePerson(t.db, { photo: Buffer.from([0xff, 0xd8]) }),
        'persons_photo_complete',
      );
    });

    it('should keep the name history with the person and drop it with the person', async () => {
      // given
      const person = await makePerson(t.db);
      await insert(t.db, 'person_names', { person_id: person.id, name: '张三' });
      // when
      await t.db('persons').where({ id: person.id }).delete();
      // then
      expect(await t.db('person_names').where({ person_id: person.id })).toEqual([]);
    });

    it('should move updated_at on update', async () => {
      // given
      const person = await makePerson(t.db, { updated_at: '2020-01-01T00:00:00Z' });
      // when
      const [after] = await t
        .db('persons')
        .where({ id: person.id })
        .update({ phone: '13800000000' })
        .returning('updated_at');
      // then
      expect(after.updated_at.getTime()).toBeGreaterThan(Date.parse('2024-01-01'));
    });
  });

  describe('enterprises', () => {
    it('should reject a second enterprise with the same credit code', async () => {
      const first = await makeEnterprise(t.db);
      await expectViolation(
        makeEnterprise(t.db, { credit_code: first.credit_code }),
        'enterprises_credit_code_key',
      );
    });

    it.each([
      ['too short', '91630100MA7XYZ123'],
      ['with an I', '91630100MA7XYZ12I3'],
      ['in lower case', '91630100ma7xyz1234'],
    ])('should reject a credit code %s', async (_, credit_code) => {
      await expectViolation(
        makeEnterprise(t.db, { credit_code }),
        'enterprises_credit_code_format',
      );
    });

    it.each([
      ['630100', true],
      ['110105', false],
    ])('should derive in-province from division %s', async (division, expected) => {
      // when
      const e = await makeEnterprise(t.db, { credit_code: creditCode(division) });
      // then
      expect(e).toMatchObject({ division_code: division, in_province: expected });
    });

    it.each([[['P', 'G']], [['G', 'G']], [['G', 'X']]])(
      'should reject categories %j (not G P J T, once each, in order)',
      async (categories) => {
        await expectViolation(makeEnterprise(t.db, { categories }), 'enterprises_categories_check');
      },
    );

    it.each([
      ['approved', [], false],
      ['pending', ['G'], false],
      ['none', [], true],
      ['approved', ['G', 'P', 'J', 'T'], true],
    ])(
      'should tie registration %s to categories %j (allowed: %s)',
      async (category_registration, categories, allowed) => {
        const attempt = makeEnterprise(t.db, { category_registration, categories });
        if (allowed) await expect(attempt).resolves.toBeDefined();
        else await expectViolation(attempt, 'enterprises_categories_iff_approved');
      },
    );

    it('should reject an unknown registration state', async () => {
      await expectViolation(
        makeEnterprise(t.db, { category_registration: 'maybe', categories: [] }),
        'enterprises_category_registration_check',
      );
    });
  });

  describe('accounts', () => {
    it.each([
      ['person', true, false, true],
      ['person', false, false, false],
      ['person', true, true, false],
      ['enterprise', false, true, true],
      ['enterprise', true, false, false],
      ['regulator', false, false, true],
      ['association', true, false, false],
      ['admin', false, true, false],
    ])(
      'should, for role %s with person %s and enterprise %s, allow: %s',
      async (role, withPerson, withEnterprise, allowed) => {
        // given
        const person_id = withPerson ? (await makePerson(t.db)).id : null;
        const enterprise_id = withEnterprise ? (await makeEnterprise(t.db)).id : null;
        // when
        const attempt = insert(t.db, 'accounts', {
          username: `user-${Math.random()}`,
          password_hash: 'x',
          role,
          person_id,
          enterprise_id,
        });
        // then
        if (allowed) await expect(attempt).resolves.toBeDefined();
        else await expectViolation(attempt, 'accounts_role_subject');
      },
    );

    it('should reject an unknown role', async () => {
      await expectViolation(
        insert(t.db, 'accounts', { username: 'u-role', password_hash: 'x', role: 'root' }),
        'accounts_role_check',
      );
    });

    it('should reject a duplicate username and a second account of one person', async () => {
      // given
      const person = await makePerson(t.db);
      const account = { password_hash: 'x', role: 'person', person_id: person.id };
      await insert(t.db, 'accounts', { ...account, username: person.id_number });
      // when / then
      await expectViolation(
        insert(t.db, 'accounts', { ...account, username: person.id_number }),
        'accounts_username_key',
      );
      await expectViolation(
        insert(t.db, 'accounts', { ...account, username: 'other' }),
        'accounts_person_id_key',
      );
    });

    it('should refuse to delete a person who has an account', async () => {
      // given
      const person = await makePerson(t.db);
      await insert(t.db, 'accounts', {
        username: person.id_number,
        password_hash: 'x',
        role: 'person',
        person_id: person.id,
      });
      // when / then
      await expectViolation(
        t.db('persons').where({ id: person.id }).delete(),
        'accounts_person_id_fkey',
      );
    });

    it('should reject an API key whose hash is already in use', async () => {
      const e = await makeEnterprise(t.db);
      await insert(t.db, 'api_keys', { enterprise_id: e.id, key_hash: 'h1', label: 'ERP' });
      await expectViolation(
        insert(t.db, 'api_keys', { enterprise_id: e.id, key_hash: 'h1', label: 'ERP 2' }),
        'api_keys_key_hash_key',
      );
    });
  });
});
