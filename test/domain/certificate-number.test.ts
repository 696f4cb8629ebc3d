import {
  CertificateNumberParts,
  formatCertificateNumber,
  isProvinceNumber,
  parseCertificateNumber,
  resegment,
} from '../../domain/certificate-number';

describe('domain/certificate-number - certificate numbers', () => {
  it.each<[CertificateNumberParts, string]>([
    [{ type: 'B', categories: ['G', 'P'], year: 2024, serial: 123 }, '青GPB2024000123'],
    [{ type: 'A', categories: ['T'], year: 2025, serial: 1 }, '青TA2025000001'],
    [
      { type: 'A', categories: ['G', 'P', 'J', 'T'], year: 2024, serial: 999999 },
      '青GPJTA2024999999',
    ],
    [{ type: 'C', jobType: '04', year: 2024, serial: 124 }, '青C042024000124'],
    [{ type: 'C', jobType: '10', year: 2030, serial: 5 }, '青C102030000005'],
  ])('should format %j as %s and parse it back', (parts, number) => {
    // when
    const formatted = formatCertificateNumber(parts);
    // then
    expect(formatted).toBe(number);
    expect(parseCertificateNumber(formatted)).toEqual({ ok: true, value: parts });
  });

  it('should write the categories in the order G P J T whatever order they come in', () => {
    expect(
      formatCertificateNumber({ type: 'B', categories: ['T', 'J', 'G'], year: 2024, serial: 7 }),
    ).toBe('青GJTB2024000007');
  });

  it.each<[CertificateNumberParts]>([
    [{ type: 'A', categories: [], year: 2024, serial: 1 }],
    [{ type: 'B', categories: ['G'], year: 2024, serial: 0 }],
    [{ type: 'B', categories: ['G'], year: 2024, serial: 1_000_000 }],
    [{ type: 'B', categories: ['G'], year: 24, serial: 1 }],
    [{ type: 'C', jobType: '11' as never, year: 2024, serial: 1 }],
  ])('should refuse to format %j', (parts) => {
    expect(() => formatCertificateNumber(parts)).toThrow(RangeError);
  });

  it.each([
    ['', 'certificate-number-empty'],
    ['京GPB2024000123', 'certificate-number-province'],
    ['GPB2024000123', 'certificate-number-province'],
    ['青PGB2024000123', 'certificate-number-categories'],
    ['青GGB2024000123', 'certificate-number-categories'],
    ['青C112024000124', 'certificate-number-job-type'],
    ['青C002024000124', 'certificate-number-job-type'],
    ['青GB2024000000', 'certificate-number-serial'],
    ['青C042024000000', 'certificate-number-serial'],
    ['青B2024000123', 'certificate-number-format'],
    ['青GPC2024000123', 'certificate-number-format'],
    ['青GPB202400012', 'certificate-number-format'],
    ['青GPB20240001234', 'certificate-number-format'],
    ['青C4202400012', 'certificate-number-format'],
    ['青gpb2024000123', 'certificate-number-format'],
    ['青GPB2024000123 ', 'certificate-number-format'],
  ])('should reject %j with %s', (input, code) => {
    // when
    const result = parseCertificateNumber(input);
    // then
    expect(result).toMatchObject({ ok: false, code });
    expect(result.ok || result.message).toMatch(/证书编号/);
  });

  it.each([
    ['青GPB2024000123', ['G'], '青GB2024000123'],
    ['青GB2024000123', ['T', 'P', 'G'], '青GPTB2024000123'],
    ['青TA2025000001', ['J'], '青JA2025000001'],
    ['青GPB2024000123', ['P', 'G'], '青GPB2024000123'],
    ['青C042024000124', ['T'], '青C042024000124'],
  ] as const)('should resegment %s for categories %j as %s', (number, categories, expected) => {
    expect(resegment(number, categories)).toBe(expected);
  });

  it('should refuse to resegment a malformed number or to an empty category list', () => {
    expect(() => resegment('青XB2024000123', ['G'])).toThrow(RangeError);
    expect(() => resegment('青GB2024000123', [])).toThrow(RangeError);
  });

  it.each([
    ['青GPB2024000123', true],
    ['青C042024000124', true],
    ['川GPB2024000123', false],
    ['', false],
  ])('should say whether %j was issued in this province: %s', (number, ok) => {
    expect(isProvinceNumber(number)).toBe(ok);
  });
});
