/**
 * Loads the plain CheckContext (domain/checks/check-context.ts) of a new issue from the
 * database, so the checks stay pure functions of it.
 */
import type { Knex } from 'knex';
import type { CalendarDate } from '../domain/calendar-date';
import type { CategoryCode, JobTypeCode } from '../domain/categories';
import type { CertificateState, CertificateType } from '../domain/certificate-types';
import type {
  CategoryRegistration,
  CheckContext,
  EnterpriseFacts,
} from '../domain/checks/check-context';

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

/** The context of a new certificate for a person (SPEC §7.1) on `today`. */
export async function newIssueCheckContext(
  db: Knex,
  personId: string,
  wanted: WantedCertificate,
  today: CalendarDate,
): Promise<CheckContext> {
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
  const employment = await db('employments')
    .where({ person_id: personId, state: 'active' })
    .first({ enterpriseId: 'enterprise_id' });
  const employer = employment ? await enterpriseFacts(db, String(employment.enterpriseId)) : null;
  const unit = await enterpriseFacts(db, wanted.unitEnterpriseId);
  if (!unit) throw new Error(`Enterprise ${wanted.unitEnterpriseId} does not exist`);
  const held: Array<{
    type: CertificateType;
    state: CertificateState;
    unit: string;
    number: string;
  }> = await db('certificates as c')
    .join('enterprises as e', 'e.id', 'c.unit_enterprise_id')
    .where('c.person_id', personId)
    .select({ type: 'c.type', state: 'c.state', unit: 'e.credit_code', number: 'c.number' });
  const represented: Array<{ creditCode: string }> = await db('enterprises')
    .where({ legal_rep_id_number: person.idNumber })
    .select({ creditCode: 'credit_code' });
  return {
    today,
    person: {
      idNumber: person.idNumber,
      name: person.name,
      verified: person.verifiedAt !== null,
      hasPhoto: Boolean(person.hasPhoto),
      birthDate: person.birthDate,
      sex: person.sex,
    },
    employment: employer ? { enterpriseCreditCode: employer.creditCode } : null,
    employer,
    unitEnterprise: unit,
    certificate: null,
    heldCertificates: held.map((c) => ({
      type: c.type,
      state: c.state,
      unitCreditCode: c.unit,
      number: c.number,
    })),
    legalRepresentativeOf: represented.map((r) => r.creditCode),
    ceRecords: [],
    wanted: { type: wanted.type, jobType: wanted.jobType, unitCreditCode: unit.creditCode },
    busy: false,
  };
}
