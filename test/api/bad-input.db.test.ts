import { createStaffUser } from '../../api/use-cases/staff';
import {
  ApiHarness,
  PASSWORD,
  Reply,
  count,
  expectProblem,
  login,
  newIdNumber,
  registeredEnterprise,
  registeredPerson,
  startApi,
} from './api-harness';

/*
 * Bad input answers 4xx, never 500 (issue 7): strings PostgreSQL cannot store, dates outside
 * what the domain knows, huge arrays, odd query strings and undecodable paths.
 */
describe('api - bad input is refused with 4xx', () => {
  let api: ApiHarness;
  let person: { token: string };
  let enterprise: { token: string };

  beforeAll(async () => {
    api = await startApi();
    [person, enterprise] = await Promise.all([registeredPerson(api), registeredEnterprise(api)]);
  });
  afterAll(() => api.stop());

  function expectInvalid(reply: Reply, field: string, code: string) {
    expectProblem(reply, 400, 'validation-failed');
    expect(reply.body.errors).toContainEqual(
      expect.objectContaining({ field, code, message: expect.any(String) }),
    );
  }

  describe('strings PostgreSQL cannot store', () => {
    it('should refuse a NUL character in a login name with 400', async () => {
      const res = await api.request('POST', '/api/auth/token', {
        body: { username: 'admin\u0000', password: PASSWORD },
      });
      expectInvalid(res, 'username', 'invalid-character');
      expect(res.body.errors[0].message).toBe('用户名含有无法保存的字符');
    });

    it('should refuse a NUL character in a name at registration and register nobody', async () => {
      const before = await count(api, 'persons');
      const res = await api.request('POST', '/api/persons', {
        body: { name: '张\u0000三', idNumber: newIdNumber(), password: PASSWORD },
      });
      expectInvalid(res, 'name', 'invalid-character');
      expect(await count(api, 'persons')).toBe(before);
    });

    it.each([
      ['a high surrogate alone', '张\uD800'],
      ['a low surrogate alone', '\uDC00张'],
      ['two high surrogates', '\uD800\uD800'],
    ])('should refuse %s in a name and write no audit entry', async (_, name) => {
      const before = await count(api, 'audit_log');
      const res = await api.request('POST', '/api/persons', {
        body: { name, idNumber: newIdNumber(), password: PASSWORD },
      });
      expectInvalid(res, 'name', 'invalid-character');
      expect(await count(api, 'audit_log')).toBe(before);
    });

    it('should accept a name with a real pair of surrogates (a rare character)', async () => {
      const res = await api.request('POST', '/api/persons', {
        body: { name: '王𠀀', idNumber: newIdNumber(), password: PASSWORD },
      });
      expect(res.status).toBe(201);
      expect(res.body.name).toBe('王𠀀');
    });

    it('should refuse a NUL character in a resume entry with 400', async () => {
      const res = await api.request('POST', '/api/persons/me/resume', {
        token: person.token,
        body: { startDate: '2020-01-01', organisation: '西宁\u0000燃气', description: 'x\u0000' },
      });
      expectInvalid(res, 'organisation', 'invalid-character');
      expectInvalid(res, 'description', 'invalid-character');
    });

    it('should refuse a NUL character in a field name with 400', async () => {
      const res = await api.request('PATCH', '/api/persons/me', {
        token: person.token,
        body: { 'pho\u0000ne': null },
      });
      expectInvalid(res, 'pho\uFFFDne', 'invalid-character');
    });

    it('should refuse a NUL character in a query parameter with 400', async () => {
      const res = await api.request('GET', '/api/messages?category=a%00b', {
        token: person.token,
      });
      expectInvalid(res, 'category', 'invalid-character');
    });

    it('should refuse a NUL character in the verify token with 400', async () => {
      const json = await api.request('GET', '/api/verify/abc%00def');
      expectInvalid(json, 'token', 'invalid-character');
      const page = await api.request('GET', '/api/verify/abc%00def', {
        headers: { accept: 'text/html' },
      });
      expect(page.status).toBe(400);
    });

    it('should refuse a NUL character in a task comment with 400', async () => {
      const res = await api.request('POST', '/api/tasks/1/complete', {
        token: person.token,
        body: { decision: 'reject', comment: '理由\u0000' },
      });
      expectInvalid(res, 'comment', 'invalid-character');
    });

    it('should refuse a NUL character in an exam-result CSV or JSON batch with 400', async () => {
      await createStaffUser(api.t.db, {
        role: 'training',
        username: 'fuzztrain',
        password: PASSWORD,
      });
      const training = await login(api, 'fuzztrain', PASSWORD);
      const csv = await api.request('POST', '/api/exam-results', {
        token: training,
        raw: 'idNumber,name,certificateType,examDate,passed\n630102199005171234,张\u0000,B,2026-01-05,true\n',
        contentType: 'text/csv',
      });
      expectInvalid(csv, '', 'invalid-character');
      const json = await api.request('POST', '/api/exam-results', {
        token: training,
        body: { results: [{ name: '张\u0000' }] },
      });
      expectInvalid(json, 'results.0.name', 'invalid-character');
    });
  });

  describe('dates', () => {
    it.each([
      ['0000-01-01', 'range'],
      ['1899-12-31', 'range'],
      ['9999-12-31', 'range'],
      ['2026-02-30', 'format'],
    ])('should refuse a resume start date %s with 400 (%s)', async (startDate, code) => {
      const res = await api.request('POST', '/api/persons/me/resume', {
        token: person.token,
        body: { startDate, organisation: '西宁燃气有限公司' },
      });
      expectInvalid(res, 'startDate', code);
    });

    it('should refuse a contract start in year 0000 with 400', async () => {
      const res = await api.request('POST', '/api/enterprises/me/employments', {
        token: enterprise.token,
        body: {
          idNumber: newIdNumber(),
          name: '张三',
          contractStart: '0000-01-01',
          contractEnd: '9999-12-31',
          commitmentAccepted: true,
          contractFile: { name: 'a.pdf', mime: 'application/pdf', contentBase64: 'JVBERg==' },
        },
      });
      expectInvalid(res, 'contractStart', 'range');
      expectInvalid(res, 'contractEnd', 'range');
      expect(res.body.errors.find((e: { field: string }) => e.field === 'contractStart')).toEqual({
        field: 'contractStart',
        code: 'range',
        message: '劳动合同开始日期应不早于1900-01-01',
      });
    });
  });

  describe('sizes', () => {
    it('should answer 300,000 wrong categories with 400 listing at most 20 field errors', async () => {
      const res = await api.request('POST', '/api/enterprises/me/category-registrations', {
        token: enterprise.token,
        body: { categories: new Array(300_000).fill(0) },
      });
      expectInvalid(res, 'categories', 'too-many');
      expect(res.body.errors.length).toBeLessThanOrEqual(20);
    });

    it('should answer 50,000 NUL strings with 400 listing at most 20 field errors', async () => {
      const res = await api.request('POST', '/api/enterprises/me/category-registrations', {
        token: enterprise.token,
        body: { categories: new Array(50_000).fill('\u0000') },
      });
      expectInvalid(res, 'categories.0', 'invalid-character');
      expect(res.body.errors).toHaveLength(20);
    });

    it('should refuse a deeply nested body with 400 instead of overflowing the stack', async () => {
      const depth = 100_000;
      const res = await api.request('PATCH', '/api/persons/me', {
        token: person.token,
        raw: `{"phone":${'['.repeat(depth)}"\\u0000"${']'.repeat(depth)}}`,
        contentType: 'application/json',
      });
      expect(res.status).toBe(400);
      expect(res.type).toContain('application/problem+json');
    });

    it('should refuse a 100,000-character name with 400 too-long', async () => {
      const res = await api.request('POST', '/api/persons', {
        body: { name: '张'.repeat(100_000), idNumber: newIdNumber(), password: PASSWORD },
      });
      expectInvalid(res, 'name', 'too-long');
    });
  });

  describe('query strings and paths', () => {
    it.each([
      ['a repeated parameter', '?category=a&category=b', 'category', 'type'],
      ['a bracketed parameter', '?category[x]=1', 'category[x]', 'unknown-field'],
      ['an array parameter', '?unread[]=true', 'unread[]', 'unknown-field'],
    ])('should refuse %s with 400', async (_, query, field, code) => {
      const res = await api.request('GET', `/api/messages${query}`, { token: person.token });
      expectInvalid(res, field, code);
    });

    it.each([
      ['/api/verify/%E0%A4%A'],
      ['/api/verify/%ED%A0%80'],
      ['/api/certificates/%ZZ'],
      ['/api/persons/me/resume/%E0%A4%A'],
    ])('should refuse malformed percent-encoding in %s with 400 malformed-path', async (path) => {
      const res = await api.request('GET', path, { token: person.token });
      expectProblem(res, 400, 'malformed-path');
    });

    it.each([['99999999999999999999'], ['-1'], ['0'], ['1e3']])(
      'should refuse the id %s with 400',
      async (id) => {
        const res = await api.request('GET', `/api/persons/me/resume/${id}`, {
          token: person.token,
        });
        expectInvalid(res, 'id', id.length > 18 ? 'too-long' : 'pattern');
      },
    );
  });
});
