/** Every job type the workers serve: job type = file name in workers/ (processes/README.md). */
import { applicationChecks } from '../application-checks';
import { applicationLapse } from '../application-lapse';
import { applicationReject } from '../application-reject';
import { categoryChangeApply } from '../category-change-apply';
import { categoryRegistrationApply } from '../category-registration-apply';
import { certificateCancel } from '../certificate-cancel';
import { ceReview } from '../ce-review';
import { ceReviewNotify } from '../ce-review-notify';
import { certificateIssue } from '../certificate-issue';
import { employmentActivate } from '../employment-activate';
import { employmentDecline } from '../employment-decline';
import { employmentEnd } from '../employment-end';
import { employmentLapse } from '../employment-lapse';
import { enterpriseRenameApply } from '../enterprise-rename-apply';
import { messageSend } from '../message-send';
import { nameChangeApply } from '../name-change-apply';
import { renewalApply } from '../renewal-apply';
import { workUnitChangeApply } from '../work-unit-change-apply';
import type { JobHandler } from './job-handler';

export const JOB_HANDLERS: Readonly<Record<string, JobHandler>> = {
  'message-send': messageSend,
  'application-reject': applicationReject,
  'application-checks': applicationChecks,
  'application-lapse': applicationLapse,
  'certificate-issue': certificateIssue,
  'employment-activate': employmentActivate,
  'employment-decline': employmentDecline,
  'employment-lapse': employmentLapse,
  'employment-end': employmentEnd,
  'category-registration-apply': categoryRegistrationApply,
  'category-change-apply': categoryChangeApply,
  'work-unit-change-apply': workUnitChangeApply,
  'name-change-apply': nameChangeApply,
  'renewal-apply': renewalApply,
  'certificate-cancel': certificateCancel,
  'enterprise-rename-apply': enterpriseRenameApply,
  'ce-review': ceReview,
  'ce-review-notify': ceReviewNotify,
};

/**
 * Jobs of a type one worker holds at once, where fewer than the default: each of these jobs
 * works on hundreds of certificates in one transaction, and eight at once would take both cores
 * from the API's queries (bench:review).
 */
export const JOB_CONCURRENCY: Readonly<Record<string, number>> = {
  'ce-review': 2,
  'ce-review-notify': 2,
};
