import {
  findCertificateByAnyNumber,
  numberHolder,
  previousNumbersOf,
} from '../../repositories/certificate-numbers';
import { createTestDatabase, TestDatabase } from '../helpers/test-database';
import { makeCertificate } from '../migrations/fixtures';

/* Every number a certificate ever had leads to it (SPEC §5.3). */
describe('repositories/certificate-numbers - current and former numbers', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('should find a certificate by its current and each former number, and nothing by others', async () => {
    // given GP → G → GJ
    const c = await makeCertificate(t.db);
    const gp = String(c.number);
    const [g, gj] = [gp.replace('青GPB', '青GB'), gp.replace('青GPB', '青GJB')];
    for (const n of [g, gj]) await t.db('certificates').where({ id: c.id }).update({ number: n });
    // when
    const found = await Promise.all([gp, g, gj].map((n) => findCertificateByAnyNumber(t.db, n)));
    // then
    expect(found.map((f) => [f?.id, f?.number, f?.issuedInProvince])).toEqual(
      Array(3).fill([c.id, gj, true]),
    );
    expect(await findCertificateByAnyNumber(t.db, gp.replace('青GPB', '青PB'))).toBeUndefined();
    expect(await Promise.all([gp, g, gj].map((n) => numberHolder(t.db, n)))).toEqual(
      Array(3).fill(c.id),
    );
    expect(await numberHolder(t.db, '青GB2024999999')).toBeUndefined();
    expect(await previousNumbersOf(t.db, c.id)).toEqual([gp, g]);
  });

  it('should list a number once among the previous ones when it was current twice', async () => {
    // given GP → G → GP → G
    const c = await makeCertificate(t.db);
    const gp = String(c.number);
    const g = gp.replace('青GPB', '青GB');
    for (const n of [g, gp, g])
      await t.db('certificates').where({ id: c.id }).update({ number: n });
    // when / then
    expect(await previousNumbersOf(t.db, c.id)).toEqual([gp]);
  });
});
