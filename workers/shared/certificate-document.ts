/** What an issue or reissue prints: the snapshot kept with it and the PDF (SPEC §5.4, §10). */
import { JOB_TYPE_NAMES, JobTypeCode } from '../../domain/categories';
import { CERTIFICATE_TYPE_NAMES } from '../../domain/certificate-types';
import { ISSUING_AUTHORITY } from '../../domain/certificate-usability';
import type { CertificatePdfInput } from '../../documents/certificate-pdf';
import { sharedPdfPool } from '../../documents/pdf-pool';
import type { CertificatePrintData } from '../../repositories/certificate-issuance';

/** The public verification link of the QR code; the base comes from PUBLIC_BASE_URL. */
export function verificationUrl(token: string): string {
  const base = (process.env.PUBLIC_BASE_URL || 'http://localhost:3000').replace(/\/+$/, '');
  return `${base}/api/verify/${token}`;
}

export interface CertificateDocument {
  /** Every printed field except the photo bytes (kept on the person), to re-render later. */
  snapshot: Record<string, unknown>;
  pdf: Buffer;
}

export async function renderCertificateDocument(
  c: CertificatePrintData,
): Promise<CertificateDocument> {
  const input: CertificatePdfInput = {
    holderName: c.holderName,
    sex: c.sex,
    idNumber: c.idNumber,
    certificateNumber: c.number,
    type: c.type,
    typeName: CERTIFICATE_TYPE_NAMES[c.type],
    jobTypeName: c.jobType ? (JOB_TYPE_NAMES[c.jobType as JobTypeCode] ?? null) : null,
    unitName: c.unitName,
    firstIssueDate: c.firstIssueDate,
    validFrom: c.validityStart,
    validUntil: c.validityEnd,
    ceDeadline: c.ceDeadline,
    issuingAuthority: ISSUING_AUTHORITY,
    photo: c.photo,
    verificationUrl: verificationUrl(c.verifyToken),
  };
  // On a PDF thread: the job's transaction stays open while it waits (the number and the print
  // data come from it), but the event loop is free for the other jobs and the API meanwhile.
  const pdf = await sharedPdfPool().render(input);
  const { photo, ...printed } = input;
  return { snapshot: { ...printed, hasPhoto: Boolean(photo) }, pdf };
}
