import type { Knex } from 'knex';

export interface NewExamResult {
  idNumber: string;
  name: string;
  personId: string | null;
  certType: 'A' | 'B' | 'C';
  jobType: string | null;
  enterpriseCreditCode: string | null;
  examDate: string;
  passed: boolean;
  batchId: string;
  importedByAccountId: string;
}

/** Inserts a result; undefined when the same exam (person, type, job type, date) is recorded. */
export async function insertExamResult(db: Knex, r: NewExamResult): Promise<string | undefined> {
  const rows = await db('exam_results')
    .insert({
      id_number: r.idNumber,
      name: r.name,
      person_id: r.personId,
      cert_type: r.certType,
      job_type: r.jobType,
      enterprise_credit_code: r.enterpriseCreditCode,
      exam_date: r.examDate,
      passed: r.passed,
      batch_id: r.batchId,
      imported_by_account_id: r.importedByAccountId,
    })
    // Only the one-per-exam unique index can conflict: a re-imported row is a duplicate.
    .onConflict()
    .ignore()
    .returning('id');
  return rows[0] ? String(rows[0].id) : undefined;
}

export async function deleteExamResult(db: Knex, id: string): Promise<void> {
  await db('exam_results').where({ id }).delete();
}
