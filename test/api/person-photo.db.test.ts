import { ApiHarness, expectProblem, registeredPerson, startApi } from './api-harness';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR fake but signed'),
]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1000, 7)]);

describe('api/persons - ID photo', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.stop());

  const photoRow = (personId: string) =>
    api.t.db('persons').where({ id: personId }).first('photo', 'photo_mime');

  it.each([
    ['image/png', PNG],
    ['image/jpeg', JPEG],
  ])('should store a %s photo and give it back', async (mime, bytes) => {
    // given
    const me = await registeredPerson(api);
    // when
    const put = await api.request('PUT', '/api/persons/me/photo', {
      token: me.token,
      raw: bytes,
      contentType: mime,
    });
    const got = await api.request('GET', '/api/persons/me/photo', { token: me.token });
    // then
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ mime, size: bytes.length });
    expect(got.status).toBe(200);
    expect(got.type).toBe(mime);
    expect(Buffer.compare(got.body, bytes)).toBe(0);
    const profile = await api.request('GET', '/api/persons/me', { token: me.token });
    expect(profile.body.hasPhoto).toBe(true);
  });

  it('should answer 404 for the photo before one is uploaded', async () => {
    const me = await registeredPerson(api);
    expectProblem(
      await api.request('GET', '/api/persons/me/photo', { token: me.token }),
      404,
      'not-found',
    );
  });

  it.each([
    {
      case: 'larger than 2 MB',
      bytes: Buffer.concat([JPEG, Buffer.alloc(2 * 1024 * 1024)]),
      mime: 'image/jpeg',
      status: 413,
      code: 'photo-too-large',
    },
    {
      case: 'a PDF',
      bytes: Buffer.from('%PDF-1.4 ...'),
      mime: 'application/pdf',
      status: 415,
      code: 'photo-unsupported-type',
    },
    {
      case: 'text declared as PNG',
      bytes: Buffer.from('hello, not an image'),
      mime: 'image/png',
      status: 400,
      code: 'photo-not-image',
    },
    {
      case: 'a PNG declared as JPEG',
      bytes: PNG,
      mime: 'image/jpeg',
      status: 400,
      code: 'photo-not-image',
    },
    {
      case: 'a GIF',
      bytes: Buffer.from('GIF89a....'),
      mime: 'image/gif',
      status: 415,
      code: 'photo-unsupported-type',
    },
    { case: 'empty', bytes: Buffer.alloc(0), mime: 'image/png', status: 400, code: 'photo-empty' },
  ])(
    'should refuse a photo that is $case and store nothing',
    async ({ bytes, mime, status, code }) => {
      // given
      const me = await registeredPerson(api);
      // when
      const res = await api.request('PUT', '/api/persons/me/photo', {
        token: me.token,
        raw: bytes,
        contentType: mime,
      });
      // then
      expectProblem(res, status, code);
      expect(await photoRow(me.personId)).toEqual({ photo: null, photo_mime: null });
    },
  );

  it('should keep the previous photo when a bad one is sent', async () => {
    const me = await registeredPerson(api);
    await api.request('PUT', '/api/persons/me/photo', {
      token: me.token,
      raw: PNG,
      contentType: 'image/png',
    });
    await api.request('PUT', '/api/persons/me/photo', {
      token: me.token,
      raw: 'junk',
      contentType: 'image/png',
    });
    expect((await photoRow(me.personId)).photo_mime).toBe('image/png');
  });

  it('should not let anyone but a person upload', async () => {
    const res = await api.request('PUT', '/api/persons/me/photo', {
      raw: PNG,
      contentType: 'image/png',
    });
    expectProblem(res, 401, 'unauthenticated');
  });
});
