import { renderCertificatePdf } from '../../documents/certificate-pdf';
import { PdfPool, pdfThreadCount } from '../../documents/pdf-pool';
import { TINY_JPEG, sampleCertificate, samplePhotoPng } from './certificate-fixture';
import { inspectPdf } from './pdf-inspect';

/** The bytes without what differs between two renderings of the same input: the time and ID. */
function timeless(pdf: Buffer): string {
  return pdf
    .toString('latin1')
    .replace(/\(D:\d{14}Z\)/g, '(D:)')
    .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/, '/ID []');
}

describe('documents/pdf-pool - thread count', () => {
  it.each([
    ['4', 4],
    ['0', 0],
    [' 2 ', 2],
  ])('should take PDF_THREADS=%j as %d threads', (value, threads) => {
    expect(pdfThreadCount({ PDF_THREADS: value })).toBe(threads);
  });

  it('should default to the cores but one, at least one', () => {
    expect(pdfThreadCount({})).toBeGreaterThanOrEqual(1);
  });

  it.each(['-1', '1.5', 'many'])('should refuse PDF_THREADS=%j', (value) => {
    expect(() => pdfThreadCount({ PDF_THREADS: value })).toThrow(/PDF_THREADS/);
  });
});

describe('documents/pdf-pool - rendering on worker threads', () => {
  const pool = new PdfPool(2);
  afterAll(() => pool.close());

  it('should render the same PDFs on worker threads as on the calling thread', async () => {
    // given
    const inputs = [
      sampleCertificate({ photo: samplePhotoPng() }),
      sampleCertificate({
        photo: TINY_JPEG,
        holderName: '欧阳龘',
        certificateNumber: '青A0120260001',
      }),
    ];
    // when: both at once, one per thread
    const pooled = await Promise.all(inputs.map((input) => pool.render(input)));
    const inThread = await Promise.all(inputs.map((input) => renderCertificatePdf(input)));
    // then
    for (const [index, pdf] of pooled.entries()) {
      expect(Buffer.isBuffer(pdf)).toBe(true);
      expect(pdf.length).toBe(inThread[index].length);
      expect(timeless(pdf)).toBe(timeless(inThread[index]));
      const inspected = await inspectPdf(pdf);
      expect(inspected.pageCount).toBe(1);
      expect(inspected.text).toContain(inputs[index].holderName);
    }
  });

  it('should reject with the renderer’s error, and keep rendering after it', async () => {
    await expect(pool.render(sampleCertificate({ photo: Buffer.from('GIF89a') }))).rejects.toThrow(
      'Certificate photo must be a JPEG or PNG image',
    );
    const pdf = await pool.render(sampleCertificate());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('should render on the calling thread with zero threads', async () => {
    const inline = new PdfPool(0);
    const pdf = await inline.render(sampleCertificate());
    expect(timeless(pdf)).toBe(timeless(await renderCertificatePdf(sampleCertificate())));
    await inline.close();
  });
});
