/** Sample certificate data and a generated ID-style photo for the PDF tests and the docs sample. */
import { PNG } from 'pngjs';
import type { CertificatePdfInput } from '../../documents/certificate-pdf';

export function sampleCertificate(
  overrides: Partial<CertificatePdfInput> = {},
): CertificatePdfInput {
  return {
    holderName: '张晓燕',
    sex: 'F',
    idNumber: '630102199001011527',
    certificateNumber: '青C042026000124',
    type: 'C',
    typeName: '运行、维护和抢修人员',
    jobTypeName: '燃气管网工',
    unitName: '西宁中油燃气有限责任公司',
    firstIssueDate: '2026-11-25',
    validFrom: '2026-11-25',
    validUntil: '2031-11-24',
    ceDeadline: '2029-05-24',
    issuingAuthority: '青海省住房和城乡建设厅',
    photo: null,
    verificationUrl: 'https://cert.example.cn/api/verify/Zq3xN8vK2pLr7TfW9sYc4HbM',
    ...overrides,
  };
}

let cachedPhoto: Buffer | undefined;

/**
 * A 300×420 PNG in the style of an ID photo (blue backdrop, head and shoulders): the 5:7 of the
 * printed frame and above the upload's minimum size, so it passes the photo upload. Drawn once
 * per test file (drawing costs seconds under jest's instrumentation); a copy each call.
 */
export function samplePhotoPng(): Buffer {
  cachedPhoto ??= drawPhoto();
  return Buffer.from(cachedPhoto);
}

function drawPhoto(): Buffer {
  const width = 300;
  const height = 420;
  // The drawing was made at 210×294; scale it rather than redraw it.
  const s = width / 210;
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const head = ((x - 105 * s) / (52 * s)) ** 2 + ((y - 118 * s) / (64 * s)) ** 2 <= 1;
      const shoulders =
        y > 190 * s && ((x - 105 * s) / (100 * s)) ** 2 + ((y - 300 * s) / (105 * s)) ** 2 <= 1;
      const [r, g, b] = head ? [236, 200, 176] : shoulders ? [40, 48, 66] : [67, 142, 219];
      const i = (y * width + x) * 4;
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

/** A 24×17 baseline JPEG (774 bytes), made once with `pdftoppm -jpeg`. */
export const TINY_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEAAgACAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAARABgDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDoY8Os0kpuGP2mVMi7kUcO2OAcAAYFSLFEWIzc8f8AT9L/AI1YsrZJrOX5VVzcTHftyeJWqYWkg6OufUp/9esrM1lLV6nNPqYkvtSsEt7yI21s8iXH26VgSFBHH4+vait3U0+z6He+a8ePJkG7GMkg4H5nFFTI7MKuZO5wGsf8hm+/6+JP/QjVOiioe51x+FBRRRQUf//Z',
  'base64',
);
