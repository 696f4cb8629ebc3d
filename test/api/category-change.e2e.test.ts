import { count, expectProblem, registeredEnterprise, startApi } from './api-harness';
import { ProcessApi, enterpriseWithCategories, startProcessApi } from './process-api-harness';

/* POST /api/enterprises/me/category-changes → category-change → the association's task. */
describe('api/category-change - through the engine', () => {
  let api: ProcessApi;
  let association: string;

  beforeAll(async () => {
    api = await startProcessApi();
    association = await api.staff('association');
  });
  afterEach(() => expect(api.h.errors).toEqual([]));
  afterAll(() => api.stopAll());

  const change = (token: string, categories: unknown) =>
    api.request('POST', '/api/enterprises/me/category-changes', { token, body: { categories } });
  const categoriesOf = async (token: string) =>
    (await api.request('GET', '/api/enterprises/me', { token })).body.categories;

  it('should replace the categories when the association approves', async () => {
    // given
    const e = await enterpriseWithCategories(api, association, ['G']);
    // when
    const res = await change(e.token, ['P', 'G', 'J']);
    expect(res.status).toBe(201);
    await api.decide(association, res.body.applicationId, 'approve');
    // then
    await api.finished(res.body.applicationId);
    expect(await categoriesOf(e.token)).toEqual(['G', 'P', 'J']);
    const detail = await api.request('GET', `/api/applications/${res.body.applicationId}`, {
      token: association,
    });
    expect(detail.body).toMatchObject({
      state: 'completed',
      subject: { categories: ['G', 'P', 'J'], previousCategories: ['G'] },
    });
  });

  it('should keep the categories when the association rejects', async () => {
    const e = await enterpriseWithCategories(api, association, ['G']);
    const res = await change(e.token, ['T']);
    await api.decide(association, res.body.applicationId, 'reject', '缺少经营许可证');
    await api.finished(res.body.applicationId);
    expect(await categoriesOf(e.token)).toEqual(['G']);
    const list = await api.request('GET', '/api/applications?type=category-change', {
      token: e.token,
    });
    expect(list.body).toEqual([
      expect.objectContaining({ id: res.body.applicationId, state: 'rejected' }),
    ]);
  });

  it.each([
    {
      case: 'before any registration',
      setup: (a: ProcessApi) => registeredEnterprise(a),
      categories: ['G'],
      codes: ['categories-not-registered'],
    },
    {
      case: 'with the same categories',
      setup: (a: ProcessApi) => enterpriseWithCategories(a, association, ['G', 'P']),
      categories: ['P', 'G'],
      codes: ['categories-unchanged'],
    },
    {
      case: 'with repeated codes',
      setup: (a: ProcessApi) => enterpriseWithCategories(a, association, ['G']),
      categories: ['P', 'P'],
      codes: ['categories-repeated'],
    },
  ])('should answer 422 $case and start nothing', async ({ setup, categories, codes }) => {
    const e = await setup(api);
    const before = await count(api, 'applications');
    const res = await change(e.token, categories);
    expectProblem(res, 422, 'conditions-not-met');
    expect(res.body.errors.map((x: { code: string }) => x.code)).toEqual(codes);
    expect(await count(api, 'applications')).toBe(before);
  });

  it('should refuse a second change while one is in progress', async () => {
    const e = await enterpriseWithCategories(api, association, ['G']);
    expect((await change(e.token, ['P'])).status).toBe(201);
    const res = await change(e.token, ['J']);
    expectProblem(res, 422, 'conditions-not-met');
    expect(res.body.errors.map((x: { code: string }) => x.code)).toEqual([
      'category-application-in-progress',
    ]);
  });

  it('should answer 503 without an engine and write nothing', async () => {
    // given the API without its engine client
    const bare = await startApi({}, api.t);
    try {
      const e = await registeredEnterprise(bare);
      const before = await count(api, 'applications');
      const res = await bare.request('POST', '/api/enterprises/me/category-registrations', {
        token: e.token,
        body: { categories: ['G'] },
      });
      expectProblem(res, 503, 'engine-unavailable');
      expect(await count(api, 'applications')).toBe(before);
    } finally {
      await bare.stop();
    }
  });
});
