import type { Knex } from 'knex';

export interface Employment {
  id: string;
  state: string;
  personId: string;
  personName: string;
  idNumber: string;
  enterpriseId: string;
  enterpriseName: string;
  creditCode: string;
  contractStart: string;
  contractEnd: string | null;
  proposedAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
}

function employments(db: Knex) {
  return db('employments as m')
    .join('persons as p', 'p.id', 'm.person_id')
    .join('enterprises as e', 'e.id', 'm.enterprise_id')
    .select({
      id: 'm.id',
      state: 'm.state',
      personId: 'm.person_id',
      personName: 'p.name',
      idNumber: 'p.id_number',
      enterpriseId: 'm.enterprise_id',
      enterpriseName: 'e.name',
      creditCode: 'e.credit_code',
      contractStart: 'm.contract_start',
      contractEnd: 'm.contract_end',
      proposedAt: 'm.proposed_at',
      startedAt: 'm.started_at',
      endedAt: 'm.ended_at',
    });
}

/** All of a person's employments and proposals, newest first. */
export async function listEmploymentsOfPerson(db: Knex, personId: string): Promise<Employment[]> {
  return employments(db)
    .where('m.person_id', personId)
    .orderBy([
      { column: 'm.proposed_at', order: 'desc' },
      { column: 'm.id', order: 'desc' },
    ]);
}

/** The enterprise's staff: its active employments, by person name. */
export async function listActiveStaff(db: Knex, enterpriseId: string): Promise<Employment[]> {
  return employments(db)
    .where({ 'm.enterprise_id': enterpriseId, 'm.state': 'active' })
    .orderBy([{ column: 'p.name' }, { column: 'm.id' }]);
}

export interface EmploymentContract {
  personId: string;
  enterpriseId: string;
  fileName: string;
  mime: string;
  data: Buffer;
}

/** The labour-contract file of an employment (proposal), with its two parties. */
export async function findEmploymentContract(
  db: Knex,
  id: string,
): Promise<EmploymentContract | undefined> {
  return db('employments').where({ id }).first({
    personId: 'person_id',
    enterpriseId: 'enterprise_id',
    fileName: 'contract_file_name',
    mime: 'contract_file_mime',
    data: 'contract_file',
  });
}

export interface NewEmploymentProposal {
  personId: string;
  enterpriseId: string;
  contractStart: string;
  contractEnd: string | null;
  contractFile: Buffer;
  contractFileName: string;
  contractFileMime: string;
}

/** A proposal awaiting the person's consent (state `proposed`). */
export async function insertEmploymentProposal(
  db: Knex,
  p: NewEmploymentProposal,
): Promise<string> {
  const [row] = await db('employments')
    .insert({
      person_id: p.personId,
      enterprise_id: p.enterpriseId,
      contract_start: p.contractStart,
      contract_end: p.contractEnd,
      contract_file: p.contractFile,
      contract_file_name: p.contractFileName,
      contract_file_mime: p.contractFileMime,
      commitment_accepted_at: db.fn.now(),
    })
    .returning('id');
  return String(row.id);
}

export async function deleteEmploymentProposal(db: Knex, id: string): Promise<void> {
  await db('employments').where({ id, state: 'proposed' }).delete();
}

export async function findEmployment(db: Knex, id: string): Promise<Employment | undefined> {
  return employments(db).where('m.id', id).first();
}

/** The person's active employment, if any (SPEC §3: at most one). */
export async function findActiveEmployment(
  db: Knex,
  personId: string,
): Promise<Employment | undefined> {
  return employments(db).where({ 'm.person_id': personId, 'm.state': 'active' }).first();
}
