import type { Knex } from 'knex';

/**
 * Small insert helpers for the schema tests: each makes a valid row with unique keys, and
 * takes overrides for the column under test. Keys come back as strings (int8).
 */

type Row = Record<string, unknown>;
export type Inserted = Row & { id: string };

let counter = 0;
const next = (): number => ++counter;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A resident ID number with a correct GB 11643 check character. */
export function idNumber(birth = '19900101', sex: 'M' | 'F' = 'M'): string {
  const seq = (next() % 500) * 2 + (sex === 'M' ? 1 : 0);
  const body = `630102${birth}${String(seq).padStart(3, '0')}`;
  const sum = [...body].reduce((s, c, i) => s + Number(c) * ID_WEIGHTS[i], 0);
  return body + '10X98765432'[sum % 11];
}

const CC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A unified social credit code with a correct GB 32100 check character. */
export function creditCode(division = '630100'): string {
  const body = `91${division}${String(next()).padStart(9, '0')}`;
  const sum = [...body].reduce((s, c, i) => s + CC_CHARS.indexOf(c) * CC_WEIGHTS[i], 0);
  return body + CC_CHARS[(31 - (sum % 31)) % 31];
}

export async function insert(db: Knex, table: string, row: Row): Promise<Inserted> {
  const [inserted] = await db(table).insert(row).returning('*');
  return inserted as Inserted;
}

export function makePerson(db: Knex, over: Row = {}): Promise<Inserted> {
  const id = idNumber();
  return insert(db, 'persons', {
    id_number: id,
    name: '张三',
    sex: 'M',
    birth_date: '1990-01-01',
    verified_at: new Date(),
    ...over,
  });
}

export function makeEnterprise(db: Knex, over: Row = {}): Promise<Inserted> {
  return insert(db, 'enterprises', {
    credit_code: creditCode(),
    name: '西宁燃气有限公司',
    categories: ['G', 'P'],
    category_registration: 'approved',
    ...over,
  });
}

export function makeEmployment(
  db: Knex,
  personId: string,
  enterpriseId: string,
  over: Row = {},
): Promise<Inserted> {
  const state = over.state ?? 'active';
  return insert(db, 'employments', {
    person_id: personId,
    enterprise_id: enterpriseId,
    state,
    contract_start: '2024-01-01',
    contract_end: '2026-12-31',
    contract_file: Buffer.from('%PDF-1.4'),
    contract_file_name: '劳动合同.pdf',
    contract_file_mime: 'application/pdf',
    commitment_accepted_at: '2024-01-01T08:00:00+08:00',
    proposed_at: '2024-01-01T08:00:00+08:00',
    started_at: state === 'proposed' ? null : '2024-01-02T08:00:00+08:00',
    ended_at: ['ended', 'declined', 'lapsed'].includes(String(state))
      ? '2024-06-01T08:00:00+08:00'
      : null,
    ...over,
  });
}

export function makeApplication(db: Knex, over: Row = {}): Promise<Inserted> {
  return insert(db, 'applications', { type: 'cancellation', ...over });
}

/** A number of the SPEC §5.3 shape drawn from the real serial sequence. */
export async function certificateNumber(db: Knex, prefix = 'GPB', year = '2024'): Promise<string> {
  const { rows } = await db.raw(`select nextval('certificate_serial')::text as serial`);
  return `青${prefix}${year}${String(rows[0].serial).padStart(6, '0')}`;
}

/** A valid type-B certificate of a new person at a new enterprise unless overridden. */
export async function makeCertificate(db: Knex, over: Row = {}): Promise<Inserted> {
  const personId = over.person_id ?? (await makePerson(db)).id;
  const unitId = over.unit_enterprise_id ?? (await makeEnterprise(db)).id;
  const type = String(over.type ?? 'B');
  const prefix = type === 'C' ? `C${String(over.job_type ?? '04')}` : `GP${type}`;
  return insert(db, 'certificates', {
    person_id: personId,
    number: await certificateNumber(db, prefix),
    type,
    job_type: type === 'C' ? '04' : null,
    unit_enterprise_id: unitId,
    unit_name: '西宁燃气有限公司',
    holder_name: '张三',
    first_issue_date: '2024-03-01',
    validity_start: '2024-03-01',
    validity_end: '2029-02-28',
    ce_deadline: '2026-08-31',
    ...over,
  });
}

/** Asserts that a statement fails on the named constraint (SQLSTATE class 23). */
export async function expectViolation(statement: Promise<unknown>, constraint: string) {
  await expect(statement).rejects.toMatchObject({
    code: expect.stringMatching(/^23/),
    constraint,
  });
}
