import { ApiHarness, startApi } from '../api-harness';

const REQUIRED_PATHS = [
  'post /api/auth/token',
  'post /api/persons',
  'get /api/persons/me',
  'patch /api/persons/me',
  'put /api/persons/me/photo',
  'get /api/persons/me/resume',
  'post /api/persons/me/resume',
  'patch /api/persons/me/resume/{id}',
  'delete /api/persons/me/resume/{id}',
  'get /api/persons/me/employments',
  'get /api/persons/me/certificates',
  'post /api/enterprises',
  'get /api/enterprises/me',
  'get /api/enterprises/me/staff',
  'get /api/enterprises/me/certificates',
  'post /api/enterprises/me/api-keys',
  'get /api/messages',
  'post /api/messages/{id}/read',
  'get /api/certificates/{id}',
  'get /api/verify/{token}',
];

describe('api/openapi - document and docs page', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.stop());

  it('should serve an OpenAPI 3.1 document listing every operation with its schemas', async () => {
    // when
    const res = await api.request('GET', '/openapi.json');
    // then
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const ops = Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`),
    );
    expect(ops).toEqual(expect.arrayContaining(REQUIRED_PATHS));
    const register = res.body.paths['/api/persons'].post;
    expect(register.requestBody.content['application/json'].schema).toMatchObject({
      required: ['name', 'idNumber', 'password'],
      additionalProperties: false,
      properties: { idNumber: { 'x-id-number': true } },
    });
    expect(register.security).toEqual([]);
    expect(res.body.paths['/api/persons/me'].get.security).toEqual([{ bearerAuth: [] }]);
    expect(res.body.paths['/api/persons/me/photo'].put.requestBody.content).toHaveProperty(
      'image/png',
    );
    expect(
      res.body.paths['/api/enterprises/me/api-keys'].post.responses['400'].content,
    ).toHaveProperty('application/problem+json');
  });

  it('should serve a self-contained docs page that loads the document from this server', async () => {
    const res = await api.request('GET', '/docs');
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/html');
    expect(res.body).toContain("fetch('/openapi.json')");
    expect(res.body).not.toMatch(/<script[^>]+src=|<link[^>]+href=["']https?:/);
  });

  it('should answer unknown paths with a problem', async () => {
    const res = await api.request('GET', '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.type).toContain('application/problem+json');
  });
});
