import { makeCertificate } from '../migrations/fixtures';
import {
  count,
  expectProblem,
  registeredEnterprise,
  registeredPerson,
  startApi,
} from './api-harness';
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

  it('should give a B certificate its own first number back when the categories return, every number still finding it', async () => {
    // given a safety manager's certificate at an enterprise with G P
    const e = await enterpriseWithCategories(api, association, ['G', 'P']);
    const holder = await registeredPerson(api, '安全员');
    const b = await makeCertificate(api.t.db, {
      person_id: holder.personId,
      unit_enterprise_id: e.enterpriseId,
      holder_name: '安全员',
    });
    const first = String(b.number);
    const numberNow = async () =>
      (await api.request('GET', `/api/certificates/${b.id}`, { token: holder.token })).body.number;
    const approved = async (categories: string[]) => {
      const res = await change(e.token, categories);
      expect(res.status).toBe(201);
      await api.decide(association, res.body.applicationId, 'approve');
      await api.finished(res.body.applicationId);
    };
    // when G P → G → G P
    await approved(['G']);
    const second = await numberNow();
    await approved(['G', 'P']);
    // then the certificate has exactly its first number again, with a PDF printing it
    expect(second).toBe(first.replace('青GPB', '青GB'));
    expect(await numberNow()).toBe(first);
    const pdf = await api.request('GET', `/api/certificates/${b.id}/pdf`, { token: holder.token });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-disposition')).toContain(encodeURIComponent(first));
    // and both numbers still name it: CE records imported under either belong to it
    const training = await api.staff('training');
    const imported = await api.request('POST', '/api/ce-records', {
      token: training,
      body: {
        records: [second, first].map((certificateNumber, i) => ({
          idNumber: holder.idNumber,
          certificateNumber,
          sequence: i + 1,
          passDate: '2025-01-02',
        })),
      },
    });
    expect(imported.body.results).toEqual([
      expect.objectContaining({ outcome: 'created', certificateId: b.id }),
      expect.objectContaining({ outcome: 'created', certificateId: b.id }),
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
