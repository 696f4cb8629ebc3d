import { idNumberCheckChar, maskIdNumber, parseIdNumber } from '../../domain/id-number';
import { idNumber, idNumberFor } from './fixtures';

const TODAY = '2024-06-15';

describe('domain/id-number - resident ID numbers (GB 11643)', () => {
  it.each([
    // the sample number of GB 11643-1999 itself
    ['11010519491231002X', '1949-12-31', 'F'],
    [idNumber('63010219900101123'), '1990-01-01', 'M'],
    [idNumber('63010219900101124'), '1990-01-01', 'F'],
    [idNumber('63010220000229001'), '2000-02-29', 'M'],
    [idNumber('63010219000101002'), '1900-01-01', 'F'],
    [idNumberFor(TODAY, 'M'), TODAY, 'M'],
  ])('should accept %s: born %s, sex %s', (input, birthDate, sex) => {
    // when
    const result = parseIdNumber(input, TODAY);
    // then
    expect(result).toEqual({ ok: true, value: { idNumber: input, birthDate, sex } });
  });

  it('should accept a lowercase x and normalise it to X', () => {
    expect(parseIdNumber('11010519491231002x', TODAY)).toEqual({
      ok: true,
      value: { idNumber: '11010519491231002X', birthDate: '1949-12-31', sex: 'F' },
    });
  });

  it('should compute check chars covering every value, X included', () => {
    // given 17-digit stems whose check chars are computed by the fixture's independent formula
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const stem = `630102199001${String(i).padStart(5, '0')}`;
      const expected = idNumber(stem).slice(-1);
      // then
      expect(idNumberCheckChar(stem)).toBe(expected);
      seen.add(expected);
    }
    expect(seen.size).toBe(11);
  });

  const valid = idNumber('63010219900101123');
  const checkChar = valid.slice(-1);
  const wrongCheck = valid.slice(0, 17) + (checkChar === '0' ? '1' : '0');

  it.each([
    ['', 'id-number-empty', '身份证号码不能为空'],
    ['630102900101123', 'id-number-legacy', '不支持15位旧版身份证号码'],
    ['6301021990010112', 'id-number-length', '应为18位，当前为16位'],
    [valid + '1', 'id-number-length', '当前为19位'],
    [valid + ' ', 'id-number-length', '当前为19位'],
    ['63010219900101123Y', 'id-number-characters', '第18位“Y”不合法'],
    ['6301021990010112X3', 'id-number-characters', '第17位“X”不合法'],
    ['63O102199001011234', 'id-number-characters', '第3位“O”不合法'],
    ['630102199002301234', 'id-number-birth-date', '出生日期19900230不是有效日期'],
    ['630102190002291234', 'id-number-birth-date', '出生日期19000229不是有效日期'],
    ['630102199013011234', 'id-number-birth-date', '出生日期19901301不是有效日期'],
    [idNumberFor('2024-06-16', 'M'), 'id-number-birth-date-future', '出生日期2024-06-16晚于今天'],
    [wrongCheck, 'id-number-check-char', `第18位应为${checkChar}，实际为${wrongCheck[17]}`],
    ['110105194912310021', 'id-number-check-char', '第18位应为X，实际为1'],
  ])('should reject %j with %s', (input, code, message) => {
    // when
    const result = parseIdNumber(input, TODAY);
    // then
    expect(result).toMatchObject({ ok: false, code });
    expect(result.ok || result.message).toContain(message);
  });

  it.each([
    ['630102199001011234', '6301**********1234'],
    ['63010219900101123X', '6301**********123X'],
    ['1234567', '*******'],
  ])('should mask %s as %s', (input, masked) => {
    expect(maskIdNumber(input)).toBe(masked);
  });
});
