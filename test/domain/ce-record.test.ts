import { checkCePassDate, checkCePassDateNotFuture } from '../../domain/ce-record';

const validity = { validityStart: '2024-03-01', validityEnd: '2029-02-28' };

describe('domain/ce-record - when a pass date may be recorded', () => {
  it.each([
    ['the first day of validity', '2024-03-01', '2026-06-15', null],
    ['today', '2026-06-15', '2026-06-15', null],
    ['the last day of validity, on that day', '2029-02-28', '2029-02-28', null],
    ['tomorrow', '2026-06-16', '2026-06-15', 'pass-date-in-future'],
    ['the day before validity', '2024-02-29', '2026-06-15', 'pass-date-before-validity'],
    ['the day after validity', '2029-03-01', '2030-01-01', 'pass-date-after-validity'],
    ['a future date before validity', '2024-02-01', '2023-01-01', 'pass-date-in-future'],
  ])('should judge %s', (_, passDate, today, code) => {
    const result = checkCePassDate(passDate, validity, today);
    expect(result.ok ? null : result.code).toBe(code);
    if (!result.ok) expect(result.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it.each([
    ['2026-06-15', '2026-06-15', true],
    ['2026-06-16', '2026-06-15', false],
    ['2024-02-29', '2024-03-01', true],
  ])('should take %s as not after %s: %s', (passDate, today, ok) => {
    expect(checkCePassDateNotFuture(passDate, today).ok).toBe(ok);
  });
});
