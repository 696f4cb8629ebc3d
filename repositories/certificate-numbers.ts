import type { Knex } from 'knex';
import { Certificate, certificateQuery } from './certificates';

/** The certificate that holds or held a number (a number never belongs to two), if any. */
export async function numberHolder(db: Knex, number: string): Promise<string | undefined> {
  const row = await db('certificate_numbers').where({ number }).first('certificate_id');
  return row ? String(row.certificate_id) : undefined;
}

/**
 * The certificate with this number, current or former (SPEC §5.3: all of a certificate's
 * numbers stay resolvable), and whether this province issued it.
 */
export async function findCertificateByAnyNumber(
  db: Knex,
  number: string,
): Promise<(Certificate & { issuedInProvince: boolean }) | undefined> {
  return certificateQuery(db)
    .join('certificate_numbers as n', 'n.certificate_id', 'c.id')
    .where('n.number', number)
    .select({ issuedInProvince: 'c.issued_in_province' })
    .first();
}

/**
 * The numbers a certificate held before its current one, in the order it first took them
 * (`CertificateFacts.previousNumbers`: CE records may cite them).
 */
export async function previousNumbersOf(db: Knex, certificateId: string): Promise<string[]> {
  return db('certificate_numbers')
    .where({ certificate_id: certificateId })
    .whereNotNull('until')
    .orderBy('id')
    .pluck('number');
}
