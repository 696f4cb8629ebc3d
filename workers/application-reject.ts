/**
 * `application-reject`: the application ends rejected (SPEC §7.8); the database frees its
 * certificates as it ends (migration 014). With header `because=checks` the rejection is the
 * re-check right before the data would be written (SPEC §7): the timeline says which failed.
 */
import { releaseCertificates } from '../repositories/application-progress';
import { JobHandler, JobInput, requireVariable } from './runtime/job-handler';

function failedChecks(job: JobInput): string {
  const results = Array.isArray(job.variables.checkResults) ? job.variables.checkResults : [];
  const failed = results
    .filter((r): r is { passed: false; message: string } => r?.passed === false)
    .map((r) => String(r.message));
  return `办理时复核未通过：${failed.join('；') || '检测条件不满足'}`;
}

export const applicationReject: JobHandler = async ({ trx, job }) => {
  await releaseCertificates(trx, requireVariable(job, 'applicationId'));
  return {
    variables: {},
    ...(job.headers.because === 'checks' ? { comment: failedChecks(job) } : {}),
  };
};
