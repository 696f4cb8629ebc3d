/**
 * Certificate numbers (SPEC §5.3, [decision]):
 *   A/B `青{categories}{type}{year}{serial}` e.g. `青GPB2024000123` (categories in G P J T order),
 *   C   `青C{jobType}{year}{serial}`        e.g. `青C042024000124` (no category segment).
 * Year is the first issue year; serial is a 6-digit province-wide sequence.
 */
import { CategoryCode, JobTypeCode, isJobTypeCode, sortCategories } from './categories';
import { DomainResult, failure, success } from './result';

/** Province mark of numbers issued in Qinghai. */
export const PROVINCE_PREFIX = '青';
export const SERIAL_MAX = 999_999;

export type CertificateNumberParts =
  | { type: 'A' | 'B'; categories: CategoryCode[]; year: number; serial: number }
  | { type: 'C'; jobType: JobTypeCode; year: number; serial: number };

const AB_PATTERN = /^青([GPJT]+)([AB])(\d{4})(\d{6})$/;
const C_PATTERN = /^青C(\d{2})(\d{4})(\d{6})$/;

function checkYearAndSerial(year: number, serial: number): void {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new RangeError(`Certificate year must have 4 digits: ${year}`);
  }
  if (!Number.isInteger(serial) || serial < 1 || serial > SERIAL_MAX) {
    throw new RangeError(`Certificate serial must be 1..${SERIAL_MAX}: ${serial}`);
  }
}

export function formatCertificateNumber(parts: CertificateNumberParts): string {
  checkYearAndSerial(parts.year, parts.serial);
  const tail = `${parts.year}${String(parts.serial).padStart(6, '0')}`;
  if (parts.type === 'C') {
    if (!isJobTypeCode(parts.jobType)) throw new RangeError(`Unknown job type: ${parts.jobType}`);
    return `${PROVINCE_PREFIX}C${parts.jobType}${tail}`;
  }
  const categories = sortCategories(parts.categories).join('');
  if (categories.length === 0) throw new RangeError('A/B certificate numbers need a category');
  return `${PROVINCE_PREFIX}${categories}${parts.type}${tail}`;
}

export function parseCertificateNumber(input: string): DomainResult<CertificateNumberParts> {
  if (typeof input !== 'string' || input.length === 0) {
    return failure('certificate-number-empty', '证书编号不能为空');
  }
  if (!input.startsWith(PROVINCE_PREFIX)) {
    return failure(
      'certificate-number-province',
      `证书编号“${input}”不是本省证书编号（应以“青”开头）`,
    );
  }
  const c = C_PATTERN.exec(input);
  if (c) {
    if (!isJobTypeCode(c[1])) {
      return failure('certificate-number-job-type', `证书编号“${input}”中的工种代码${c[1]}不存在`);
    }
    const serial = Number(c[3]);
    if (serial === 0) return badSerial(input);
    return success({ type: 'C', jobType: c[1], year: Number(c[2]), serial });
  }
  const ab = AB_PATTERN.exec(input);
  if (ab) {
    const categories = [...ab[1]] as CategoryCode[];
    if (sortCategories(categories).join('') !== ab[1]) {
      return failure(
        'certificate-number-categories',
        `证书编号“${input}”中的经营类别“${ab[1]}”重复或未按G、P、J、T顺序排列`,
      );
    }
    const serial = Number(ab[4]);
    if (serial === 0) return badSerial(input);
    return success({ type: ab[2] as 'A' | 'B', categories, year: Number(ab[3]), serial });
  }
  return failure(
    'certificate-number-format',
    `证书编号“${input}”格式不正确，应为“青+经营类别+证书类型(A/B)+4位年份+6位序号”或“青C+2位工种代码+4位年份+6位序号”`,
  );
}

function badSerial(input: string): DomainResult<never> {
  return failure('certificate-number-serial', `证书编号“${input}”的序号不能为000000`);
}

/**
 * The number of an A/B certificate after its unit's categories changed: only the category
 * segment changes (SPEC §4). C numbers carry no category and come back unchanged.
 */
export function resegment(number: string, newCategories: readonly CategoryCode[]): string {
  const parsed = parseCertificateNumber(number);
  if (!parsed.ok)
    throw new RangeError(`Cannot resegment ${JSON.stringify(number)}: ${parsed.code}`);
  const parts = parsed.value;
  if (parts.type === 'C') return number;
  return formatCertificateNumber({ ...parts, categories: sortCategories(newCategories) });
}

/** Issued by this province (the `cert-in-province` check). */
export function isProvinceNumber(number: string): boolean {
  return number.startsWith(PROVINCE_PREFIX);
}
