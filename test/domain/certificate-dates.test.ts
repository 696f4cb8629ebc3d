import {
  ageCondition,
  ageLimitBirthday,
  ceDeadline,
  ceReminderDay,
  certificateDates,
  isInRenewalWindow,
  isPastValidity,
  renewalWindowStart,
  validityEnd,
} from '../../domain/certificate-dates';
import type { Sex } from '../../domain/id-number';

describe('domain/certificate-dates - validity, CE deadline, renewal window, age', () => {
  it.each<[string, string, Sex, string]>([
    // start, birth date, sex → validity end
    ['2024-07-01', '1990-01-01', 'M', '2029-06-30'],
    ['2024-01-01', '1990-01-01', 'F', '2028-12-31'],
    ['2024-03-01', '1990-01-01', 'M', '2029-02-28'],
    ['2023-03-01', '1990-01-01', 'M', '2028-02-29'],
    // 29 February start: anniversary 2029-02-28 (SPEC decision), minus one day
    ['2024-02-29', '1990-01-01', 'M', '2029-02-27'],
    // capped the day before the 60th birthday of a man
    ['2024-07-01', '1966-03-15', 'M', '2026-03-14'],
    // a man whose 60th birthday is exactly the 5-year anniversary: both rules agree
    ['2024-07-01', '1969-07-01', 'M', '2029-06-30'],
    // 60th birthday the day after the anniversary: no cap
    ['2024-07-01', '1969-07-02', 'M', '2029-06-30'],
    // 60th birthday the day before the anniversary: capped one day earlier
    ['2024-07-01', '1969-06-30', 'M', '2029-06-29'],
    // a woman is capped at 55
    ['2024-07-01', '1971-03-15', 'F', '2026-03-14'],
    ['2024-07-01', '1971-03-15', 'M', '2029-06-30'],
    // born 29 February: 55th birthday in 2023 (non-leap) is 28 February
    ['2020-07-01', '1968-02-29', 'F', '2023-02-27'],
    // born 29 February: 60th birthday in 2024 (leap) is 29 February
    ['2020-07-01', '1964-02-29', 'M', '2024-02-28'],
    // born 1 March: the day before is the month end of February
    ['2020-07-01', '1964-03-01', 'M', '2024-02-29'],
  ])('should end validity from %s (born %s, %s) on %s', (start, birth, sex, expected) => {
    expect(validityEnd(start, birth, sex)).toBe(expected);
  });

  it.each<[Sex, string, string]>([
    ['M', '1964-02-29', '2024-02-29'],
    ['M', '1965-02-28', '2025-02-28'],
    ['F', '1968-02-29', '2023-02-28'],
    ['F', '1970-12-31', '2025-12-31'],
  ])('should put the age-limit birthday of a %s born %s on %s', (sex, birth, limit) => {
    expect(ageLimitBirthday(birth, sex)).toBe(limit);
  });

  it.each([
    // start, validity end → CE deadline
    ['2024-07-01', '2029-06-30', '2026-12-31'],
    ['2024-01-15', '2029-01-14', '2026-07-14'],
    // month-end starts: 30 months on is clamped to the month end, then one day back
    ['2024-08-31', '2029-08-30', '2027-02-27'],
    ['2025-08-31', '2030-08-30', '2028-02-28'],
    ['2024-02-29', '2029-02-27', '2026-08-28'],
    // never after the validity end (age-capped certificate)
    ['2024-07-01', '2026-03-14', '2026-03-14'],
    ['2024-07-01', '2026-12-31', '2026-12-31'],
    ['2024-07-01', '2027-01-01', '2026-12-31'],
  ])('should put the CE deadline of %s (valid to %s) on %s', (start, end, expected) => {
    expect(ceDeadline(start, end)).toBe(expected);
  });

  it('should compute all dates of a certificate at once', () => {
    expect(certificateDates('2024-07-01', '1971-03-15', 'F')).toEqual({
      validityStart: '2024-07-01',
      validityEnd: '2026-03-14',
      ceDeadline: '2026-03-14',
    });
    expect(certificateDates('2024-07-01', '1990-01-01', 'M')).toEqual({
      validityStart: '2024-07-01',
      validityEnd: '2029-06-30',
      ceDeadline: '2026-12-31',
    });
  });

  it.each([
    ['2029-06-30', '2029-06-29', false],
    ['2029-06-30', '2029-06-30', false],
    ['2029-06-30', '2029-07-01', true],
  ])('should say a certificate valid to %s is past validity on %s: %s', (end, today, past) => {
    expect(isPastValidity(today, end)).toBe(past);
  });

  it.each([
    // validity end → first day of the renewal window (3 months before the lapse day)
    ['2029-06-30', '2029-04-01'],
    ['2029-06-29', '2029-03-30'],
    // 2029-05-31 − 3 months is clamped to the end of February
    ['2029-05-30', '2029-02-28'],
    ['2029-05-31', '2029-03-01'],
    ['2029-05-27', '2029-02-28'],
    ['2028-05-28', '2028-02-29'],
    ['2029-02-27', '2028-11-28'],
    ['2029-12-31', '2029-10-01'],
  ])('should open the renewal window of a certificate valid to %s on %s', (end, first) => {
    expect(renewalWindowStart(end)).toBe(first);
  });

  it.each([
    ['2029-03-31', false], // the day before the first day
    ['2029-04-01', true], // the first day
    ['2029-05-15', true],
    ['2029-06-30', true], // the last day: the validity end itself
    ['2029-07-01', false], // the day after: expired, no renewal
  ])(
    'should place %s inside the renewal window of a certificate valid to 2029-06-30: %s',
    (today, inside) => {
      expect(isInRenewalWindow(today, '2029-06-30')).toBe(inside);
    },
  );

  it.each([
    ['2026-12-31', '2026-12-01'],
    ['2026-03-30', '2026-02-28'],
  ])('should remind one month before the CE deadline %s on %s', (deadline, day) => {
    expect(ceReminderDay(deadline)).toBe(day);
  });

  it.each<[string, Sex, string, true | 'age-under-minimum' | 'age-limit-reached']>([
    // birth date, sex, business date → true, or the refusal code
    ['2006-05-20', 'M', '2024-05-19', 'age-under-minimum'],
    ['2006-05-20', 'M', '2024-05-20', true],
    ['2006-05-20', 'F', '2024-05-21', true],
    ['2006-02-28', 'M', '2024-02-27', 'age-under-minimum'],
    ['2006-02-28', 'M', '2024-02-28', true],
    // born 29 February 2004: the 18th birthday (2022, non-leap) is 28 February
    ['2004-02-29', 'M', '2022-02-27', 'age-under-minimum'],
    ['2004-02-29', 'M', '2022-02-28', true],
    // the 60th birthday of a man is refused, the day before is not
    ['1964-07-01', 'M', '2024-06-30', true],
    ['1964-07-01', 'M', '2024-07-01', 'age-limit-reached'],
    ['1964-07-01', 'M', '2024-07-02', 'age-limit-reached'],
    // the 55th birthday of a woman
    ['1969-07-01', 'F', '2024-06-30', true],
    ['1969-07-01', 'F', '2024-07-01', 'age-limit-reached'],
    ['1969-07-01', 'M', '2024-07-01', true],
    // born 29 February 1968: the 55th birthday (2023) is 28 February
    ['1968-02-29', 'F', '2023-02-27', true],
    ['1968-02-29', 'F', '2023-02-28', 'age-limit-reached'],
    // born 29 February 1964: the 60th birthday (2024, leap) is 29 February
    ['1964-02-29', 'M', '2024-02-28', true],
    ['1964-02-29', 'M', '2024-02-29', 'age-limit-reached'],
  ])(
    'should judge the age condition of someone born %s (%s) on %s: %s',
    (birth, sex, on, expected) => {
      // when
      const result = ageCondition(birth, sex, on);
      // then
      expect(result.ok ? true : result.code).toBe(expected);
    },
  );

  it('should explain the age refusals in Chinese', () => {
    expect(ageCondition('2006-05-20', 'M', '2024-05-19')).toEqual({
      ok: false,
      code: 'age-under-minimum',
      message: '人员未满18周岁（2024-05-20年满18周岁）',
    });
    const woman = ageCondition('1969-07-01', 'F', '2024-07-01');
    expect(woman.ok || woman.message).toBe(
      '人员已于2024-07-01年满55周岁，超过女性从业年龄限制（女性须未满55周岁）',
    );
  });
});
