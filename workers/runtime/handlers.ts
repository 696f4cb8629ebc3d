/** Every job type the workers serve: job type = file name in workers/ (processes/README.md). */
import { applicationChecks } from '../application-checks';
import { applicationLapse } from '../application-lapse';
import { applicationReject } from '../application-reject';
import { categoryChangeApply } from '../category-change-apply';
import { categoryRegistrationApply } from '../category-registration-apply';
import { certificateIssue } from '../certificate-issue';
import { employmentActivate } from '../employment-activate';
import { employmentDecline } from '../employment-decline';
import { employmentEnd } from '../employment-end';
import { employmentLapse } from '../employment-lapse';
import { messageSend } from '../message-send';
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
};
