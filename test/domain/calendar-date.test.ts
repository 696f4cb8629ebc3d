import {
  addDays,
  addMonths,
  addYears,
  ageOn,
  birthdayOfAge,
  compareDates,
  daysBetween,
  daysInMonth,
  isAfter,
  isBefore,
  isCalendarDate,
  isLeapYear,
  isWithin,
  maxDate,
  minDate,
  parseCalendarDate,
  toParts,
  todayInChina,
} from '../../domain/calendar-date';

describe('domain/calendar-date - calendar dates in China', () => {
  it.each([
    [1900, false],
    [2000, true],
    [2023, false],
    [2024, true],
    [2100, false],
    [2400, true],
  ])('should say whether %i is a leap year: %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
  });

  it.each([
    [1900, 2, 28],
    [2000, 2, 29],
    [2024, 2, 29],
    [2023, 2, 28],
    [2024, 4, 30],
    [2024, 12, 31],
  ])('should give %i-%i %i days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });

  it.each([
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2023-02-29', false],
    ['2024-04-31', false],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-01-00', false],
    ['2024-1-01', false],
    ['20240101', false],
    ['2024-01-01T00:00:00Z', false],
    [' 2024-01-01', false],
    ['0000-01-01', false],
    ['0001-01-01', true],
    ['9999-12-31', true],
  ])('should accept only real YYYY-MM-DD dates: %s → %s', (value, valid) => {
    expect(isCalendarDate(value)).toBe(valid);
    expect(parseCalendarDate(value) !== null).toBe(valid);
  });

  it('should reject non-strings and refuse to compute with a malformed date', () => {
    expect(isCalendarDate(20240101)).toBe(false);
    expect(isCalendarDate(null)).toBe(false);
    expect(() => toParts('2023-02-29')).toThrow(RangeError);
    expect(() => addDays('nonsense', 1)).toThrow(RangeError);
  });

  it.each([
    ['2024-01-01', '2024-01-02', -1],
    ['2024-01-02', '2024-01-01', 1],
    ['2024-03-01', '2024-03-01', 0],
    ['1999-12-31', '2000-01-01', -1],
  ])('should compare %s with %s', (a, b, sign) => {
    expect(Math.sign(compareDates(a, b))).toBe(sign);
    expect(isBefore(a, b)).toBe(sign < 0);
    expect(isAfter(a, b)).toBe(sign > 0);
  });

  it('should pick the earlier and later date, and test ranges inclusively', () => {
    expect(minDate('2024-05-01', '2024-04-30')).toBe('2024-04-30');
    expect(maxDate('2024-05-01', '2024-04-30')).toBe('2024-05-01');
    expect(isWithin('2024-01-01', '2024-01-01', '2024-01-31')).toBe(true);
    expect(isWithin('2024-01-31', '2024-01-01', '2024-01-31')).toBe(true);
    expect(isWithin('2023-12-31', '2024-01-01', '2024-01-31')).toBe(false);
    expect(isWithin('2024-02-01', '2024-01-01', '2024-01-31')).toBe(false);
  });

  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2023-02-28', 1, '2023-03-01'],
    ['1900-02-28', 1, '1900-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-01-01', 366, '2025-01-01'],
    ['1970-01-01', -1, '1969-12-31'],
    ['0001-01-01', 0, '0001-01-01'],
    ['0099-12-31', 1, '0100-01-01'],
  ])('should add days: %s + %i = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('should agree with the UTC calendar on every day from 1899 to 2101', () => {
    // given JavaScript's own UTC calendar as the reference
    const mismatches: string[] = [];
    let date = '1899-01-01';
    // when stepping one day at a time
    for (let t = Date.UTC(1899, 0, 1); t <= Date.UTC(2101, 11, 31); t += 86_400_000) {
      const reference = new Date(t).toISOString().slice(0, 10);
      if (date !== reference) mismatches.push(`${date} ≠ ${reference}`);
      date = addDays(date, 1);
    }
    // then every step lands on the same day
    expect(mismatches).toEqual([]);
  });

  it('should count days between dates', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366);
  });

  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-03-31', 1, '2024-04-30'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-05-31', -3, '2024-02-29'],
    ['2024-07-01', -3, '2024-04-01'],
    ['2024-08-31', 30, '2027-02-28'],
    ['2024-01-15', 30, '2026-07-15'],
    ['2024-11-30', 2, '2025-01-30'],
    ['2024-01-10', -13, '2022-12-10'],
    ['2024-01-10', 0, '2024-01-10'],
  ])('should add months clamped to the month end: %s + %i = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each([
    ['2024-02-29', 1, '2025-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2024-02-29', 5, '2029-02-28'],
    ['2024-02-29', -100, '1924-02-29'],
    ['2000-02-29', 100, '2100-02-28'],
    ['1896-02-29', 4, '1900-02-28'],
    ['2024-03-01', 5, '2029-03-01'],
    ['2023-12-31', 1, '2024-12-31'],
  ])('should add years, 29 Feb falling on 28 Feb in non-leap years: %s + %i = %s', (d, n, e) => {
    expect(addYears(d, n)).toBe(e);
  });

  it.each([
    ['1990-05-20', 18, '2008-05-20'],
    ['2004-02-29', 18, '2022-02-28'],
    ['2004-02-29', 20, '2024-02-29'],
    ['1964-02-29', 60, '2024-02-29'],
    ['1965-02-28', 55, '2020-02-28'],
  ])('should give the birthday of %s at age %i: %s', (birth, age, expected) => {
    expect(birthdayOfAge(birth, age)).toBe(expected);
  });

  it.each([
    ['1990-05-20', '2008-05-19', 17],
    ['1990-05-20', '2008-05-20', 18],
    ['1990-05-20', '2008-05-21', 18],
    ['1990-05-20', '1990-05-20', 0],
    ['2004-02-29', '2022-02-27', 17],
    ['2004-02-29', '2022-02-28', 18],
    ['2004-02-29', '2022-03-01', 18],
    ['2004-02-29', '2024-02-28', 19],
    ['2004-02-29', '2024-02-29', 20],
    ['1999-12-31', '2017-12-31', 18],
    ['1999-12-31', '2018-01-01', 18],
    ['2000-01-01', '2017-12-31', 17],
  ])('should compute the age of someone born %s on %s: %i', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });

  it.each([
    ['2024-06-30T15:59:59.999Z', '2024-06-30'],
    ['2024-06-30T16:00:00.000Z', '2024-07-01'],
    ['2024-12-31T16:00:00.000Z', '2025-01-01'],
    ['2024-02-28T16:30:00.000Z', '2024-02-29'],
    ['2024-01-01T00:00:00.000Z', '2024-01-01'],
    ['2024-01-01T00:00:00.000+08:00', '2024-01-01'],
    ['2023-12-31T23:59:59.000-08:00', '2024-01-01'],
  ])('should give the date in Xining at %s: %s', (instant, expected) => {
    // given an instant (server zone irrelevant: only the epoch value is used)
    const now = new Date(instant);
    // when / then
    expect(todayInChina(now)).toBe(expected);
  });

  it('should refuse an invalid Date', () => {
    expect(() => todayInChina(new Date('nope'))).toThrow(RangeError);
  });
});
