/** `message-send`: one rendered message per recipient of the header (SPEC §9). */
import type { Knex } from 'knex';
import { categoryNames, isCategoryCode, isJobTypeCode } from '../domain/categories';
import { certificateLabel, isCertificateType } from '../domain/certificate-types';
import { deliverMessage } from '../repositories/message-delivery';
import {
  JobHandler,
  JobInput,
  optionalVariable,
  requireHeader,
  requireVariable,
} from './runtime/job-handler';
import { MessageData, renderMessage } from './shared/message-templates';

const RECIPIENTS = ['person', 'enterprise'] as const;
type RecipientKind = (typeof RECIPIENTS)[number];

function recipients(header: string): RecipientKind[] {
  const kinds = header.split(',').map((s) => s.trim());
  const unknown = kinds.filter((k) => !(RECIPIENTS as readonly string[]).includes(k));
  if (unknown.length > 0) throw new Error(`Unknown message recipient(s): ${unknown.join(', ')}`);
  return kinds as RecipientKind[];
}

async function nameOf(trx: Knex, table: 'persons' | 'enterprises', id: string | null) {
  if (!id) return '';
  const row = await trx(table).where({ id }).first('name');
  return row ? String(row.name) : '';
}

function label(job: JobInput): string {
  const type = job.variables.certificateType;
  if (!isCertificateType(type)) return '';
  const jobType = job.variables.jobTypeCode;
  return certificateLabel(type, isJobTypeCode(jobType) ? jobType : null);
}

function failedChecks(job: JobInput): string[] {
  const results = job.variables.checkResults;
  if (!Array.isArray(results)) return [];
  return results
    .filter((r): r is { passed: false; message: string } => r?.passed === false)
    .map((r) => String(r.message));
}

async function messageData(trx: Knex, job: JobInput): Promise<MessageData> {
  const categories = Array.isArray(job.variables.categories)
    ? job.variables.categories.filter(isCategoryCode)
    : [];
  return {
    personName: await nameOf(trx, 'persons', optionalVariable(job, 'personId')),
    enterpriseName: await nameOf(trx, 'enterprises', optionalVariable(job, 'enterpriseId')),
    comment: optionalVariable(job, 'comment') ?? '',
    certificateLabel: label(job),
    certificateNumber: optionalVariable(job, 'certificateNumber') ?? '',
    categoryNames: categoryNames(categories),
    failedChecks: failedChecks(job),
    businessName: optionalVariable(job, 'businessName') ?? '',
    ceDeadline: optionalVariable(job, 'ceDeadline') ?? undefined,
    validityEnd: optionalVariable(job, 'validityEnd') ?? undefined,
  };
}

export const messageSend: JobHandler = async ({ trx, job }) => {
  const kinds = recipients(requireHeader(job, 'recipient'));
  const category = requireHeader(job, 'category');
  const { title, body } = renderMessage(
    requireHeader(job, 'template'),
    await messageData(trx, job),
  );
  const applicationId = optionalVariable(job, 'applicationId');
  const certificateId = optionalVariable(job, 'certificateId');
  const link = certificateId
    ? `/api/certificates/${certificateId}`
    : applicationId
      ? `/api/applications/${applicationId}`
      : null;
  for (const kind of kinds) {
    const id = requireVariable(job, kind === 'person' ? 'personId' : 'enterpriseId');
    await deliverMessage(trx, {
      personId: kind === 'person' ? id : null,
      enterpriseId: kind === 'enterprise' ? id : null,
      category,
      title,
      body,
      link,
      applicationId,
      certificateId,
      // Job key + recipient: a retried job can never send the same message twice.
      dedupeKey: `job:${job.key}:${kind}:${id}`,
    });
  }
  return { variables: {} };
};
