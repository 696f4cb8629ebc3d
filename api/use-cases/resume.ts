import { isAfter } from '../../domain/calendar-date';
import {
  ResumeEntry,
  ResumeEntryInput,
  deleteResumeEntry,
  findResumeEntry,
  insertResumeEntry,
  listResumeEntries,
  updateResumeEntry,
} from '../../repositories/resume-entries';
import { notFound } from '../auth/policy';
import { validationError } from '../validation';
import type { UseCaseContext } from './context';

function checkDates(entry: { startDate: string; endDate?: string | null }): void {
  if (entry.endDate && isAfter(entry.startDate, entry.endDate))
    throw validationError([
      { field: 'endDate', code: 'dates-ordered', message: '结束日期不能早于开始日期' },
    ]);
}

export function resumeOf(ctx: UseCaseContext, personId: string): Promise<ResumeEntry[]> {
  return listResumeEntries(ctx.db, personId);
}

export async function resumeEntryOf(ctx: UseCaseContext, personId: string, id: string) {
  const found = await findResumeEntry(ctx.db, personId, id);
  if (!found) throw notFound('履历');
  return found;
}

export async function addResumeEntry(
  ctx: UseCaseContext,
  personId: string,
  entry: ResumeEntryInput,
): Promise<ResumeEntry> {
  checkDates(entry);
  return insertResumeEntry(ctx.db, personId, entry);
}

/** Changes some fields; the merged entry must still have ordered dates. */
export async function changeResumeEntry(
  ctx: UseCaseContext,
  personId: string,
  id: string,
  changes: Partial<ResumeEntryInput>,
): Promise<ResumeEntry> {
  return ctx.db.transaction(async (trx) => {
    const current = await findResumeEntry(trx, personId, id);
    if (!current) throw notFound('履历');
    checkDates({ ...current, ...changes });
    return (await updateResumeEntry(trx, personId, id, changes)) as ResumeEntry;
  });
}

export async function removeResumeEntry(ctx: UseCaseContext, personId: string, id: string) {
  if (!(await deleteResumeEntry(ctx.db, personId, id))) throw notFound('履历');
}
