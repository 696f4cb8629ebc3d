import type { Migration } from '../db/migration-source';
import { identity } from './001-identity';
import { employments } from './002-employments';
import { examResults } from './003-exam-results';
import { applications } from './004-applications';
import { certificates } from './005-certificates';
import { certificateIssuances } from './006-certificate-issuances';
import { continuingEducation } from './007-continuing-education';
import { messages } from './008-messages';
import { auditLog } from './009-audit-log';
import { jobEffects } from './010-job-effects';
import { appSecrets } from './011-app-secrets';
import { loginThrottle } from './012-login-throttle';
import { outboxAndDecisions } from './013-outbox-and-decisions';
import { certificateBusiness } from './014-certificate-business';
import { certificateNumbersRegained } from './015-certificate-numbers-regained';
import { certificateHistory } from './019-certificate-history';
import { dailyWork } from './016-daily-work';
import { dailyWorkKeyset } from './027-daily-work-keyset';
import { analystRole } from './024-analyst-role';
import { processDrafts } from './025-process-drafts';
import { taskQueue } from './022-task-queue';
import { revokedTokens } from './023-revoked-tokens';

/** The application's migrations, in order. Append only; never edit a shipped one. */
export const appMigrations: Migration[] = [
  identity,
  employments,
  examResults,
  applications,
  certificates,
  certificateIssuances,
  continuingEducation,
  messages,
  auditLog,
  jobEffects,
  appSecrets,
  loginThrottle,
  outboxAndDecisions,
  certificateBusiness,
  certificateNumbersRegained,
  certificateHistory,
  dailyWork,
  dailyWorkKeyset,
  analystRole,
  processDrafts,
  taskQueue,
  revokedTokens,
];
