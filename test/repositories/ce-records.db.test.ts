import {
  ceRecordsOfCertificate,
  firstCeRecordWithin,
  insertCeRecord,
  markCeRecordUsed,
} from '../../repositories/ce-records';
import { createTestDatabase, TestDatabase } from '../helpers/test-database';
import { Inserted, insert, makeApplication, makeCertificate } from '../migrations/fixtures';

/* The loaders the checks, the automatic review (SPEC §7.5) and the renewal (§7.6) use. */
describe('repositories/ce-records - what the checks and the daily review read', () => {
  let t: TestDatabase;
  let importer: Inserted;
  beforeAll(async () => {
    t = await createTestDatabase();
    importer = await insert(t.db, 'accounts', {
      username: 'training-repo',
      role: 'training',
      password_hash: 'x',
    });
  });
  afterAll(() => t.drop());

  const add = (c: Inserted, sequence: 1 | 2, passDate: string, number = String(c.number)) =>
    insertCeRecord(t.db, {
      certificateId: c.id,
      certificateNumber: number,
      sequence,
      passDate,
      batchId: 'b1',
      importedByAccountId: importer.id,
    });

  it('should store a record once per certificate, sequence and pass date', async () => {
    // given
    const c = await makeCertificate(t.db);
    const id = await add(c, 1, '2025-01-10');
    // when
    const again = await add(c, 1, '2025-01-10');
    // then
    expect(id).toEqual(expect.any(String));
    expect(again).toBeUndefined();
    expect(await ceRecordsOfCertificate(t.db, c.id)).toHaveLength(1);
  });

  it('should load every record of a certificate in the checks’ shape, oldest pass first', async () => {
    // given records under a former and the current number, one of them used by a renewal
    const c = await makeCertificate(t.db);
    const former = String(c.number);
    const current = former.replace('青GPB', '青GB');
    await t.db('certificates').where({ id: c.id }).update({ number: current });
    const second = (await add(c, 2, '2026-06-01', current))!;
    const first = (await add(c, 1, '2025-01-10', former))!;
    await add(await makeCertificate(t.db), 1, '2025-01-10');
    const renewal = await makeApplication(t.db, { type: 'renewal' });
    await markCeRecordUsed(t.db, second, renewal.id);
    // when
    const records = await ceRecordsOfCertificate(t.db, c.id);
    // then
    expect(records).toEqual([
      {
        id: first,
        certificateNumber: former,
        sequence: 1,
        passDate: '2025-01-10',
        usedByRenewal: false,
      },
      {
        id: second,
        certificateNumber: current,
        sequence: 2,
        passDate: '2026-06-01',
        usedByRenewal: true,
      },
    ]);
  });

  it.each([
    ['the earliest first-sequence record within the period', '2024-03-01', '2026-08-31', 'early'],
    ['a record on the first day', '2024-03-05', '2026-08-31', 'early'],
    ['a record on the last day', '2024-03-06', '2025-05-05', 'late'],
    ['nothing when none falls within', '2025-05-06', '2026-08-31', null],
    ['nothing before the period', '2024-03-01', '2024-03-04', null],
  ])('should find %s', async (_, from, to, expected) => {
    // given a certificate with two first-sequence records and a second-sequence one
    const c = await makeCertificate(t.db);
    const ids: Record<string, string> = {
      late: (await add(c, 1, '2025-05-05'))!,
      early: (await add(c, 1, '2024-03-05'))!,
    };
    await add(c, 2, '2024-06-01');
    // when
    const found = await firstCeRecordWithin(t.db, c.id, from, to);
    // then
    expect(found?.id ?? null).toBe(expected === null ? null : ids[expected]);
    if (found) expect(found.sequence).toBe(1);
  });

  it('should let one renewal use a record, again when its job is retried, and no other', async () => {
    // given
    const c = await makeCertificate(t.db);
    const record = (await add(c, 2, '2026-01-01'))!;
    const renewal = await makeApplication(t.db, { type: 'renewal' });
    const other = await makeApplication(t.db, { type: 'renewal' });
    // when
    const used = await markCeRecordUsed(t.db, record, renewal.id);
    const retried = await markCeRecordUsed(t.db, record, renewal.id);
    const stolen = await markCeRecordUsed(t.db, record, other.id);
    // then
    expect([used, retried, stolen]).toEqual([true, true, false]);
    expect(await t.db('ce_records').where({ id: record }).first('used_by_application_id')).toEqual({
      used_by_application_id: renewal.id,
    });
  });
});
