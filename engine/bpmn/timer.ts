/** ISO 8601 timer values as Zeebe reads them: dates, durations, and cycles `R[n]/[start/]PT..`. */

const DURATION =
  /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Adds an ISO duration to a date (calendar-aware for years and months); null if invalid. */
export function addDuration(from: Date, iso: string): Date | null {
  const m = DURATION.exec(iso.trim());
  if (!m || iso.trim() === 'P' || iso.trim().endsWith('T')) return null;
  const [, y, mo, w, d, h, mi, s] = m.map((x) => (x === undefined ? 0 : Number(x)));
  const out = new Date(from.getTime());
  if (y || mo) out.setUTCMonth(out.getUTCMonth() + Number(y) * 12 + Number(mo));
  const ms =
    ((Number(w) * 7 + Number(d)) * 86400 + Number(h) * 3600 + Number(mi) * 60 + Number(s)) * 1000;
  return new Date(out.getTime() + ms);
}

export interface Cycle {
  /** Remaining repetitions; -1 means forever. */
  repetitions: number;
  interval: string;
  start?: Date;
}

export function parseCycle(text: string): Cycle | null {
  const parts = text.trim().split('/');
  const m = /^R(\d*)$/.exec(parts[0] ?? '');
  if (!m || parts.length < 2 || parts.length > 3) return null;
  const interval = parts[parts.length - 1];
  if (!addDuration(new Date(0), interval)) return null;
  let start: Date | undefined;
  if (parts.length === 3) {
    start = new Date(parts[1]);
    if (Number.isNaN(start.getTime())) return null;
  }
  return { repetitions: m[1] === '' ? -1 : Number(m[1]), interval, start };
}

export function parseDate(text: string): Date | null {
  const d = new Date(text.trim());
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Checks a static timer value; returns an error message or null. */
export function timerValueError(type: 'date' | 'duration' | 'cycle', text: string): string | null {
  if (type === 'date' && !parseDate(text)) return `Invalid date '${text}'`;
  if (type === 'duration' && !addDuration(new Date(0), text)) return `Invalid duration '${text}'`;
  if (type === 'cycle' && !parseCycle(text)) return `Invalid time cycle '${text}'`;
  return null;
}
