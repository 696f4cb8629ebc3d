import { creditCodeCheckChar, isInProvince, parseCreditCode } from '../../domain/credit-code';
import { beijingCreditCode, creditCode, qinghaiCreditCode } from './fixtures';

describe('domain/credit-code - unified social credit codes (GB 32100)', () => {
  const qinghai = qinghaiCreditCode(1);

  it.each([
    // the example code widely quoted with GB 32100, then generated ones
    ['91350100M000100Y43'],
    [qinghai],
    [beijingCreditCode(42)],
    [creditCode('12630000MB1234567')],
  ])('should accept %s', (code) => {
    expect(parseCreditCode(code)).toEqual({ ok: true, value: code });
  });

  it('should accept lowercase letters and normalise them to uppercase', () => {
    // given
    const code = creditCode('91630102MA7ABCDEF');
    // when / then
    expect(parseCreditCode(code.toLowerCase())).toEqual({ ok: true, value: code });
  });

  it('should compute check chars over the whole 31-char alphabet', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const stem = `91630102MA${String(i).padStart(7, '0')}`;
      expect(creditCodeCheckChar(stem)).toBe(creditCode(stem).slice(-1));
      seen.add(creditCodeCheckChar(stem));
    }
    expect(seen.size).toBe(31);
  });

  const check = qinghai.slice(-1);
  const wrong = qinghai.slice(0, 17) + (check === '0' ? '1' : '0');

  it.each([
    ['', 'credit-code-empty', '不能为空'],
    [qinghai.slice(0, 17), 'credit-code-length', '应为18位，当前为17位'],
    [qinghai + '0', 'credit-code-length', '当前为19位'],
    ['91630102MA0000I01X', 'credit-code-characters', '第15位“I”不合法'],
    ['91630102MA00000O1X', 'credit-code-characters', '第16位“O”不合法'],
    ['9163010-MA0000001X', 'credit-code-characters', '第8位“-”不合法'],
    ['91630102MA000000zX', 'credit-code-characters', '第17位“z”不合法'],
    [wrong, 'credit-code-check-char', `第18位应为${check}，实际为${wrong[17]}`],
  ])('should reject %j with %s', (input, code, message) => {
    // when
    const result = parseCreditCode(input);
    // then
    expect(result).toMatchObject({ ok: false, code });
    expect(result.ok || result.message).toContain(message);
  });

  it.each([
    [qinghaiCreditCode(7), true],
    [creditCode('12632800MB0000001'), true],
    [beijingCreditCode(7), false],
    [creditCode('91360100MA0000001'), false],
    [creditCode('91116300MA0000001'), false],
  ])('should say whether %s is an in-province enterprise: %s', (code, inProvince) => {
    expect(isInProvince(code)).toBe(inProvince);
  });
});
