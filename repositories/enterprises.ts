import type { Knex } from 'knex';

export interface Enterprise {
  id: string;
  creditCode: string;
  name: string;
  legalRepName: string | null;
  legalRepIdNumber: string | null;
  divisionCode: string;
  inProvince: boolean;
  categories: string[];
  categoryRegistration: string;
  createdAt: Date;
}

export interface NewEnterprise {
  creditCode: string;
  name: string;
  legalRepName: string;
  legalRepIdNumber: string;
}

export async function findEnterpriseById(db: Knex, id: string): Promise<Enterprise | undefined> {
  return db('enterprises').where({ id }).first({
    id: 'id',
    creditCode: 'credit_code',
    name: 'name',
    legalRepName: 'legal_rep_name',
    legalRepIdNumber: 'legal_rep_id_number',
    divisionCode: 'division_code',
    inProvince: 'in_province',
    categories: 'categories',
    categoryRegistration: 'category_registration',
    createdAt: 'created_at',
  });
}

/** Inserts an enterprise and the first entry of its name history. */
export async function insertEnterprise(db: Knex, enterprise: NewEnterprise): Promise<string> {
  const [row] = await db('enterprises')
    .insert({
      credit_code: enterprise.creditCode,
      name: enterprise.name,
      legal_rep_name: enterprise.legalRepName,
      legal_rep_id_number: enterprise.legalRepIdNumber,
    })
    .returning('id');
  const id = String(row.id);
  await db('enterprise_names').insert({ enterprise_id: id, name: enterprise.name });
  return id;
}

export async function findEnterpriseByCreditCode(
  db: Knex,
  creditCode: string,
): Promise<Enterprise | undefined> {
  const row = await db('enterprises').where({ credit_code: creditCode }).first('id');
  return row ? findEnterpriseById(db, String(row.id)) : undefined;
}

/** Sets the state of the first category registration (none / pending / approved / rejected). */
export async function setCategoryRegistration(db: Knex, id: string, state: string): Promise<void> {
  await db('enterprises').where({ id }).update({ category_registration: state });
}
