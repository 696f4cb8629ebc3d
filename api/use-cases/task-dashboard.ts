/**
 * The regulator's dashboard (工作台, issue 10) over the caller's open tasks: per business with
 * 预警 and 超期, by waiting age; and beside them the applications submitted per day and the
 * certificates per state. Every figure carries what the list it opens filters on.
 */
import { ageBuckets, perDay } from '../../domain/dashboard-figures';
import { addDays } from '../../domain/calendar-date';
import { CERTIFICATE_STATE_NAMES, CertificateState } from '../../domain/certificate-types';
import { applicationsPerDay, certificatesByState } from '../../repositories/dashboard-counts';
import { queueBySubmission, queueSummary } from '../../repositories/task-queue';
import type { Principal } from '../auth/principal';
import { REVIEWED_TYPES, TYPE_NAMES } from './applications';
import type { UseCaseContext } from './context';
import { queueFilter } from './task-list';

/** Days of "applications per day". */
const DAYS = 30;

export async function myTaskSummary(ctx: UseCaseContext, principal: Principal) {
  const filter = await queueFilter(ctx, principal);
  const none = filter.groups.length === 0;
  const [counted, bySubmission, submitted, states] = await Promise.all([
    none ? [] : queueSummary(ctx.db, filter),
    none ? [] : queueBySubmission(ctx.db, filter),
    applicationsPerDay(
      ctx.db,
      REVIEWED_TYPES[principal.role] ?? [],
      addDays(filter.today, 1 - DAYS),
    ),
    // The certificate register is the regulator's alone (the search it opens is too).
    principal.role === 'regulator' ? certificatesByState(ctx.db) : [],
  ]);
  const rows = counted
    .map((r) => ({
      type: r.type ?? 'unknown',
      typeName: r.type ? (TYPE_NAMES[r.type] ?? r.type) : '其他',
      open: r.open,
      warning: r.warning,
      overdue: r.overdue,
    }))
    .sort((a, b) => b.open - a.open);
  return {
    open: rows.reduce((n, r) => n + r.open, 0),
    warning: rows.reduce((n, r) => n + r.warning, 0),
    overdue: rows.reduce((n, r) => n + r.overdue, 0),
    byType: rows,
    byAge: ageBuckets(filter.today, bySubmission),
    submittedPerDay: perDay(filter.today, DAYS, submitted),
    certificatesByState: states
      .map((s) => ({
        state: s.state,
        stateName: CERTIFICATE_STATE_NAMES[s.state as CertificateState] ?? s.state,
        count: s.count,
      }))
      .sort((a, b) => b.count - a.count),
  };
}
