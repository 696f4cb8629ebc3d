/**
 * `application-checks`: runs the header's check codes (SPEC §6) on the application's data as it
 * is now (a new issue, or a business on an existing certificate), stores the results on the application and tells the diagram whether they passed and
 * whether the failures differ from the previous run (so the person is messaged once per change).
 */
import { isJobTypeCode } from '../domain/categories';
import { isCertificateType } from '../domain/certificate-types';
import { assertCheckCodes, runChecks } from '../domain/checks/run-checks';
import { storeCheckResults } from '../repositories/application-progress';
import { certificateCheckContext, newIssueCheckContext } from '../repositories/check-context';
import {
  JobHandler,
  JobInput,
  optionalVariable,
  requireHeader,
  requireVariable,
} from './runtime/job-handler';

export interface CheckResultVariable {
  code: string;
  passed: boolean;
  message: string;
}

function failedCodes(results: unknown): string[] | null {
  if (!Array.isArray(results)) return null;
  return (results as CheckResultVariable[])
    .filter((r) => r && r.passed === false)
    .map((r) => r.code)
    .sort();
}

function wanted(job: JobInput) {
  const type = requireVariable(job, 'certificateType');
  if (!isCertificateType(type)) throw new Error(`Unknown certificate type: ${type}`);
  const jobType = optionalVariable(job, 'jobTypeCode');
  if (jobType !== null && !isJobTypeCode(jobType)) throw new Error(`Unknown job type: ${jobType}`);
  return { type, jobType, unitEnterpriseId: requireVariable(job, 'enterpriseId') };
}

export const applicationChecks: JobHandler = async ({ trx, job, today }) => {
  const codes = requireHeader(job, 'checks')
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  // An unknown code is a diagram error: fail the job so the incident shows it.
  assertCheckCodes(codes);
  const applicationId = requireVariable(job, 'applicationId');
  // A business on an existing certificate (SPEC §7.2–§7.7) checks that certificate, which its
  // own application holds busy; a new issue checks the certificate it would create.
  const certificateId = optionalVariable(job, 'certificateId');
  const ctx = certificateId
    ? await certificateCheckContext(trx, certificateId, today, applicationId)
    : await newIssueCheckContext(trx, requireVariable(job, 'personId'), wanted(job), today);
  const outcome = runChecks(codes, ctx);
  const checkResults: CheckResultVariable[] = outcome.results.map((r) => ({
    code: r.code,
    passed: r.ok,
    message: r.message,
  }));
  await storeCheckResults(trx, applicationId, checkResults);
  const before = failedCodes(job.variables.checkResults);
  const after = failedCodes(checkResults)!;
  const checkResultsChanged = before === null || before.join(',') !== after.join(',');
  return {
    variables: { checkResults, allChecksPassed: outcome.ok, checkResultsChanged },
    // A daily re-check with the same failures adds nothing to the timeline.
    quiet: !checkResultsChanged && !outcome.ok,
  };
};
