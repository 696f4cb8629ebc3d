import {
  findCertificatesPrintData,
  findPrintFingerprints,
} from '../../repositories/certificate-issuance';
import { enterpriseRenameApply } from '../../workers/enterprise-rename-apply';
import type { JobInput } from '../../workers/runtime/job-handler';
import { runJobOnce } from '../../workers/runtime/run-job';
import { createTestDatabase, TestDatabase } from '../helpers/test-database';
import { makeCertificate } from '../migrations/fixtures';
import {
  makeEmployment,
  seedApplication,
  seedEnterprise,
  seedPerson,
  timelineOf,
} from './fixtures';

/*
 * enterprise-rename-apply on a real database with fake jobs (the process around it is
 * test/api/enterprise-rename.e2e.test.ts): once per job key, the re-check, the fingerprint that
 * tells a render made before the lock from a stale one.
 */
describe('workers/enterprise-rename-apply - the reissue of a rename', () => {
  let t: TestDatabase;
  let jobKey = 7_000_000;
  const OLD = '西宁燃气有限公司';
  const NEW = '青海新能燃气有限公司';

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  /** An enterprise, two employed holders of C certificates, a rename holding both busy. */
  async function rename() {
    const enterprise = await seedEnterprise(t.db, { name: OLD });
    const holders = [];
    for (const name of ['赵丽', '钱伟']) {
      const person = await seedPerson(t.db, {
        name,
        birth_date: holders.length ? '1991-02-02' : '1990-01-01',
      });
      await makeEmployment(t.db, person.id, enterprise.id);
      const certificate = await makeCertificate(t.db, {
        person_id: person.id,
        unit_enterprise_id: enterprise.id,
        type: 'C',
        unit_name: OLD,
        holder_name: name,
        validity_start: '2026-01-01',
        validity_end: '2030-12-31',
        ce_deadline: '2028-06-30',
      });
      holders.push({ person, certificate });
    }
    const application = await seedApplication(t.db, {
      type: 'enterprise-rename',
      state: 'approved',
      enterprise_id: enterprise.id,
      subject: { fromName: OLD, toName: NEW },
    });
    for (const { certificate } of holders) {
      await t.db('application_certificates').insert({
        application_id: application.id,
        certificate_id: certificate.id,
        check_results: JSON.stringify([]),
      });
      await t.db('certificates').where({ id: certificate.id }).update({
        busy_application_id: application.id,
      });
    }
    const job: JobInput = {
      key: String(++jobKey),
      type: 'enterprise-rename-apply',
      processInstanceKey: '1',
      elementId: 'enterprise-rename-applied',
      variables: {
        applicationId: application.id,
        enterpriseId: enterprise.id,
        enterpriseName: NEW,
      },
      headers: {
        step: 'enterprise-rename-applied',
        applicationState: 'completed',
        checks: 'photo,not-busy,cert-valid,age,employer-is-cert-unit,cert-in-province',
      },
    };
    return { enterprise, holders, application, job };
  }

  const issuancesOf = (certificateId: string) =>
    t
      .db('certificate_issuances')
      .where({ certificate_id: certificateId, reason: 'enterprise-rename' });

  it('should rename and reissue once, whatever number of times the job runs', async () => {
    // given
    const { enterprise, holders, application, job } = await rename();
    // when
    const first = await runJobOnce(t.db, enterpriseRenameApply, job);
    const second = await runJobOnce(t.db, enterpriseRenameApply, job);
    // then
    expect(first).toMatchObject({
      replayed: false,
      variables: { reissuedCount: 2, notReissuedCount: 0 },
    });
    expect(second).toMatchObject({ replayed: true, variables: { reissuedCount: 2 } });
    expect((await t.db('enterprises').where({ id: enterprise.id }).first('name')).name).toBe(NEW);
    for (const { person, certificate } of holders) {
      expect(await issuancesOf(certificate.id)).toHaveLength(1);
      expect(await t.db('messages').where({ person_id: person.id })).toEqual([
        expect.objectContaining({ title: '证书已换发', certificate_id: certificate.id }),
      ]);
    }
    expect((await timelineOf(t.db, application.id)).map((e) => e.step)).toEqual([
      'enterprise-rename-applied',
    ]);
  });

  it('should leave a certificate that fails the re-check as it is and tell its holder why', async () => {
    // given the second holder removed the ID photo after the submission
    const { holders, application, job } = await rename();
    const [kept, failing] = holders;
    await t
      .db('persons')
      .where({ id: failing.person.id })
      .update({ photo: null, photo_mime: null, photo_updated_at: null });
    // when
    const run = await runJobOnce(t.db, enterpriseRenameApply, job);
    // then
    expect(run.variables).toEqual({ reissuedCount: 1, notReissuedCount: 1 });
    expect(await issuancesOf(kept.certificate.id)).toHaveLength(1);
    expect(await issuancesOf(failing.certificate.id)).toHaveLength(0);
    expect(
      (await t.db('certificates').where({ id: failing.certificate.id }).first('unit_name'))
        .unit_name,
    ).toBe(OLD);
    const [message] = await t.db('messages').where({ person_id: failing.person.id });
    expect(message).toMatchObject({ title: '证书未换发', body: expect.stringContaining('证件照') });
    const stored = await t
      .db('application_certificates')
      .where({ application_id: application.id, certificate_id: failing.certificate.id })
      .first('check_results');
    expect(stored.check_results).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'photo', passed: false })]),
    );
  });

  it('should fingerprint what a certificate prints apart from its unit name', async () => {
    // given
    const { holders } = await rename();
    const id = String(holders[0].certificate.id);
    const before = (await findPrintFingerprints(t.db, [id])).get(id);
    // then the two queries agree
    expect((await findCertificatesPrintData(t.db, [id]))[0].fingerprint).toBe(before);
    // a new unit name leaves it, a new photo changes it
    await t.db('certificates').where({ id }).update({ unit_name: NEW });
    expect((await findPrintFingerprints(t.db, [id])).get(id)).toBe(before);
    await t
      .db('persons')
      .where({ id: holders[0].person.id })
      .update({ photo: Buffer.from([1, 2, 3]) });
    expect((await findPrintFingerprints(t.db, [id])).get(id)).not.toBe(before);
  });
});
