/**
 * Resident ID numbers (居民身份证号码, GB 11643-1999): 6-digit address code, 8-digit birth date,
 * 3-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check char.
 */
import { CalendarDate, formatCalendarDate, isAfter, isRealDate } from './calendar-date';
import { DomainResult, failure, success } from './result';

export type Sex = 'M' | 'F';

export interface IdNumberInfo {
  /** Normalised: a lowercase `x` check char becomes `X`. */
  idNumber: string;
  birthDate: CalendarDate;
  sex: Sex;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check char of the first 17 digits (ISO 7064 MOD 11-2). */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idNumberCheckChar needs 17 digits');
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return CHECK_CHARS[sum % 11];
}

/** Validates an 18-char ID number; `today` (China) bounds the birth date. */
export function parseIdNumber(input: string, today: CalendarDate): DomainResult<IdNumberInfo> {
  if (typeof input !== 'string' || input.length === 0) {
    return failure('id-number-empty', '身份证号码不能为空');
  }
  if (/^\d{15}$/.test(input)) {
    return failure('id-number-legacy', '不支持15位旧版身份证号码，请使用18位第二代居民身份证号码');
  }
  if (input.length !== 18) {
    return failure('id-number-length', `身份证号码应为18位，当前为${input.length}位`);
  }
  const idNumber = input.slice(0, 17) + input[17].toUpperCase();
  const bad = [...idNumber].findIndex((c, i) => !(/\d/.test(c) || (i === 17 && c === 'X')));
  if (bad >= 0) {
    return failure(
      'id-number-characters',
      `身份证号码第${bad + 1}位“${idNumber[bad]}”不合法：前17位必须是数字，第18位必须是数字或X`,
    );
  }
  const [year, month, day] = [
    idNumber.slice(6, 10),
    idNumber.slice(10, 12),
    idNumber.slice(12, 14),
  ];
  if (!isRealDate(Number(year), Number(month), Number(day))) {
    return failure(
      'id-number-birth-date',
      `身份证号码第7至14位的出生日期${year}${month}${day}不是有效日期`,
    );
  }
  const birthDate = formatCalendarDate(Number(year), Number(month), Number(day));
  if (isAfter(birthDate, today)) {
    return failure(
      'id-number-birth-date-future',
      `身份证号码中的出生日期${birthDate}晚于今天（${today}）`,
    );
  }
  const expected = idNumberCheckChar(idNumber.slice(0, 17));
  if (idNumber[17] !== expected) {
    return failure(
      'id-number-check-char',
      `身份证号码校验位错误：按前17位计算第18位应为${expected}，实际为${idNumber[17]}，请核对号码`,
    );
  }
  const sex: Sex = Number(idNumber[16]) % 2 === 1 ? 'M' : 'F';
  return success({ idNumber, birthDate, sex });
}

/** Masks all but the first 4 and last 4 chars, for public pages (SPEC §10). */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 8) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, 4) + '*'.repeat(idNumber.length - 8) + idNumber.slice(-4);
}
