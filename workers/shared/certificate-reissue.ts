/**
 * One reissue (换发) of a certificate for a business (SPEC §7.2–§7.6): the row takes the new
 * printed facts, the number may change (the trigger of migration 005 keeps the old one
 * resolvable), a new issuance row with the snapshot and the new PDF. Once per (application,
 * certificate): a second run for the same application returns what the first one issued.
 */
import type { Knex } from 'knex';
import { findCertificatePrintData, insertIssuance } from '../../repositories/certificate-issuance';
import { renderCertificateDocument } from './certificate-document';

export type ReissueReason = 'work-unit-change' | 'enterprise-rename' | 'name-change' | 'renewal';

/** The columns a reissue may change. */
export interface ReissueChanges {
  number?: string;
  unit_enterprise_id?: string;
  unit_name?: string;
  holder_name?: string;
  validity_start?: string;
  validity_end?: string;
  ce_deadline?: string;
  ce_reviewed?: boolean;
}

export async function reissueCertificate(
  trx: Knex,
  certificateId: string,
  applicationId: string,
  reason: ReissueReason,
  changes: ReissueChanges,
): Promise<{ number: string }> {
  const done = await trx('certificate_issuances')
    .where({ certificate_id: certificateId, application_id: applicationId })
    .first('number');
  if (done) return { number: done.number };
  await trx('certificates').where({ id: certificateId }).update(changes);
  const printed = await findCertificatePrintData(trx, certificateId);
  if (!printed) throw new Error(`Certificate ${certificateId} does not exist`);
  const document = await renderCertificateDocument(printed);
  await insertIssuance(trx, {
    certificateId,
    applicationId,
    kind: 'reissue',
    reason,
    number: printed.number,
    ...document,
  });
  return { number: printed.number };
}
