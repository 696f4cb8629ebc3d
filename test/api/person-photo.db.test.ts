import sharp from 'sharp';
import { samplePhotoPng } from '../documents/certificate-fixture';
import { ApiHarness, expectProblem, registeredPerson, startApi } from './api-harness';
import { image } from './use-cases/sample-files';

describe('api/persons - ID photo', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.stop());

  const photoRow = (personId: string) =>
    api.t.db('persons').where({ id: personId }).first('photo', 'photo_mime');

  it.each([
    ['image/png', async () => samplePhotoPng()],
    ['image/jpeg', () => image(600, 800, 'jpeg')],
    ['image/webp', () => image(358, 441, 'webp')],
  ])('should store a %s photo as the JPEG the certificate prints', async (mime, bytes) => {
    // given
    const me = await registeredPerson(api);
    // when
    const put = await api.request('PUT', '/api/persons/me/photo', {
      token: me.token,
      raw: await bytes(),
      contentType: mime,
    });
    const got = await api.request('GET', '/api/persons/me/photo', { token: me.token });
    // then
    expect(put.status).toBe(200);
    expect(got.status).toBe(200);
    expect(got.type).toBe('image/jpeg');
    expect(put.body).toEqual({
      mime: 'image/jpeg',
      size: got.body.length,
      width: 413,
      height: 578,
    });
    expect(await sharp(got.body).metadata()).toMatchObject({
      format: 'jpeg',
      width: 413,
      height: 578,
    });
    const profile = await api.request('GET', '/api/persons/me', { token: me.token });
    expect(profile.body.hasPhoto).toBe(true);
  });

  it('should refuse a 3-byte "JPEG" at upload and store no photo', async () => {
    // given
    const me = await registeredPerson(api);
    // when
    const res = await api.request('PUT', '/api/persons/me/photo', {
      token: me.token,
      raw: Buffer.from([0xff, 0xd8, 0xff]),
      contentType: 'image/jpeg',
    });
    // then
    expectProblem(res, 422, 'photo-unreadable');
    expect(await photoRow(me.personId)).toEqual({ photo: null, photo_mime: null });
    const profile = await api.request('GET', '/api/persons/me', { token: me.token });
    expect(profile.body.hasPhoto).toBe(false);
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
      bytes: async () => Buffer.concat([await image(600, 800), Buffer.alloc(2 * 1024 * 1024)]),
      mime: 'image/jpeg',
      status: 413,
      code: 'photo-too-large',
    },
    {
      case: 'a PDF',
      bytes: async () => Buffer.from('%PDF-1.4 ...'),
      mime: 'application/pdf',
      status: 415,
      code: 'photo-unsupported-type',
    },
    {
      case: 'text declared as PNG',
      bytes: async () => Buffer.from('hello, not an image'),
      mime: 'image/png',
      status: 422,
      code: 'photo-unreadable',
    },
    {
      case: 'a truncated JPEG',
      bytes: async () => (await image(600, 800)).subarray(0, 5000),
      mime: 'image/jpeg',
      status: 422,
      code: 'photo-unreadable',
    },
    {
      case: 'a PNG declared as JPEG',
      bytes: async () => samplePhotoPng(),
      mime: 'image/jpeg',
      status: 415,
      code: 'photo-wrong-format',
    },
    {
      case: 'a GIF',
      bytes: async () => Buffer.from('GIF89a....'),
      mime: 'image/gif',
      status: 415,
      code: 'photo-unsupported-type',
    },
    {
      case: 'a thumbnail',
      bytes: () => image(120, 160, 'png'),
      mime: 'image/png',
      status: 422,
      code: 'photo-too-small',
    },
    {
      case: 'landscape',
      bytes: () => image(800, 600),
      mime: 'image/jpeg',
      status: 422,
      code: 'photo-wrong-shape',
    },
    {
      case: 'empty',
      bytes: async () => Buffer.alloc(0),
      mime: 'image/png',
      status: 400,
      code: 'photo-empty',
    },
  ])(
    'should refuse a photo that is $case and store nothing',
    async ({ bytes, mime, status, code }) => {
      // given
      const me = await registeredPerson(api);
      // when
      const res = await api.request('PUT', '/api/persons/me/photo', {
        token: me.token,
        raw: await bytes(),
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
      raw: samplePhotoPng(),
      contentType: 'image/png',
    });
    const before = await photoRow(me.personId);
    const bad = await api.request('PUT', '/api/persons/me/photo', {
      token: me.token,
      raw: 'junk',
      contentType: 'image/png',
    });
    expectProblem(bad, 422, 'photo-unreadable');
    expect(await photoRow(me.personId)).toEqual(before);
    expect(before.photo_mime).toBe('image/jpeg');
  });

  it('should not let anyone but a person upload', async () => {
    const res = await api.request('PUT', '/api/persons/me/photo', {
      raw: samplePhotoPng(),
      contentType: 'image/png',
    });
    expectProblem(res, 401, 'unauthenticated');
  });
});
