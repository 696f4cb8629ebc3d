/**
 * Continuing-education records (继续再教育记录, SPEC §7.5, §7.6): imported once per
 * (certificate, sequence, pass date), read by the checks, the automatic review and the renewal.
 */
import type { Knex } from 'knex';
import type { CalendarDate } from '../domain/calendar-date';
import type { CeRecord } from '../domain/checks/check-context';

/** A stored record: the checks' `CeRecord` with its key. */
export interface StoredCeRecord extends CeRecord {
  id: string;
}

/** A record as staff and the certificate's holder see it. */
export interface CeRecordListing extends StoredCeRecord {
  certificateId: string;
  currentNumber: string;
  holderName: string;
  idNumber: string;
  usedByApplicationId: string | null;
  batchId: string | null;
  importedAt: Date;
}

export interface NewCeRecord {
  certificateId: string;
  certificateNumber: string;
  sequence: 1 | 2;
  passDate: CalendarDate;
  batchId: string;
  importedByAccountId: string;
}

const STORED = {
  id: 'r.id',
  certificateNumber: 'r.certificate_number',
  sequence: 'r.sequence',
  passDate: 'r.pass_date',
};

function storedQuery(db: Knex) {
  return db('ce_records as r').select({
    ...STORED,
    usedByRenewal: db.raw('r.used_by_application_id is not null'),
  });
}

function asStored(row: Record<string, unknown>): StoredCeRecord {
  return {
    id: String(row.id),
    certificateNumber: String(row.certificateNumber),
    sequence: Number(row.sequence) as 1 | 2,
    passDate: String(row.passDate),
    usedByRenewal: Boolean(row.usedByRenewal),
  };
}

/** Inserts a record; undefined when the same (certificate, sequence, pass date) is stored. */
export async function insertCeRecord(db: Knex, r: NewCeRecord): Promise<string | undefined> {
  const rows = await db('ce_records')
    .insert({
      certificate_id: r.certificateId,
      certificate_number: r.certificateNumber,
      sequence: r.sequence,
      pass_date: r.passDate,
      batch_id: r.batchId,
      imported_by_account_id: r.importedByAccountId,
    })
    // Only ce_records_one_per_pass can conflict (a new row has no application): a re-import.
    .onConflict(['certificate_id', 'sequence', 'pass_date'])
    .ignore()
    .returning('id');
  return rows[0] ? String(rows[0].id) : undefined;
}

/** The stored record of this certificate, sequence and pass date, if imported before. */
export async function findCeRecord(
  db: Knex,
  certificateId: string,
  sequence: 1 | 2,
  passDate: CalendarDate,
): Promise<StoredCeRecord | undefined> {
  const row = await storedQuery(db)
    .where({ 'r.certificate_id': certificateId, 'r.sequence': sequence, 'r.pass_date': passDate })
    .first();
  return row ? asStored(row) : undefined;
}

/** Every record of a certificate, whichever of its numbers it was imported under, oldest first. */
export async function ceRecordsOfCertificate(
  db: Knex,
  certificateId: string,
): Promise<StoredCeRecord[]> {
  const rows = await storedQuery(db)
    .where('r.certificate_id', certificateId)
    .orderBy([{ column: 'r.pass_date' }, { column: 'r.id' }]);
  return rows.map(asStored);
}

/**
 * The first sequence-1 record of a certificate passed between `from` and `to` inclusive (the
 * automatic review, SPEC §7.5), if any.
 */
export async function firstCeRecordWithin(
  db: Knex,
  certificateId: string,
  from: CalendarDate,
  to: CalendarDate,
): Promise<StoredCeRecord | undefined> {
  const row = await storedQuery(db)
    .where({ 'r.certificate_id': certificateId, 'r.sequence': 1 })
    .whereBetween('r.pass_date', [from, to])
    .orderBy([{ column: 'r.pass_date' }, { column: 'r.id' }])
    .first();
  return row ? asStored(row) : undefined;
}

/**
 * Marks a record used by a renewal (SPEC §7.6). True when it is now used by this application
 * (also when a retried job had marked it already); false when another renewal used it.
 */
export async function markCeRecordUsed(
  db: Knex,
  recordId: string,
  applicationId: string,
): Promise<boolean> {
  const rows = await db('ce_records')
    .where({ id: recordId })
    .where((q) =>
      q.whereNull('used_by_application_id').orWhere('used_by_application_id', applicationId),
    )
    .update({ used_by_application_id: applicationId })
    .returning('id');
  return rows.length === 1;
}

/** Records for the listings: of one certificate, or of every certificate of one holder. */
export async function listCeRecords(
  db: Knex,
  filter: { certificateId?: string; idNumber?: string },
  limit = 500,
): Promise<CeRecordListing[]> {
  const q = db('ce_records as r')
    .join('certificates as c', 'c.id', 'r.certificate_id')
    .join('persons as p', 'p.id', 'c.person_id')
    .select({
      ...STORED,
      usedByRenewal: db.raw('r.used_by_application_id is not null'),
      certificateId: 'r.certificate_id',
      currentNumber: 'c.number',
      holderName: 'c.holder_name',
      idNumber: 'p.id_number',
      usedByApplicationId: 'r.used_by_application_id',
      batchId: 'r.batch_id',
      importedAt: 'r.created_at',
    })
    .orderBy([{ column: 'r.certificate_id' }, { column: 'r.pass_date' }, { column: 'r.id' }])
    .limit(limit);
  if (filter.certificateId) q.where('r.certificate_id', filter.certificateId);
  if (filter.idNumber) q.where('p.id_number', filter.idNumber);
  const rows: Array<Record<string, unknown>> = await q;
  return rows.map((row) => ({
    ...asStored(row),
    certificateId: String(row.certificateId),
    currentNumber: String(row.currentNumber),
    holderName: String(row.holderName),
    idNumber: String(row.idNumber),
    usedByApplicationId: row.usedByApplicationId == null ? null : String(row.usedByApplicationId),
    batchId: (row.batchId as string | null) ?? null,
    importedAt: row.importedAt as Date,
  }));
}
