import { categoryChangeApply } from '../../workers/category-change-apply';
import type { JobInput } from '../../workers/runtime/job-handler';
import { runJobOnce } from '../../workers/runtime/run-job';
import { createTestDatabase, TestDatabase } from '../helpers/test-database';
import { makeCertificate } from '../migrations/fixtures';
import { seedApplication, seedEnterprise, seedPerson } from './fixtures';

/*
 * category-change-apply with fake jobs (SPEC §5.3): a certificate returning to earlier
 * categories takes its own earlier number, and never a number another certificate holds.
 */
describe('workers/category-change-apply - numbers on a category change', () => {
  let t: TestDatabase;
  let jobKey = 7_000_000;

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  async function applyJob(enterpriseId: string, categories: string[]): Promise<JobInput> {
    const application = await seedApplication(t.db, {
      type: 'category-change',
      state: 'awaiting-review',
      enterprise_id: enterpriseId,
      subject: { categories },
    });
    return {
      key: String(++jobKey),
      type: 'category-change-apply',
      processInstanceKey: '1',
      elementId: 'apply',
      variables: { applicationId: application.id, enterpriseId, categories },
      headers: { step: 'category-change-applied', applicationState: 'completed' },
    };
  }

  const numberOf = async (id: string) =>
    (await t.db('certificates').where({ id }).first('number')).number as string;

  it('should give back exactly the first number on G P → G → G P', async () => {
    // given
    const enterprise = await seedEnterprise(t.db);
    const b = await makeCertificate(t.db, {
      person_id: (await seedPerson(t.db)).id,
      unit_enterprise_id: enterprise.id,
    });
    // when
    await runJobOnce(t.db, categoryChangeApply, await applyJob(enterprise.id, ['G']));
    const onlyG = await numberOf(b.id);
    await runJobOnce(t.db, categoryChangeApply, await applyJob(enterprise.id, ['G', 'P']));
    // then
    expect(onlyG).toBe(String(b.number).replace('青GPB', '青GB'));
    expect(await numberOf(b.id)).toBe(b.number);
    expect(
      await t
        .db('certificate_numbers')
        .where({ certificate_id: b.id })
        .orderBy('id')
        .pluck('number'),
    ).toEqual([b.number, onlyG]);
  });

  it('should fail, changing nothing, rather than give a certificate a number another one holds', async () => {
    // given a damaged database: another certificate holds the G number of the same serial
    const enterprise = await seedEnterprise(t.db);
    const b = await makeCertificate(t.db, {
      person_id: (await seedPerson(t.db)).id,
      unit_enterprise_id: enterprise.id,
    });
    const taken = String(b.number).replace('青GPB', '青GB');
    const stranger = await makeCertificate(t.db, { number: taken });
    const job = await applyJob(enterprise.id, ['G']);
    // when / then
    await expect(runJobOnce(t.db, categoryChangeApply, job)).rejects.toThrow(
      `held by certificate ${stranger.id}`,
    );
    expect(await numberOf(b.id)).toBe(b.number);
    expect(await t.db('enterprises').where({ id: enterprise.id }).first('categories')).toEqual({
      categories: ['G', 'P'],
    });
    expect(await t.db('job_effects').where({ job_key: job.key })).toEqual([]);
  });
});
