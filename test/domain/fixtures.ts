/**
 * Valid test identifiers, with check chars computed here from the standards' formulas
 * (independently of the domain code, so the tests do not grade the code with itself).
 */

/** ISO 7064 MOD 11-2: weight of position i (1-based from the right, check char = 1) is 2^(i-1) mod 11. */
export function idNumber(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const check = (12 - (sum % 11)) % 11;
  return first17 + (check === 10 ? 'X' : String(check));
}

/** An ID number of a person born on `birthDate` (YYYY-MM-DD), male or female. */
export function idNumberFor(birthDate: string, sex: 'M' | 'F', area = '630102'): string {
  const sequence = sex === 'M' ? '123' : '124';
  return idNumber(area + birthDate.replaceAll('-', '') + sequence);
}

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCode(first17: string): string {
  const sum = [...first17].reduce(
    (s, c, i) => s + CREDIT_ALPHABET.indexOf(c) * CREDIT_WEIGHTS[i],
    0,
  );
  return first17 + CREDIT_ALPHABET[(31 - (sum % 31)) % 31];
}

/** A Qinghai (division 630102) enterprise code; `n` varies the organisation part. */
export function qinghaiCreditCode(n: number): string {
  return creditCode(`91630102MA${String(n).padStart(7, '0')}`);
}

/** A Beijing (division 110108) enterprise code. */
export function beijingCreditCode(n: number): string {
  return creditCode(`91110108MA${String(n).padStart(7, '0')}`);
}
