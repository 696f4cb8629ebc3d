import sharp from 'sharp';
import { PDFDocument } from 'pdf-lib';
import { AppError } from '../../../api/app-error';
import {
  PHOTO_LIMITS,
  checkContractFile,
  normaliseIdPhoto,
  sniffFileType,
} from '../../../api/use-cases/uploaded-files';
import { renderCertificatePdf } from '../../../documents/certificate-pdf';
import { sampleCertificate, samplePhotoPng } from '../../documents/certificate-fixture';
import { inspectPdf } from '../../documents/pdf-inspect';
import { SVG, image, minimalPdf, pngClaiming } from './sample-files';

/** The AppError a promise rejects with, or a failure when it resolves. */
async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string }> {
  const error = await promise.then(
    () => new Error('expected a refusal'),
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw error;
  expect(error.detail).toMatch(/[\u4e00-\u9fff]/);
  return { status: error.status, code: error.code };
}

const half = (b: Buffer) => b.subarray(0, Math.floor(b.length / 2));

describe('api/use-cases/uploaded-files - sniffing', () => {
  it.each([
    ['a JPEG', () => image(10, 10, 'jpeg'), 'image/jpeg'],
    ['a PNG', () => image(10, 10, 'png'), 'image/png'],
    ['a WebP', () => image(10, 10, 'webp'), 'image/webp'],
    ['a GIF', () => image(10, 10, 'gif'), 'image/gif'],
    ['a PDF', async () => minimalPdf(), 'application/pdf'],
    ['an SVG', async () => SVG, undefined],
    ['text', async () => Buffer.from('hello'), undefined],
  ])('should tell %s by its magic bytes', async (_, bytes, type) => {
    expect(sniffFileType(await bytes())).toBe(type);
  });
});

describe('api/use-cases/uploaded-files - ID photos', () => {
  it.each([
    { case: 'a 600×800 JPEG', mime: 'image/jpeg', bytes: () => image(600, 800, 'jpeg') },
    { case: 'a 一寸 PNG', mime: 'image/png', bytes: () => image(295, 413, 'png') },
    { case: 'a 小二寸 WebP', mime: 'image/webp', bytes: () => image(358, 441, 'webp') },
    { case: 'the sample ID photo', mime: 'image/png', bytes: async () => samplePhotoPng() },
  ])('should accept $case and normalise it to the printed JPEG', async (c) => {
    // when
    const photo = await normaliseIdPhoto(await c.bytes(), c.mime);
    // then
    const meta = await sharp(photo.data).metadata();
    expect(photo).toMatchObject({ mime: 'image/jpeg', width: 413, height: 578 });
    expect(meta).toMatchObject({ format: 'jpeg', width: 413, height: 578, space: 'srgb' });
    expect(meta.exif).toBeUndefined();
    expect(meta.hasAlpha).toBe(false);
  });

  it('should turn a photo upright by its EXIF orientation and drop the metadata', async () => {
    // given a landscape-stored 800×600 JPEG that EXIF says to rotate by 90°
    const sideways = await sharp(await image(800, 600, 'jpeg'))
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    // when
    const photo = await normaliseIdPhoto(sideways, 'image/jpeg');
    // then
    const meta = await sharp(photo.data).metadata();
    expect([meta.width, meta.height, meta.orientation, meta.exif]).toEqual([
      413,
      578,
      undefined,
      undefined,
    ]);
  });

  it('should print a transparent PNG on white', async () => {
    const clear = await sharp({
      create: { width: 300, height: 420, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const photo = await normaliseIdPhoto(clear, 'image/png');
    const { channels } = await sharp(photo.data).stats();
    expect(channels.map((c) => Math.round(c.mean))).toEqual([255, 255, 255]);
  });

  it.each([
    { case: 'the 3 bytes ff d8 ff', bytes: async () => Buffer.from([0xff, 0xd8, 0xff]) },
    { case: 'a truncated JPEG', bytes: async () => half(await image(600, 800, 'jpeg')) },
    {
      case: 'a truncated PNG',
      bytes: async () => half(await image(600, 800, 'png')),
      mime: 'image/png',
    },
    {
      case: 'a PNG header only',
      bytes: async () => (await image(600, 800, 'png')).subarray(0, 33),
      mime: 'image/png',
    },
    { case: 'text', bytes: async () => Buffer.from('hello, not an image'), mime: 'image/png' },
    { case: 'an SVG', bytes: async () => SVG, mime: 'image/png' },
  ])('should refuse $case as unreadable', async ({ bytes, mime = 'image/jpeg' }) => {
    expect(await refusal(normaliseIdPhoto(await bytes(), mime))).toEqual({
      status: 422,
      code: 'photo-unreadable',
    });
  });

  it.each([
    { case: 'a GIF declared as JPEG', bytes: () => image(30, 40, 'gif'), mime: 'image/jpeg' },
    { case: 'a PNG declared as JPEG', bytes: () => image(300, 400, 'png'), mime: 'image/jpeg' },
    { case: 'a JPEG declared as PNG', bytes: () => image(300, 400, 'jpeg'), mime: 'image/png' },
    { case: 'a PDF declared as PNG', bytes: async () => minimalPdf(), mime: 'image/png' },
  ])('should refuse $case as the wrong format', async ({ bytes, mime }) => {
    expect(await refusal(normaliseIdPhoto(await bytes(), mime))).toEqual({
      status: 415,
      code: 'photo-wrong-format',
    });
  });

  it.each([
    {
      case: 'a huge-dimension PNG header',
      bytes: () => pngClaiming(100_000, 100_000),
      code: 'photo-too-many-pixels',
    },
    { case: 'a 24×17 thumbnail', bytes: () => image(24, 17, 'png'), code: 'photo-too-small' },
    {
      case: 'one pixel below the minimum width',
      bytes: () => image(PHOTO_LIMITS.minWidth - 1, 400, 'png'),
      code: 'photo-too-small',
    },
    { case: 'square', bytes: () => image(600, 600, 'png'), code: 'photo-wrong-shape' },
    { case: 'landscape', bytes: () => image(800, 600, 'png'), code: 'photo-wrong-shape' },
    {
      case: 'a 9:16 phone screen',
      bytes: () => image(720, 1280, 'png'),
      code: 'photo-wrong-shape',
    },
  ])('should refuse $case', async ({ bytes, code }) => {
    expect(await refusal(normaliseIdPhoto(await bytes(), 'image/png'))).toEqual({
      status: 422,
      code,
    });
  });

  it('should accept the smallest photo it allows', async () => {
    const { minWidth, minHeight } = PHOTO_LIMITS;
    const photo = await normaliseIdPhoto(await image(minWidth, minHeight, 'png'), 'image/png');
    expect([photo.width, photo.height]).toEqual([413, 578]);
  });

  it('should give a photo the certificate prints', async () => {
    // given
    const photo = await normaliseIdPhoto(samplePhotoPng(), 'image/png');
    // when
    const pdf = await inspectPdf(
      await renderCertificatePdf(sampleCertificate({ photo: photo.data })),
    );
    // then
    expect(pdf.images).toEqual([{ filter: 'DCTDecode' }]);
  });
});

describe('api/use-cases/uploaded-files - labour contracts', () => {
  const realPdf = async () => {
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]);
    return Buffer.from(await doc.save());
  };

  it.each([
    {
      case: 'a hand-written one-page PDF',
      bytes: async () => minimalPdf(),
      mime: 'application/pdf',
    },
    { case: 'a PDF written by pdf-lib', bytes: realPdf, mime: 'application/pdf' },
    { case: 'a scanned JPEG', bytes: () => image(1240, 1754, 'jpeg'), mime: 'image/jpeg' },
    { case: 'a PNG', bytes: () => image(620, 877, 'png'), mime: 'image/png' },
  ])('should accept $case', async ({ bytes, mime }) => {
    await expect(checkContractFile(await bytes(), mime)).resolves.toBeUndefined();
  });

  it.each([
    {
      case: 'text named .pdf',
      bytes: async () => Buffer.from('labour contract'),
      mime: 'application/pdf',
    },
    {
      case: 'a PDF header and nothing else',
      bytes: async () => Buffer.from('%PDF-1.4 labour contract'),
      mime: 'application/pdf',
    },
    { case: 'a truncated PDF', bytes: async () => half(minimalPdf()), mime: 'application/pdf' },
    {
      case: 'the 3 bytes ff d8 ff',
      bytes: async () => Buffer.from([0xff, 0xd8, 0xff]),
      mime: 'image/jpeg',
    },
    {
      case: 'a truncated JPEG',
      bytes: async () => half(await image(600, 800, 'jpeg')),
      mime: 'image/jpeg',
    },
    {
      case: 'a PNG header only',
      bytes: async () => (await image(600, 800, 'png')).subarray(0, 33),
      mime: 'image/png',
    },
    {
      case: 'a huge-dimension PNG header',
      bytes: () => pngClaiming(100_000, 100_000),
      mime: 'image/png',
    },
    { case: 'an SVG', bytes: async () => SVG, mime: 'image/png' },
  ])('should refuse $case as unreadable', async ({ bytes, mime }) => {
    expect(await refusal(checkContractFile(await bytes(), mime))).toEqual({
      status: 422,
      code: 'contract-unreadable',
    });
  });

  it.each([
    {
      case: 'a JPEG declared as PDF',
      bytes: () => image(600, 800, 'jpeg'),
      mime: 'application/pdf',
    },
    { case: 'a PDF declared as PNG', bytes: async () => minimalPdf(), mime: 'image/png' },
    { case: 'a GIF declared as JPEG', bytes: () => image(30, 40, 'gif'), mime: 'image/jpeg' },
  ])('should refuse $case as the wrong format', async ({ bytes, mime }) => {
    expect(await refusal(checkContractFile(await bytes(), mime))).toEqual({
      status: 422,
      code: 'contract-wrong-format',
    });
  });
});
