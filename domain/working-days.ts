/**
 * Processing time limits (办理时限, SPEC §7 last paragraph) in mainland China's working days:
 * public holidays are off, make-up working days (调休上班, often a Saturday or Sunday) are on.
 * The calendar is `chinese-days`' (the State Council's yearly notice); a year it does not yet
 * know counts Monday to Friday, so update the package when a new notice is published.
 */
import { isWorkday } from 'chinese-days';
import { CalendarDate, addDays, compareDates } from './calendar-date';

/** Who must act on a task, which decides its limit. */
export type TaskActor = 'enterprise' | 'regulator' | 'association';

/** 5 working days for an employer's confirmation, 20 for a review (行政许可法 §42). */
export const WORKING_DAY_LIMITS: Record<TaskActor, number> = {
  enterprise: 5,
  regulator: 20,
  association: 20,
};

/** A task this many working days or fewer before its due date is flagged 预警. */
export const WARNING_WORKING_DAYS = 3;

export function isWorkingDay(date: CalendarDate): boolean {
  return isWorkday(date);
}

/** The `n`-th working day after `date` (the day itself does not count, as a deadline in law). */
export function addWorkingDays(date: CalendarDate, n: number): CalendarDate {
  let d = date;
  for (let left = n; left > 0;) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left -= 1;
  }
  return d;
}

/** Working days after `from` up to and including `to`; 0 when `to` is not after `from`. */
export function workingDaysBetween(from: CalendarDate, to: CalendarDate): number {
  let count = 0;
  for (let d = addDays(from, 1); compareDates(d, to) <= 0; d = addDays(d, 1))
    if (isWorkingDay(d)) count += 1;
  return count;
}

export interface DueStatus {
  dueDate: CalendarDate;
  /** 预警: not yet overdue, and the due date is at most WARNING_WORKING_DAYS working days away. */
  warning: boolean;
  /** 超期: today is after the due date. */
  overdue: boolean;
}

/** The due date of a task created on `created` with a limit of `limit` working days, seen `today`. */
export function dueStatus(created: CalendarDate, limit: number, today: CalendarDate): DueStatus {
  const dueDate = addWorkingDays(created, limit);
  const overdue = compareDates(today, dueDate) > 0;
  const warning = !overdue && workingDaysBetween(today, dueDate) <= WARNING_WORKING_DAYS;
  return { dueDate, warning, overdue };
}

/** The first day a task due on `dueDate` is 预警 (at most WARNING_WORKING_DAYS working days left). */
export function warningFrom(dueDate: CalendarDate): CalendarDate {
  let d = dueDate;
  while (workingDaysBetween(addDays(d, -1), dueDate) <= WARNING_WORKING_DAYS) d = addDays(d, -1);
  return d;
}
