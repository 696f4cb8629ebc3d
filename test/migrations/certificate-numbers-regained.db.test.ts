import { listSource } from '../../db/migration-source';
import { appMigrations } from '../../migrations';
import { createTestDatabase, TestDatabase } from '../helpers/test-database';
import { expectViolation, insert, makeApplication, makeCertificate } from './fixtures';

const source = { migrationSource: listSource(appMigrations) };

describe('migrations/015-certificate-numbers-regained - a certificate takes its own number back', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  const renumber = (id: string, number: string) =>
    t.db('certificates').where({ id }).update({ number });
  const numbersOf = (id: string) =>
    t.db('certificate_numbers').where({ certificate_id: id }).orderBy('id');
  const periodsOf = async (id: string) =>
    (
      await t
        .db('certificate_number_periods as p')
        .join('certificate_numbers as n', 'n.id', 'p.certificate_number_id')
        .where('n.certificate_id', id)
        .orderBy('p.id')
        .select('n.number', 'p.since', 'p.until')
    ).map((p) => [p.number, p.until === null]);

  it('should give a certificate back its own former number, keeping one row per number', async () => {
    // given G P → G
    const cert = await makeCertificate(t.db);
    const first = String(cert.number);
    const second = first.replace('青GPB', '青GB');
    await renumber(cert.id, second);
    // when G → G P
    await renumber(cert.id, first);
    // then the first row is current again, the second closed, and both stay resolvable
    const numbers = await numbersOf(cert.id);
    expect(numbers.map((n) => [n.number, n.until === null])).toEqual([
      [first, true],
      [second, false],
    ]);
    expect(await periodsOf(cert.id)).toEqual([
      [first, false],
      [second, false],
      [first, true],
    ]);
  });

  it('should let a certificate go round its numbers several times', async () => {
    // given
    const cert = await makeCertificate(t.db);
    const gp = String(cert.number);
    const g = gp.replace('青GPB', '青GB');
    const gj = gp.replace('青GPB', '青GJB');
    // when GP → G → GJ → GP → G
    for (const n of [g, gj, gp, g]) await renumber(cert.id, n);
    // then three numbers, one current, five periods of which one open
    const numbers = await numbersOf(cert.id);
    expect(numbers.map((n) => [n.number, n.until === null])).toEqual([
      [gp, false],
      [g, true],
      [gj, false],
    ]);
    const periods = await periodsOf(cert.id);
    expect(periods.map(([n]) => n)).toEqual([gp, g, gj, gp, g]);
    expect(periods.filter(([, open]) => open)).toEqual([[g, true]]);
  });

  it('should still refuse a number another certificate holds or held', async () => {
    // given a certificate that moved from G P to G
    const holder = await makeCertificate(t.db);
    const former = String(holder.number);
    await renumber(holder.id, former.replace('青GPB', '青GB'));
    const other = await makeCertificate(t.db);
    // when / then another certificate takes the former or the current number
    await expectViolation(renumber(other.id, former), 'certificate_numbers_number_key');
    await expectViolation(
      renumber(other.id, former.replace('青GPB', '青GB')),
      'certificates_number_key',
    );
    await expectViolation(
      makeCertificate(t.db, { number: former }),
      'certificate_numbers_number_key',
    );
  });

  it('should keep the issuances of both periods valid against the numbers', async () => {
    // given an issue under the first number, a reissue under the second, one under the first again
    const cert = await makeCertificate(t.db);
    const first = String(cert.number);
    const second = first.replace('青GPB', '青GB');
    const issue = async (number: string, kind: string, reason: string) =>
      insert(t.db, 'certificate_issuances', {
        certificate_id: cert.id,
        application_id: (await makeApplication(t.db)).id,
        kind,
        reason,
        number,
        snapshot: { number },
      });
    await issue(first, 'issue', 'new');
    await renumber(cert.id, second);
    await issue(second, 'reissue', 'category-change');
    await renumber(cert.id, first);
    // when / then
    await expect(issue(first, 'reissue', 'category-change')).resolves.toBeDefined();
    expect(await t.db('certificate_issuances').where({ certificate_id: cert.id })).toHaveLength(3);
  });

  it('should copy the numbers held before it as one period each', async () => {
    // given the schema before 015, with a certificate renumbered under the old trigger
    await t.db.migrate.down(source);
    const cert = await makeCertificate(t.db);
    const second = String(cert.number).replace('青GPB', '青GB');
    await renumber(cert.id, second);
    // when
    await t.db.migrate.latest(source);
    // then
    expect(await periodsOf(cert.id)).toEqual([
      [cert.number, false],
      [second, true],
    ]);
    await renumber(cert.id, String(cert.number));
    expect((await numbersOf(cert.id)).map((n) => [n.number, n.until === null])).toEqual([
      [cert.number, true],
      [second, false],
    ]);
  });
});
