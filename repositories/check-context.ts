/**
 * Loads the plain CheckContext (domain/checks/check-context.ts) of a new issue or of a business
 * on an existing certificate from the database, so the checks stay pure functions of it.
 */
import type { Knex } from 'knex';
import type { CalendarDate } from '../domain/calendar-date';
import type { CategoryCode, JobTypeCode } from '../domain/categories';
import type { CertificateState, CertificateType } from '../domain/certificate-types';
import type {
  CategoryRegistration,
  CertificateFacts,
  CheckContext,
  EnterpriseFacts,
  PersonFacts,
} from '../domain/checks/check-context';
import type { HeldCertificate } from '../domain/holding-rules';
import { ceRecordsOfCertificate } from './ce-records';
import { CERTIFICATE_FACT_COLUMNS, abnormalReasonsColumn } from './certificates';

async function enterpriseFacts(db: Knex, id: string): Promise<EnterpriseFacts | null> {
  const row = await db('enterprises').where({ id }).first({
    creditCode: 'credit_code',
    name: 'name',
    categories: 'categories',
    categoryRegistration: 'category_registration',
  });
  if (!row) return null;
  return {
    creditCode: row.creditCode,
    name: row.name,
    categories: row.categories as CategoryCode[],
    categoryRegistration: row.categoryRegistration as CategoryRegistration,
  };
}

export interface WantedCertificate {
  type: CertificateType;
  jobType: JobTypeCode | null;
  /** The unit of the certificate (SPEC §5.2). */
  unitEnterpriseId: string;
}

async function personFacts(db: Knex, personId: string): Promise<PersonFacts> {
  const person = await db('persons')
    .where({ id: personId })
    .first({
      idNumber: 'id_number',
      name: 'name',
      sex: 'sex',
      birthDate: 'birth_date',
      verifiedAt: 'verified_at',
      hasPhoto: db.raw('photo is not null'),
    });
  if (!person) throw new Error(`Person ${personId} does not exist`);
  return {
    idNumber: person.idNumber,
    name: person.name,
    verified: person.verifiedAt !== null,
    hasPhoto: Boolean(person.hasPhoto),
    birthDate: person.birthDate,
    sex: person.sex,
  };
}

/** The person's employer (enterprise of the active employment), if any. */
async function employerFacts(db: Knex, personId: string): Promise<EnterpriseFacts | null> {
  const employment = await db('employments')
    .where({ person_id: personId, state: 'active' })
    .first({ enterpriseId: 'enterprise_id' });
  return employment ? enterpriseFacts(db, String(employment.enterpriseId)) : null;
}

async function heldCertificates(db: Knex, personId: string): Promise<HeldCertificate[]> {
  const held: Array<{
    type: CertificateType;
    state: CertificateState;
    unit: string;
    number: string;
  }> = await db('certificates as c')
    .join('enterprises as e', 'e.id', 'c.unit_enterprise_id')
    .where('c.person_id', personId)
    .select({ type: 'c.type', state: 'c.state', unit: 'e.credit_code', number: 'c.number' });
  return held.map((c) => ({
    type: c.type,
    state: c.state,
    unitCreditCode: c.unit,
    number: c.number,
  }));
}

async function representedEnterprises(db: Knex, idNumber: string): Promise<string[]> {
  const represented: Array<{ creditCode: string }> = await db('enterprises')
    .where({ legal_rep_id_number: idNumber })
    .select({ creditCode: 'credit_code' });
  return represented.map((r) => r.creditCode);
}

/** The context of a new certificate for a person (SPEC §7.1) on `today`. */
export async function newIssueCheckContext(
  db: Knex,
  personId: string,
  wanted: WantedCertificate,
  today: CalendarDate,
): Promise<CheckContext> {
  const person = await personFacts(db, personId);
  const employer = await employerFacts(db, personId);
  const unit = await enterpriseFacts(db, wanted.unitEnterpriseId);
  if (!unit) throw new Error(`Enterprise ${wanted.unitEnterpriseId} does not exist`);
  return {
    today,
    person,
    employment: employer ? { enterpriseCreditCode: employer.creditCode } : null,
    employer,
    unitEnterprise: unit,
    certificate: null,
    heldCertificates: await heldCertificates(db, personId),
    legalRepresentativeOf: await representedEnterprises(db, person.idNumber),
    ceRecords: [],
    wanted: { type: wanted.type, jobType: wanted.jobType, unitCreditCode: unit.creditCode },
    busy: false,
  };
}

/** A certificate's row as the checks read it, with its unit's credit code and old numbers. */
async function certificateFacts(
  db: Knex,
  certificateId: string,
): Promise<(CertificateFacts & { personId: string; busyApplicationId: string | null }) | null> {
  const row = await db('certificates as c')
    .join('enterprises as e', 'e.id', 'c.unit_enterprise_id')
    .where('c.id', certificateId)
    .first({
      ...CERTIFICATE_FACT_COLUMNS,
      personId: 'c.person_id',
      unitCreditCode: 'e.credit_code',
      busyApplicationId: 'c.busy_application_id',
      abnormalReasons: abnormalReasonsColumn(db),
      previousNumbers: db.raw(
        `coalesce((select array_agg(n.number order by n.since) from certificate_numbers n
          where n.certificate_id = c.id and n.number <> c.number), '{}')`,
      ),
    });
  if (!row) return null;
  return {
    ...row,
    personId: String(row.personId),
    busyApplicationId: row.busyApplicationId === null ? null : String(row.busyApplicationId),
  };
}

/**
 * The context of a business on an existing certificate (SPEC §7.2–§7.7) on `today`. The
 * certificate counts as busy when another application than `applicationId` holds it.
 */
export async function certificateCheckContext(
  db: Knex,
  certificateId: string,
  today: CalendarDate,
  applicationId: string | null = null,
): Promise<CheckContext> {
  const certificate = await certificateFacts(db, certificateId);
  if (!certificate) throw new Error(`Certificate ${certificateId} does not exist`);
  const { personId, busyApplicationId, ...facts } = certificate;
  const person = await personFacts(db, personId);
  const employer = await employerFacts(db, personId);
  return {
    today,
    person,
    employment: employer ? { enterpriseCreditCode: employer.creditCode } : null,
    employer,
    certificate: facts,
    heldCertificates: await heldCertificates(db, personId),
    legalRepresentativeOf: await representedEnterprises(db, person.idNumber),
    ceRecords: await ceRecordsOfCertificate(db, certificateId),
    wanted: null,
    busy: busyApplicationId !== null && busyApplicationId !== applicationId,
  };
}
