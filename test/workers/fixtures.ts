/** Seeds the rows a process needs, as the API would have written them before starting it. */
import type { Knex } from 'knex';
import { samplePhotoPng } from '../documents/certificate-fixture';
import {
  creditCode,
  idNumber,
  insert,
  makeEmployment,
  makeEnterprise,
  makePerson,
} from '../migrations/fixtures';

export { creditCode, idNumber, makeEmployment };

/** A verified person with an ID photo, born 1990-01-01 unless overridden. */
export async function seedPerson(db: Knex, over: Record<string, unknown> = {}) {
  const birth = String(over.birth_date ?? '1990-01-01');
  const sex = (over.sex ?? 'M') as 'M' | 'F';
  return makePerson(db, {
    id_number: idNumber(birth.replace(/-/g, ''), sex),
    name: '王建国',
    sex,
    birth_date: birth,
    photo: samplePhotoPng(),
    photo_mime: 'image/png',
    photo_updated_at: new Date(),
    ...over,
  });
}

/** An in-province enterprise with approved categories G P unless overridden. */
export function seedEnterprise(db: Knex, over: Record<string, unknown> = {}) {
  return makeEnterprise(db, { name: '西宁燃气有限公司', ...over });
}

export function seedApplication(db: Knex, row: Record<string, unknown>) {
  return insert(db, 'applications', row);
}

export async function seedExamResult(db: Knex, row: Record<string, unknown>) {
  return insert(db, 'exam_results', {
    passed: true,
    batch_id: 'batch-1',
    exam_date: '2026-11-01',
    job_type: null,
    ...row,
  });
}

export async function messagesOf(db: Knex, where: Record<string, unknown>) {
  return db('messages').where(where).orderBy('id').select('*');
}

export async function timelineOf(db: Knex, applicationId: string) {
  const rows = await db('application_events')
    .where({ application_id: applicationId })
    .orderBy('id')
    .select('step', 'actor_name', 'actor_account_id');
  return rows as Array<{ step: string; actor_name: string; actor_account_id: string | null }>;
}

export async function applicationOf(db: Knex, id: string) {
  return db('applications').where({ id }).first('*');
}
