import {
  addWorkingDays,
  dueStatus,
  isWorkingDay,
  workingDaysBetween,
} from '../../domain/working-days';

describe('domain/working-days - processing time limits in working days', () => {
  it.each([
    ['a weekday', '2026-03-04', true],
    ['a plain Saturday', '2026-03-07', false],
    ['National Day', '2026-10-01', false],
    ['a make-up Saturday after National Day', '2026-10-10', true],
    ['a make-up Sunday before National Day', '2026-09-20', true],
    ['a make-up Saturday before the Spring Festival', '2026-02-14', true],
    ['the Spring Festival', '2026-02-17', false],
  ])('should tell %s (%s) is a working day: %s', (_what, date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it.each([
    ['a plain week', '2026-03-02', 5, '2026-03-09'],
    ['onto a make-up Saturday', '2026-02-13', 1, '2026-02-14'],
    ['over the Spring Festival', '2026-02-14', 1, '2026-02-24'],
    ['over National Day', '2026-09-30', 1, '2026-10-08'],
    ['over New Year onto a make-up Sunday', '2025-12-31', 1, '2026-01-04'],
    ['a review of 20 days across National Day', '2026-09-21', 20, '2026-10-26'],
    ['from a holiday', '2026-10-03', 1, '2026-10-08'],
    ['zero days', '2026-03-04', 0, '2026-03-04'],
  ])('should add working days: %s (%s + %d = %s)', (_what, from, n, expected) => {
    expect(addWorkingDays(from, n)).toBe(expected);
  });

  it.each([
    ['the same day', '2026-03-04', '2026-03-04', 0],
    ['an earlier day', '2026-03-09', '2026-03-04', 0],
    ['over a weekend', '2026-03-06', '2026-03-09', 1],
    ['over National Day with its make-up Saturday', '2026-09-30', '2026-10-10', 3],
  ])('should count working days between: %s', (_what, from, to, expected) => {
    expect(workingDaysBetween(from, to)).toBe(expected);
  });

  it.each([
    ['well before the due date', '2026-03-03', { warning: false, overdue: false }],
    ['3 working days before it', '2026-03-04', { warning: true, overdue: false }],
    ['on the due date', '2026-03-09', { warning: true, overdue: false }],
    ['the day after', '2026-03-10', { warning: false, overdue: true }],
  ])('should flag a 5-day task created 2026-03-02 seen %s', (_what, today, expected) => {
    expect(dueStatus('2026-03-02', 5, today)).toEqual({ dueDate: '2026-03-09', ...expected });
  });
});
