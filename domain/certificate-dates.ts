/**
 * Certificate dates (SPEC §5.4) and the age condition (SPEC §5.6). Every date is a calendar date
 * in China; every period "N units from start" ends the day before the N-unit anniversary.
 */
import {
  CalendarDate,
  addDays,
  addMonths,
  addYears,
  birthdayOfAge,
  isAfter,
  isBefore,
  isWithin,
  minDate,
} from './calendar-date';
import type { Sex } from './id-number';

export const VALIDITY_YEARS = 5;
export const CE_PERIOD_MONTHS = 30;
export const RENEWAL_WINDOW_MONTHS = 3;
export const MINIMUM_AGE = 18;
export const AGE_LIMIT: Readonly<Record<Sex, number>> = { M: 60, F: 55 };

export interface CertificateDates {
  validityStart: CalendarDate;
  validityEnd: CalendarDate;
  ceDeadline: CalendarDate;
}

/** The birthday on which a person reaches the working-age limit (60th for men, 55th for women). */
export function ageLimitBirthday(birthDate: CalendarDate, sex: Sex): CalendarDate {
  return birthdayOfAge(birthDate, AGE_LIMIT[sex]);
}

/**
 * start + 5 years − 1 day, capped at the day before the age-limit birthday. A 29 February start
 * therefore ends on 27 February five years on (its anniversary is 28 February, SPEC decision).
 * Callers run the age condition first: for someone past the limit the end precedes the start.
 */
export function validityEnd(start: CalendarDate, birthDate: CalendarDate, sex: Sex): CalendarDate {
  const fullTerm = addDays(addYears(start, VALIDITY_YEARS), -1);
  const ageCap = addDays(ageLimitBirthday(birthDate, sex), -1);
  return minDate(fullTerm, ageCap);
}

/** start + 30 months − 1 day (month ends clamped, as addMonths does), never after the validity end. */
export function ceDeadline(start: CalendarDate, end: CalendarDate): CalendarDate {
  return minDate(addDays(addMonths(start, CE_PERIOD_MONTHS), -1), end);
}

/** All dates of a certificate issued (or renewed) on `start`. */
export function certificateDates(
  start: CalendarDate,
  birthDate: CalendarDate,
  sex: Sex,
): CertificateDates {
  const end = validityEnd(start, birthDate, sex);
  return { validityStart: start, validityEnd: end, ceDeadline: ceDeadline(start, end) };
}

/** Past its validity end: a valid certificate becomes `expired` from the next day on. */
export function isPastValidity(today: CalendarDate, end: CalendarDate): boolean {
  return isAfter(today, end);
}

/**
 * First day of the renewal window. [decision] The window is the 3 calendar months before the
 * certificate lapses, mirroring the validity period: it lapses at the start of the day after
 * the validity end, so the window opens 3 months before that day. Validity end 2029-06-30 →
 * window 2029-04-01 … 2029-06-30; validity end 2029-06-29 → 2029-03-30 … 2029-06-29.
 * The expiry reminder (SPEC §7.5) is sent on this day too.
 */
export function renewalWindowStart(end: CalendarDate): CalendarDate {
  return addMonths(addDays(end, 1), -RENEWAL_WINDOW_MONTHS);
}

/** Renewal can be filed from the window start up to and including the validity end. */
export function isInRenewalWindow(today: CalendarDate, end: CalendarDate): boolean {
  return isWithin(today, renewalWindowStart(end), end);
}

/** Day of the reminder "CE deadline in one month" (SPEC §7.5). */
export function ceReminderDay(deadline: CalendarDate): CalendarDate {
  return addMonths(addDays(deadline, 1), -1);
}

export type AgeConditionResult =
  { ok: true } | { ok: false; code: 'age-under-minimum' | 'age-limit-reached'; message: string };

/**
 * SPEC §5.6: on `on` the person is at least 18 (the 18th birthday counts) and has not reached
 * the 60th (men) / 55th (women) birthday ([decision] "不超过60周岁" = before the 60th birthday).
 */
export function ageCondition(
  birthDate: CalendarDate,
  sex: Sex,
  on: CalendarDate,
): AgeConditionResult {
  const adult = birthdayOfAge(birthDate, MINIMUM_AGE);
  if (isBefore(on, adult)) {
    return {
      ok: false,
      code: 'age-under-minimum',
      message: `人员未满${MINIMUM_AGE}周岁（${adult}年满${MINIMUM_AGE}周岁）`,
    };
  }
  const limit = ageLimitBirthday(birthDate, sex);
  if (!isBefore(on, limit)) {
    const who = sex === 'M' ? '男性' : '女性';
    return {
      ok: false,
      code: 'age-limit-reached',
      message: `人员已于${limit}年满${AGE_LIMIT[sex]}周岁，超过${who}从业年龄限制（${who}须未满${AGE_LIMIT[sex]}周岁）`,
    };
  }
  return { ok: true };
}
