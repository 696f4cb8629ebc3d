/**
 * What a job handler sees and returns. Handlers are plain async functions over one knex
 * transaction; the runtime (run-job.ts) adds idempotency, the timeline and the state move.
 */
import type { Knex } from 'knex';
import type { CalendarDate } from '../../domain/calendar-date';

/** The job as the engine delivered it, keys as strings. */
export interface JobInput {
  key: string;
  type: string;
  processInstanceKey: string;
  elementId: string;
  variables: Record<string, unknown>;
  headers: Record<string, string>;
}

export interface JobContext {
  /** Every write goes through it: the job's effect, its timeline entry and its job_effects row. */
  trx: Knex.Transaction;
  job: JobInput;
  /** The business clock ("now" shared with the API and the engine, pinned in tests). */
  now: Date;
  /** The business date in China (SPEC §5.4). */
  today: CalendarDate;
}

export interface JobOutcome {
  /** Variables the job completes with. */
  variables: Record<string, unknown>;
  /** Write no timeline entry (a re-check that found nothing new). */
  quiet?: boolean;
  /** The comment of the timeline entry (why the system did what it did). */
  comment?: string;
  /** Persons and enterprises whose data changed: their waiting applications are re-checked. */
  changed?: { personIds?: string[]; enterpriseIds?: string[] };
}

export type JobHandler = (ctx: JobContext) => Promise<JobOutcome>;

/**
 * A business outcome the diagram catches with an error boundary event: thrown by a handler when
 * its effect can never happen (the person took another job), so the application ends with a
 * reason instead of retrying into an incident. Nothing of the handler's transaction is kept.
 */
export class BpmnError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

/** A string variable the diagram contract guarantees; its absence is a technical failure. */
export function requireVariable(job: JobInput, name: string): string {
  const value = job.variables[name];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  throw new Error(`Job ${job.type} (${job.key}) lacks the variable ${name}`);
}

/** An optional string variable (null when absent or null). */
export function optionalVariable(job: JobInput, name: string): string | null {
  const value = job.variables[name];
  if (value === undefined || value === null || value === '') return null;
  return requireVariable(job, name);
}

export function requireHeader(job: JobInput, name: string): string {
  const value = job.headers[name];
  if (!value) throw new Error(`Job ${job.type} (${job.key}) lacks the header ${name}`);
  return value;
}
