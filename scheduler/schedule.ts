/**
 * When the daily work runs (SPEC §7.5): every day at 00:10 China time (node-cron, time zone
 * Asia/Shanghai, whatever the server's own zone), once at start-up — the catch-up of whatever
 * became due while the program was down or the clock jumped — and on an operator's request
 * (`POST /api/operations/daily-work`). One run at a time in this process; several processes on
 * one database share the work through its row locks and work items.
 */
import cron from 'node-cron';
import type { Knex } from 'knex';
import { businessToday } from '../clock/business-clock';
import { DailyWorkReport, runDailyWork } from './daily-work';

export const DAILY_WORK_CRON = '10 0 * * *';
export const DAILY_WORK_TIME_ZONE = 'Asia/Shanghai';

export interface SchedulerLog {
  info(message: string): void;
  error(message: string): void;
}

export interface StartedScheduler {
  /** Runs the daily work now (or joins the run in progress). */
  runNow(): Promise<DailyWorkReport>;
  /** The next scheduled run. */
  nextRun(): Date | null;
  stop(): Promise<void>;
}

export function startScheduler(options: {
  db: Knex;
  log?: SchedulerLog;
  /** Skip the start-up run (tests that drive it themselves). */
  catchUpAtStart?: boolean;
}): StartedScheduler {
  const { db } = options;
  const log = options.log ?? console;
  let running: Promise<DailyWorkReport> | undefined;
  const runNow = () => {
    running ??= (async () => runDailyWork(db, await businessToday(db)))().finally(
      () => (running = undefined),
    );
    return running;
  };
  const logged = (reason: string) =>
    runNow().then(
      (r) =>
        log.info(
          `daily work (${reason}) on ${r.today}: ${r.expired} expired, ${r.autoReviews} auto-reviews, ${r.ceReminders} CE reminders, ${r.expiryReminders} expiry reminders`,
        ),
      (e) => log.error(`daily work (${reason}) failed: ${String((e as Error)?.message ?? e)}`),
    );
  const task = cron.schedule(DAILY_WORK_CRON, () => logged('scheduled'), {
    name: 'daily-work',
    timezone: DAILY_WORK_TIME_ZONE,
    noOverlap: true,
  });
  const startup = options.catchUpAtStart === false ? Promise.resolve() : logged('start-up');
  return {
    runNow,
    nextRun: () => task.getNextRun(),
    stop: async () => {
      await task.destroy();
      await startup;
      await running?.catch(() => undefined);
    },
  };
}
