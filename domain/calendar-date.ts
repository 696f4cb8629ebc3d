/**
 * The one date module of the domain. A business date is a calendar date in China Standard Time,
 * written `YYYY-MM-DD`; it is never a timestamp. Arithmetic works on a day count (days since
 * 1970-01-01) so neither the server's time zone nor JavaScript `Date` quirks (years below 100,
 * month overflow) can shift a date.
 */

/** A calendar date `YYYY-MM-DD` (years 0001–9999). Plain string so rows and JSON carry it as is. */
export type CalendarDate = string;

export interface DateParts {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
/** China Standard Time has no daylight saving: always UTC+8. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when the parts name a real day, e.g. not 2023-02-29 or 2024-13-01. */
export function isRealDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Parts of a `YYYY-MM-DD` string, or null when it is malformed or not a real day. */
export function parseCalendarDate(value: string): DateParts | null {
  const m = PATTERN.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDate(year, month, day) ? { year, month, day } : null;
}

export function isCalendarDate(value: unknown): value is CalendarDate {
  return typeof value === 'string' && parseCalendarDate(value) !== null;
}

/** Parts of a date the caller vouches for; a malformed one is a programming error. */
export function toParts(date: CalendarDate): DateParts {
  const parts = parseCalendarDate(date);
  if (!parts) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return parts;
}

export function formatCalendarDate(year: number, month: number, day: number): CalendarDate {
  if (!isRealDate(year, month, day)) {
    throw new RangeError(`Not a real date: ${year}-${month}-${day}`);
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's days_from_civil). */
function toDayNumber({ year, month, day }: DateParts): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(n: number): CalendarDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return formatCalendarDate(year, month, day);
}

/** Negative, zero or positive like a sort comparator. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return toDayNumber(toParts(a)) - toDayNumber(toParts(b));
}

export function isBefore(a: CalendarDate, b: CalendarDate): boolean {
  return compareDates(a, b) < 0;
}

export function isAfter(a: CalendarDate, b: CalendarDate): boolean {
  return compareDates(a, b) > 0;
}

/** first ≤ date ≤ last. */
export function isWithin(date: CalendarDate, first: CalendarDate, last: CalendarDate): boolean {
  return compareDates(first, date) <= 0 && compareDates(date, last) <= 0;
}

export function minDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return compareDates(a, b) <= 0 ? a : b;
}

export function maxDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return compareDates(a, b) >= 0 ? a : b;
}

/** Days from `a` to `b` (positive when b is later). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return -compareDates(a, b);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(toParts(date)) + days);
}

/** Same day `months` later (or earlier); a day past the target month's end becomes its last day. */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const { year, month, day } = toParts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatCalendarDate(y, m, Math.min(day, daysInMonth(y, m)));
}

/** Same day `years` later; 29 February becomes 28 February in a non-leap year (SPEC §5.4). */
export function addYears(date: CalendarDate, years: number): CalendarDate {
  return addMonths(date, years * 12);
}

/** The day a person born on `birthDate` turns `age` (29 February → 28 February when not leap). */
export function birthdayOfAge(birthDate: CalendarDate, age: number): CalendarDate {
  return addYears(birthDate, age);
}

/** Full years of age on `on`: the birthday itself counts as reached. */
export function ageOn(birthDate: CalendarDate, on: CalendarDate): number {
  const years = toParts(on).year - toParts(birthDate).year;
  return isAfter(birthdayOfAge(birthDate, years), on) ? years - 1 : years;
}

/** Today's date in Xining (UTC+8) at instant `now`, whatever the server's time zone. */
export function todayInChina(now: Date): CalendarDate {
  const shifted = now.getTime() + CHINA_OFFSET_MS;
  if (Number.isNaN(shifted)) throw new RangeError('Invalid Date');
  return fromDayNumber(Math.floor(shifted / MS_PER_DAY));
}
