import type { Knex } from 'knex';
import { aliased } from './columns';

export interface ResumeEntry {
  id: string;
  startDate: string;
  endDate: string | null;
  organisation: string;
  position: string | null;
  description: string | null;
}

export interface ResumeEntryInput {
  startDate: string;
  endDate?: string | null;
  organisation: string;
  position?: string | null;
  description?: string | null;
}

const COLUMNS = {
  id: 'id',
  startDate: 'start_date',
  endDate: 'end_date',
  organisation: 'organisation',
  position: 'position',
  description: 'description',
};

function toRow(entry: Partial<ResumeEntryInput>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  if (entry.startDate !== undefined) row.start_date = entry.startDate;
  if (entry.endDate !== undefined) row.end_date = entry.endDate;
  if (entry.organisation !== undefined) row.organisation = entry.organisation;
  if (entry.position !== undefined) row.position = entry.position;
  if (entry.description !== undefined) row.description = entry.description;
  return row;
}

export async function listResumeEntries(db: Knex, personId: string): Promise<ResumeEntry[]> {
  return db('resume_entries')
    .where({ person_id: personId })
    .orderBy([{ column: 'start_date' }, { column: 'id' }])
    .select(COLUMNS);
}

export async function findResumeEntry(
  db: Knex,
  personId: string,
  id: string,
): Promise<ResumeEntry | undefined> {
  return db('resume_entries').where({ person_id: personId, id }).first(COLUMNS);
}

export async function insertResumeEntry(
  db: Knex,
  personId: string,
  entry: ResumeEntryInput,
): Promise<ResumeEntry> {
  const [row] = await db('resume_entries')
    .insert({ person_id: personId, ...toRow(entry) })
    .returning(aliased(COLUMNS));
  return row;
}

/** Applies the given fields; undefined when the person has no such entry. */
export async function updateResumeEntry(
  db: Knex,
  personId: string,
  id: string,
  changes: Partial<ResumeEntryInput>,
): Promise<ResumeEntry | undefined> {
  const [row] = await db('resume_entries')
    .where({ person_id: personId, id })
    .update(toRow(changes))
    .returning(aliased(COLUMNS));
  return row;
}

export async function deleteResumeEntry(db: Knex, personId: string, id: string): Promise<boolean> {
  return (await db('resume_entries').where({ person_id: personId, id }).delete()) > 0;
}
