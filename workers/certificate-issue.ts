/**
 * `certificate-issue`: the new certificate of an approved exam result (SPEC §5.3, §5.4, §7.1):
 * number from the province-wide serial, dates from today, the row, its first issuance with the
 * printed snapshot and the PDF. One certificate per exam result, whatever retries happen.
 */
import { isCategoryCode, isJobTypeCode } from '../domain/categories';
import { certificateDates } from '../domain/certificate-dates';
import { formatCertificateNumber } from '../domain/certificate-number';
import { isCertificateType } from '../domain/certificate-types';
import { toParts } from '../domain/calendar-date';
import {
  findCertificateOfExamResult,
  findCertificatePrintData,
  insertCertificate,
  insertIssuance,
  nextCertificateSerial,
} from '../repositories/certificate-issuance';
import { findEnterpriseById } from '../repositories/enterprises';
import { findPersonById } from '../repositories/persons';
import { JobHandler, optionalVariable, requireVariable } from './runtime/job-handler';
import { renderCertificateDocument } from './shared/certificate-document';

export const certificateIssue: JobHandler = async ({ trx, job, today }) => {
  const applicationId = requireVariable(job, 'applicationId');
  const examResultId = requireVariable(job, 'examResultId');
  const personId = requireVariable(job, 'personId');
  const unitId = requireVariable(job, 'enterpriseId');
  const type = requireVariable(job, 'certificateType');
  const jobType = optionalVariable(job, 'jobTypeCode');
  if (!isCertificateType(type)) throw new Error(`Unknown certificate type: ${type}`);

  // A second job for the same exam result (not just a retry of this one) issues nothing new.
  const existing = await findCertificateOfExamResult(trx, examResultId);
  if (existing) {
    return { variables: { certificateId: existing.id, certificateNumber: existing.number } };
  }

  const person = await findPersonById(trx, personId);
  const unit = await findEnterpriseById(trx, unitId);
  if (!person || !unit) throw new Error(`Person ${personId} or enterprise ${unitId} not found`);
  const year = toParts(today).year;
  const serial = await nextCertificateSerial(trx);
  let number: string;
  if (type === 'C') {
    if (!isJobTypeCode(jobType)) throw new Error(`C certificate needs a job type, got ${jobType}`);
    number = formatCertificateNumber({ type, jobType, year, serial });
  } else {
    number = formatCertificateNumber({
      type,
      categories: unit.categories.filter(isCategoryCode),
      year,
      serial,
    });
  }
  const dates = certificateDates(today, person.birthDate, person.sex);
  const certificateId = await insertCertificate(trx, {
    personId,
    number,
    type,
    jobType: type === 'C' ? jobType : null,
    unitEnterpriseId: unitId,
    unitName: unit.name,
    holderName: person.name,
    firstIssueDate: today,
    ...dates,
    examResultId,
  });
  const printed = await findCertificatePrintData(trx, certificateId);
  const document = await renderCertificateDocument(printed!);
  await insertIssuance(trx, {
    certificateId,
    applicationId,
    kind: 'issue',
    reason: 'new',
    number,
    ...document,
  });
  return {
    variables: { certificateId, certificateNumber: number },
    // Holding rules of the person's other waiting applications may now fail.
    changed: { personIds: [personId] },
  };
};
