/**
 * `ce-review` (系统自动复核, SPEC §7.5): reviews every certificate of one review run (the
 * certificates the daily work owed to this application) in the job's one transaction, set-based
 * (repositories/ce-reviews.ts). One instance reviews up to a daily-work batch of certificates:
 * ten thousand certificates due on one day are fifty instances, not ten thousand (docs/decisions.md).
 *
 * Idempotent twice over: a retried job is answered from `job_effects`, and the `ce_reviews` row
 * is unique per certificate and deadline, so a second run for the same deadline reviews nothing.
 * Output: `reviewPassed`, `reviewFailed`, `reviewSkipped` (counts).
 */
import { reviewRun } from '../repositories/ce-reviews';
import { JobHandler, requireVariable } from './runtime/job-handler';

export const ceReview: JobHandler = async ({ trx, job }) => {
  const applicationId = requireVariable(job, 'applicationId');
  const tally = await reviewRun(trx, applicationId);
  const skipped = tally.skipped > 0 ? `，${tally.skipped} 张已复核或已非有效状态，未再复核` : '';
  return {
    variables: {
      reviewPassed: tally.passed,
      reviewFailed: tally.failed,
      reviewSkipped: tally.skipped,
    },
    comment: `复核 ${tally.passed + tally.failed} 张证书：通过 ${tally.passed} 张，标记异常 ${tally.failed} 张${skipped}`,
  };
};
