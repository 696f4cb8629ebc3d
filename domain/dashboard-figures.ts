/**
 * The regulator's dashboard figures that are arithmetic on calendar dates (issue 10): open tasks
 * by how long their application has waited, and applications submitted per day. Each bucket
 * carries the submission dates it covers, so a click opens the list filtered to exactly it.
 */
import { CalendarDate, addDays } from './calendar-date';

/** Waiting age in days since submission (China dates), inclusive bounds; `to` null = no end. */
export const AGE_BUCKETS: ReadonlyArray<{ label: string; from: number; to: number | null }> = [
  { label: '当天', from: 0, to: 0 },
  { label: '1–3天', from: 1, to: 3 },
  { label: '4–7天', from: 4, to: 7 },
  { label: '8–15天', from: 8, to: 15 },
  { label: '16–30天', from: 16, to: 30 },
  { label: '30天以上', from: 31, to: null },
];

export interface AgeBucket {
  label: string;
  count: number;
  /** The submission dates of the bucket (`submittedFrom` null: no lower bound). */
  submittedFrom: CalendarDate | null;
  submittedTo: CalendarDate;
}

/** Buckets of open tasks by their application's submission date, oldest last. */
export function ageBuckets(
  today: CalendarDate,
  bySubmission: ReadonlyArray<{ submitted: CalendarDate; count: number }>,
): AgeBucket[] {
  return AGE_BUCKETS.map((b) => {
    const submittedTo = addDays(today, -b.from);
    const submittedFrom = b.to === null ? null : addDays(today, -b.to);
    const count = bySubmission
      .filter(
        (r) =>
          r.submitted <= submittedTo && (submittedFrom === null || r.submitted >= submittedFrom),
      )
      .reduce((n, r) => n + r.count, 0);
    return { label: b.label, count, submittedFrom, submittedTo };
  });
}

/** One entry per day of the `days` days up to today, zero where nothing was submitted. */
export function perDay(
  today: CalendarDate,
  days: number,
  counts: ReadonlyArray<{ day: CalendarDate; count: number }>,
): Array<{ day: CalendarDate; count: number }> {
  const byDay = new Map(counts.map((c) => [c.day, c.count]));
  return Array.from({ length: days }, (_, i) => {
    const day = addDays(today, i - days + 1);
    return { day, count: byDay.get(day) ?? 0 };
  });
}
