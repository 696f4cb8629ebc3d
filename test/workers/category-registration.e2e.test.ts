import { startWorkerHarness, WorkerHarness } from './worker-harness';
import { applicationOf, messagesOf, seedApplication, seedEnterprise, timelineOf } from './fixtures';

/* category-registration (经营类别登记, SPEC §4): the association approves or rejects. */
describe('workers - category registration', () => {
  let h: WorkerHarness;

  beforeAll(async () => {
    h = await startWorkerHarness();
  });
  afterEach(() => expect(h.errors).toEqual([]));
  afterAll(() => h.stopAll());

  async function register(categories: string[]) {
    const enterprise = await seedEnterprise(h.sql, {
      name: '玉树燃气有限公司',
      categories: [],
      category_registration: 'pending',
    });
    const application = await seedApplication(h.sql, {
      type: 'category-registration',
      state: 'awaiting-review',
      enterprise_id: enterprise.id,
      subject: { categories },
    });
    const pi = await h.start('category-registration', {
      applicationId: application.id,
      enterpriseId: enterprise.id,
      creditCode: enterprise.credit_code,
      categories,
    });
    return { enterprise, application, pi };
  }

  const enterpriseRow = (id: string) =>
    h.sql('enterprises').where({ id }).first('categories', 'category_registration');

  it('should record the approved categories in canonical order and tell the enterprise', async () => {
    // given
    const { enterprise, application, pi } = await register(['T', 'G']);

    // when
    await h.decide(pi, 'approve');

    // then
    await h.d.waitState(pi, 'COMPLETED', 8000);
    expect(await enterpriseRow(enterprise.id)).toEqual({
      categories: ['G', 'T'],
      category_registration: 'approved',
    });
    expect(await applicationOf(h.sql, application.id)).toMatchObject({ state: 'completed' });
    const [m] = await messagesOf(h.sql, { enterprise_id: enterprise.id });
    expect(m).toMatchObject({ category: 'business-category', title: '经营类别登记已通过' });
    expect(m.body).toContain('管道燃气、其他');
    expect((await timelineOf(h.sql, application.id)).map((s) => s.step)).toEqual([
      'category-registration-applied',
      'notify-enterprise-approved',
    ]);
  });

  it('should leave the registration pending and tell the enterprise the reason when rejected', async () => {
    // given
    const { enterprise, application, pi } = await register(['G']);

    // when
    await h.decide(pi, 'reject', '营业执照经营范围不含管道燃气');

    // then
    await h.d.waitState(pi, 'COMPLETED', 8000);
    expect(await enterpriseRow(enterprise.id)).toEqual({
      categories: [],
      category_registration: 'pending',
    });
    expect(await applicationOf(h.sql, application.id)).toMatchObject({ state: 'rejected' });
    const [m] = await messagesOf(h.sql, { enterprise_id: enterprise.id });
    expect(m.title).toBe('经营类别登记未通过');
    expect(m.body).toContain('理由：营业执照经营范围不含管道燃气');
  });
});
