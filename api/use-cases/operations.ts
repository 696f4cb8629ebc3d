/**
 * Operator actions (role admin): the business clock (issue 8 item 6) and the daily work on
 * demand (SPEC §7.5).
 */
import { ClockNotMoved, moveBusinessClock } from '../../clock/business-clock';
import { readBusinessClockPin } from '../../repositories/business-clock';
import { todayInChina } from '../../domain/calendar-date';
import { DailyWorkReport, runDailyWork } from '../../scheduler/daily-work';
import { AppError } from '../app-error';
import { engineStatus } from '../engine-errors';
import type { UseCaseContext } from './context';
import { engineOf } from './process-start';

export interface ClockState {
  now: string;
  today: string;
  pinned: boolean;
  controllable: boolean;
}

export async function clockState(ctx: UseCaseContext): Promise<ClockState> {
  const now = await ctx.now();
  return {
    now: now.toISOString(),
    today: todayInChina(now),
    pinned: (await readBusinessClockPin(ctx.db)) !== null,
    controllable: ctx.clockControlled === true,
  };
}

/**
 * Pins the business clock at `at` (null: back to system time), the engine's clock with it.
 * Only where BUSINESS_CLOCK_CONTROLLED=true; the engine must accept the pin first, or nothing
 * moves (clock/business-clock.ts).
 */
export async function setClock(ctx: UseCaseContext, at: string | null): Promise<ClockState> {
  if (!ctx.clockControlled)
    throw new AppError(
      403,
      'clock-not-controllable',
      '本系统未启用可调整的业务时钟（BUSINESS_CLOCK_CONTROLLED），业务时钟不能调整',
    );
  try {
    await moveBusinessClock(ctx.db, engineOf(ctx), at === null ? null : Date.parse(at));
  } catch (e) {
    if (!(e instanceof ClockNotMoved)) throw e;
    const status = e.stage === 'engine' ? engineStatus(e.cause) : undefined;
    if (status !== undefined && status >= 400 && status < 500)
      throw new AppError(
        409,
        'engine-clock-not-controllable',
        '流程引擎拒绝调整时钟（引擎未以受控时钟启动），业务时钟未改变',
      );
    throw new AppError(503, 'clock-not-moved', '暂时无法调整业务时钟，业务时钟未改变，请稍后重试');
  }
  return clockState(ctx);
}

/** One run of the daily work now, on the business clock's today; what it did. */
export async function runDailyWorkNow(ctx: UseCaseContext): Promise<DailyWorkReport> {
  return runDailyWork(ctx.db, todayInChina(await ctx.now()));
}
