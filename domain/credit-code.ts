/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 chars of a 31-char alphabet
 * (no I, O, S, V, Z); chars 3–8 are the administrative-division code; the last is a weighted
 * MOD 31 check char.
 */
import { DomainResult, failure, success } from './result';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** Division codes of Qinghai Province start with 63. */
const PROVINCE_DIVISION_PREFIX = '63';

/** The check char of the first 17 chars. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17 || [...first17].some((c) => !ALPHABET.includes(c))) {
    throw new RangeError('creditCodeCheckChar needs 17 chars of the GB 32100 alphabet');
  }
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * ALPHABET.indexOf(first17[i]), 0);
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** Validates a credit code; lowercase letters are accepted and normalised to uppercase. */
export function parseCreditCode(input: string): DomainResult<string> {
  if (typeof input !== 'string' || input.length === 0) {
    return failure('credit-code-empty', '统一社会信用代码不能为空');
  }
  if (input.length !== 18) {
    return failure('credit-code-length', `统一社会信用代码应为18位，当前为${input.length}位`);
  }
  const code = input.toUpperCase();
  const bad = [...code].findIndex((c) => !ALPHABET.includes(c));
  if (bad >= 0) {
    return failure(
      'credit-code-characters',
      `统一社会信用代码第${bad + 1}位“${input[bad]}”不合法：只能使用数字和除I、O、S、V、Z以外的大写字母`,
    );
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (code[17] !== expected) {
    return failure(
      'credit-code-check-char',
      `统一社会信用代码校验位错误：按前17位计算第18位应为${expected}，实际为${code[17]}，请核对代码`,
    );
  }
  return success(code);
}

/** True when the enterprise is registered in Qinghai (division code, chars 3–8, starts with 63). */
export function isInProvince(creditCode: string): boolean {
  return creditCode.slice(2, 4) === PROVINCE_DIVISION_PREFIX;
}
