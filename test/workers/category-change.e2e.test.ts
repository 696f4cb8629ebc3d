import { makeCertificate } from '../migrations/fixtures';
import { startWorkerHarness, WorkerHarness } from './worker-harness';
import {
  applicationOf,
  messagesOf,
  seedApplication,
  seedEnterprise,
  seedPerson,
  timelineOf,
} from './fixtures';

/*
 * category-change (经营类别变更, SPEC §4): A/B certificates reissued with the new category
 * segment, C certificates marked abnormal (and lifted again), one message per affected holder.
 */
describe('workers - category change', () => {
  let h: WorkerHarness;

  beforeAll(async () => {
    h = await startWorkerHarness();
  });
  afterEach(() => expect(h.errors).toEqual([]));
  afterAll(() => h.stopAll());

  async function change(enterpriseId: string, creditCode: string, categories: string[]) {
    const application = await seedApplication(h.sql, {
      type: 'category-change',
      state: 'awaiting-review',
      enterprise_id: enterpriseId,
      subject: { categories },
    });
    const pi = await h.start('category-change', {
      applicationId: application.id,
      enterpriseId,
      creditCode,
      categories,
    });
    return { application, pi };
  }

  const certificate = (id: string) => h.sql('certificates').where({ id }).first('*');
  const reasons = async (id: string) =>
    (await h.sql('certificate_abnormal_reasons').where({ certificate_id: id })).map(
      (r) => r.reason,
    );

  it('should reissue A/B numbers, mark and later lift uncovered O&M certificates, and message holders', async () => {
    // given an enterprise G P with a safety manager, a bottled-gas deliverer and a network worker
    const enterprise = await seedEnterprise(h.sql, { name: '格尔木燃气有限公司' });
    const cert = (personId: string, over: Record<string, unknown>) =>
      makeCertificate(h.sql, { person_id: personId, unit_enterprise_id: enterprise.id, ...over });
    const manager = await seedPerson(h.sql, { name: '安全员' });
    const deliverer = await seedPerson(h.sql, { name: '送气工' });
    const networker = await seedPerson(h.sql, { name: '管网工' });
    const b = await cert(manager.id, { type: 'B' });
    const c08 = await cert(deliverer.id, { type: 'C', job_type: '08' });
    const c01 = await cert(networker.id, { type: 'C', job_type: '01' });
    const cancelledB = await cert((await seedPerson(h.sql)).id, {
      type: 'B',
      state: 'cancelled',
      cancelled_at: new Date(),
    });

    // when the association approves G J
    const { application, pi } = await change(enterprise.id, String(enterprise.credit_code), [
      'G',
      'J',
    ]);
    await h.decide(pi, 'approve');
    await h.d.waitState(pi, 'COMPLETED', 10000);

    // then the enterprise has the new categories and the application is completed
    expect(await h.sql('enterprises').where({ id: enterprise.id }).first('categories')).toEqual({
      categories: ['G', 'J'],
    });
    expect(await applicationOf(h.sql, application.id)).toMatchObject({ state: 'completed' });
    expect((await timelineOf(h.sql, application.id)).map((e) => e.step)).toEqual([
      'category-change-applied',
      'notify-enterprise-approved',
    ]);

    // the B certificate changed only its category segment, same dates, reissued with a PDF
    const reissued = await certificate(b.id);
    expect(reissued.number).toBe(String(b.number).replace('青GPB', '青GJB'));
    expect(reissued).toMatchObject({
      validity_start: b.validity_start,
      validity_end: b.validity_end,
      ce_deadline: b.ce_deadline,
      state: 'valid',
    });
    const numbers = await h
      .sql('certificate_numbers')
      .where({ certificate_id: b.id })
      .orderBy('id');
    expect(numbers.map((n) => n.number)).toEqual([b.number, reissued.number]);
    const [issuance] = await h.sql('certificate_issuances').where({ certificate_id: b.id });
    expect(issuance).toMatchObject({ kind: 'reissue', reason: 'category-change' });
    expect(issuance.pdf.subarray(0, 5).toString()).toBe('%PDF-');

    // the bottled-gas deliverer's C is abnormal; the network worker's is untouched
    expect(await certificate(c08.id)).toMatchObject({ state: 'abnormal', number: c08.number });
    expect(await reasons(c08.id)).toEqual(['category-not-covering-job-type']);
    expect(await certificate(c01.id)).toMatchObject({ state: 'valid', number: c01.number });
    expect(await certificate(cancelledB.id)).toMatchObject({ number: cancelledB.number });

    // one message per affected holder, none to the unaffected
    const [toManager] = await messagesOf(h.sql, { person_id: manager.id });
    expect(toManager).toMatchObject({ category: 'certificate', title: '证书已换发' });
    expect(toManager.body).toContain(reissued.number);
    const [toDeliverer] = await messagesOf(h.sql, { person_id: deliverer.id });
    expect(toDeliverer.body).toContain('已标记为异常');
    expect(await messagesOf(h.sql, { person_id: networker.id })).toEqual([]);
    const [toEnterprise] = await messagesOf(h.sql, { enterprise_id: enterprise.id });
    expect(toEnterprise).toMatchObject({
      category: 'business-category',
      title: '经营类别变更已通过',
    });
    expect(toEnterprise.body).toContain('管道燃气、燃气汽车加气站');

    // when a later change drops J, and another covers bottled gas again
    const toG = await change(enterprise.id, String(enterprise.credit_code), ['G']);
    await h.decide(toG.pi, 'approve');
    await h.d.waitState(toG.pi, 'COMPLETED', 10000);
    const onlyG = await certificate(b.id);
    expect(onlyG.number).toBe(String(b.number).replace('青GPB', '青GB'));
    const back = await change(enterprise.id, String(enterprise.credit_code), ['G', 'P']);
    await h.decide(back.pi, 'approve');
    await h.d.waitState(back.pi, 'COMPLETED', 10000);

    // then the abnormal mark is lifted, and the B certificate has exactly its first number again
    expect(await certificate(c08.id)).toMatchObject({ state: 'valid' });
    expect(await reasons(c08.id)).toEqual([]);
    expect(await certificate(b.id)).toMatchObject({ number: b.number, state: 'valid' });
    // all three numbers still name this certificate, the first one current again
    const allNumbers = await h
      .sql('certificate_numbers')
      .where({ certificate_id: b.id })
      .orderBy('id');
    expect(allNumbers.map((n) => [n.number, n.until === null])).toEqual([
      [b.number, true],
      [reissued.number, false],
      [onlyG.number, false],
    ]);
    // each reissue printed the number it gave, the last one the first number
    const printed = await h
      .sql('certificate_issuances')
      .where({ certificate_id: b.id })
      .orderBy('id')
      .pluck('number');
    expect(printed).toEqual([reissued.number, onlyG.number, b.number]);
    const [, , toManagerBack] = await messagesOf(h.sql, { person_id: manager.id });
    expect(toManagerBack?.body).toContain(`由${onlyG.number}变更为${b.number}`);
    expect(await messagesOf(h.sql, { person_id: deliverer.id })).toHaveLength(2);
  });

  it('should lift only the category mark of a certificate abnormal for another reason too', async () => {
    // given an O&M certificate abnormal for two reasons
    const enterprise = await seedEnterprise(h.sql, { categories: ['G'] });
    const person = await seedPerson(h.sql);
    const c = await makeCertificate(h.sql, {
      person_id: person.id,
      unit_enterprise_id: enterprise.id,
      type: 'C',
      job_type: '08',
      state: 'abnormal',
    });
    await h.sql('certificate_abnormal_reasons').insert([
      { certificate_id: c.id, reason: 'category-not-covering-job-type' },
      { certificate_id: c.id, reason: 'ce-not-completed' },
    ]);

    // when
    const { pi } = await change(enterprise.id, String(enterprise.credit_code), ['P']);
    await h.decide(pi, 'approve');
    await h.d.waitState(pi, 'COMPLETED', 10000);

    // then
    expect(await reasons(c.id)).toEqual(['ce-not-completed']);
    expect(await certificate(c.id)).toMatchObject({ state: 'abnormal' });
  });

  it('should leave categories and certificates alone and tell the enterprise when rejected', async () => {
    // given
    const enterprise = await seedEnterprise(h.sql);
    const { application, pi } = await change(enterprise.id, String(enterprise.credit_code), ['T']);

    // when
    await h.decide(pi, 'reject', '缺少经营许可证');
    await h.d.waitState(pi, 'COMPLETED', 10000);

    // then
    expect(await h.sql('enterprises').where({ id: enterprise.id }).first('categories')).toEqual({
      categories: ['G', 'P'],
    });
    expect(await applicationOf(h.sql, application.id)).toMatchObject({ state: 'rejected' });
    const [m] = await messagesOf(h.sql, { enterprise_id: enterprise.id });
    expect(m.title).toBe('经营类别变更未通过');
    expect(m.body).toContain('理由：缺少经营许可证');
  });
});
