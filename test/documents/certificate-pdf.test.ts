import jsQR from 'jsqr';
import {
  CERTIFICATE_TITLE,
  QR_CAPTION,
  certificateRows,
  formatChineseDate,
  renderCertificatePdf,
} from '../../documents/certificate-pdf';
import { CJK_FONT_NAME } from '../../documents/cjk-font';
import { verificationQrMatrix } from '../../documents/verification-qr';
import { TINY_JPEG, sampleCertificate, samplePhotoPng } from './certificate-fixture';
import { InspectedPdf, Rect, inspectPdf } from './pdf-inspect';

/** Paints rectangles black on white at `scale` px/pt and reads a QR code from the picture. */
function decodeQr(rects: Rect[], scale = 2): string | null {
  const left = Math.min(...rects.map((r) => r.x)) - 10;
  const top = Math.min(...rects.map((r) => r.y)) - 10;
  const width = Math.ceil((Math.max(...rects.map((r) => r.x + r.width)) - left + 10) * scale);
  const height = Math.ceil((Math.max(...rects.map((r) => r.y + r.height)) - top + 10) * scale);
  const pixels = new Uint8ClampedArray(width * height * 4).fill(255);
  for (const r of rects) {
    for (
      let y = Math.round((r.y - top) * scale);
      y < Math.round((r.y + r.height - top) * scale);
      y++
    ) {
      for (
        let x = Math.round((r.x - left) * scale);
        x < Math.round((r.x + r.width - left) * scale);
        x++
      ) {
        pixels.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
      }
    }
  }
  return jsQR(pixels, width, height)?.data ?? null;
}

describe('documents/certificate-pdf - formatting', () => {
  it.each([
    ['2026-11-25', '2026年11月25日'],
    ['2029-05-24', '2029年5月24日'],
    ['2028-02-29', '2028年2月29日'],
  ])('should print %s as %s', (date, printed) => {
    expect(formatChineseDate(date)).toBe(printed);
  });

  it('should reject a date that is not YYYY-MM-DD', () => {
    expect(() => formatChineseDate('2026/11/25')).toThrow(RangeError);
  });

  it.each([
    ['A', '企业主要负责人', false],
    ['B', '安全生产管理人员', false],
    ['C', '运行、维护和抢修人员', true],
  ] as const)('should print the job type row for type %s: %s', (type, typeName, hasJobType) => {
    // given
    const input = sampleCertificate({
      type,
      typeName,
      jobTypeName: hasJobType ? '燃气管网工' : null,
    });
    // when
    const labels = certificateRows(input).map(([label]) => label.replace(/\u3000/g, ''));
    // then
    expect(labels.includes('工种')).toBe(hasJobType);
    expect(certificateRows(input)).toContainEqual(['证书类别', `${typeName}（${type}类）`]);
  });
});

describe('documents/certificate-pdf - the rendered PDF', () => {
  const unitName =
    '青海省西宁市城东区某某天然气综合利用开发建设投资集团股份有限公司第二分公司城南营业部';
  let withPng: Buffer;
  let withoutPhoto: Buffer;
  let pdf: InspectedPdf;
  let jpegLongUnit: InspectedPdf;
  let placeholder: InspectedPdf;

  // Each render subsets the CJK font (~0.2 s), so the cases share three documents.
  beforeAll(async () => {
    withPng = await renderCertificatePdf(sampleCertificate({ photo: samplePhotoPng() }));
    withoutPhoto = await renderCertificatePdf(sampleCertificate({ photo: null }));
    const jpeg = await renderCertificatePdf(sampleCertificate({ photo: TINY_JPEG, unitName }));
    [pdf, placeholder, jpegLongUnit] = await Promise.all(
      [withPng, withoutPhoto, jpeg].map((bytes) => inspectPdf(bytes)),
    );
  });

  it('should be a one-page PDF of a sane size', () => {
    expect(withPng.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(withPng.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
    expect(pdf.pageCount).toBe(1);
    // Subset fonts keep it far below the 8 MB font files.
    expect(withoutPhoto.length).toBeGreaterThan(20_000);
    expect(withoutPhoto.length).toBeLessThan(300_000);
  });

  it('should embed a subset of the packaged CJK font and no other font', () => {
    expect(pdf.fonts).toEqual([
      {
        baseFont: expect.stringMatching(new RegExp(`^[A-Z]{6}\\+${CJK_FONT_NAME}$`)),
        fontFile: 'FontFile3',
      },
    ]);
  });

  it('should carry every field as extractable Chinese text', () => {
    expect(pdf.text.split('\n')).toEqual(
      expect.arrayContaining([
        CERTIFICATE_TITLE,
        '证书编号：青C042026000124',
        '张晓燕',
        '女',
        '630102199001011527',
        '运行、维护和抢修人员（C类）',
        '燃气管网工',
        '西宁中油燃气有限责任公司',
        '2026年11月25日 至 2031年11月24日',
        '2029年5月24日',
        '发证机关：青海省住房和城乡建设厅',
        '发证日期：2026年11月25日',
        QR_CAPTION,
        'https://cert.example.cn/api/verify/Zq3xN8vK2pLr7TfW9sYc4HbM',
      ]),
    );
  });

  it('should draw a QR code that decodes to the verification URL', () => {
    expect(decodeQr(pdf.blackRects)).toBe(sampleCertificate().verificationUrl);
  });

  it('should embed the photo when one is given and draw a placeholder otherwise', () => {
    expect(pdf.images).toHaveLength(1);
    expect(jpegLongUnit.images).toEqual([{ filter: 'DCTDecode' }]);
    expect(placeholder.images).toHaveLength(0);
    expect(placeholder.text.split('\n')).toContain('照片');
  });

  it('should wrap a long unit name instead of cutting it', () => {
    expect(jpegLongUnit.pageCount).toBe(1);
    expect(jpegLongUnit.text.replace(/\n/g, '')).toContain(unitName);
  });

  it('should refuse a photo that is neither JPEG nor PNG', async () => {
    await expect(
      renderCertificatePdf(sampleCertificate({ photo: Buffer.from('GIF89a') })),
    ).rejects.toThrow(TypeError);
  });
});

describe('documents/verification-qr - symbol', () => {
  it.each([
    'https://cert.example.cn/api/verify/Zq3xN8vK2pLr7TfW9sYc4HbM',
    'http://127.0.0.1:3000/api/verify/0123456789abcdefABCDEF-_',
  ])('should encode %s', (url) => {
    // given
    const matrix = verificationQrMatrix(url);
    const rects: Rect[] = [];
    for (let row = 0; row < matrix.size; row++) {
      for (let col = 0; col < matrix.size; col++) {
        if (matrix.isDark(row, col)) rects.push({ x: col * 4, y: row * 4, width: 4, height: 4 });
      }
    }
    // then
    expect(decodeQr(rects, 1)).toBe(url);
  });
});
