import type { TimerDefinition } from '../bpmn/model';
import { addDuration, parseCycle, parseDate } from '../bpmn/timer';
import { evaluateValue, FeelError, isExpression } from '../feel/feel';

export interface TimerSchedule {
  due: Date;
  /** Remaining firings including this one; -1 forever. */
  repetitions: number;
  interval: string | null;
}

/** When a timer event fires first, from its date, duration or cycle (static or FEEL). */
export function scheduleTimer(
  timer: TimerDefinition,
  now: Date,
  vars: Record<string, unknown>,
): TimerSchedule {
  const raw = isExpression(timer.expression)
    ? evaluateValue(timer.expression, vars)
    : timer.expression;
  const text = raw === null || raw === undefined ? '' : String(raw);
  if (timer.type === 'date') {
    const due = parseDate(text);
    if (!due) throw new FeelError(`Invalid date-time format '${text}' for timer`);
    return { due, repetitions: 1, interval: null };
  }
  if (timer.type === 'duration') {
    const due = addDuration(now, text);
    if (!due) throw new FeelError(`Invalid duration format '${text}' for timer`);
    return { due, repetitions: 1, interval: null };
  }
  const cycle = parseCycle(text);
  if (!cycle) throw new FeelError(`Invalid time cycle format '${text}' for timer`);
  const due = cycle.start && cycle.start > now ? cycle.start : addDuration(now, cycle.interval)!;
  return { due, repetitions: cycle.repetitions, interval: cycle.interval };
}
