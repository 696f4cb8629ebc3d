import type { Knex } from 'knex';

export interface Person {
  id: string;
  idNumber: string;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  phone: string | null;
  verifiedAt: Date | null;
  hasPhoto: boolean;
  photoUpdatedAt: Date | null;
  createdAt: Date;
}

export interface NewPerson {
  idNumber: string;
  name: string;
  sex: 'M' | 'F';
  birthDate: string;
  phone?: string | null;
}

export interface PersonName {
  name: string;
  verifiedAt: Date;
}

export interface Photo {
  mime: string;
  data: Buffer;
  updatedAt: Date;
}

function persons(db: Knex) {
  return db('persons').select({
    id: 'id',
    idNumber: 'id_number',
    name: 'name',
    sex: 'sex',
    birthDate: 'birth_date',
    phone: 'phone',
    verifiedAt: 'verified_at',
    hasPhoto: db.raw('photo is not null'),
    photoUpdatedAt: 'photo_updated_at',
    createdAt: 'created_at',
  });
}

export async function findPersonById(db: Knex, id: string): Promise<Person | undefined> {
  return persons(db).where({ id }).first();
}

export async function findPersonByIdNumber(
  db: Knex,
  idNumber: string,
): Promise<Person | undefined> {
  return persons(db).where({ id_number: idNumber }).first();
}

/** Inserts a verified person and the first entry of its name history. */
export async function insertVerifiedPerson(db: Knex, person: NewPerson): Promise<string> {
  const [row] = await db('persons')
    .insert({
      id_number: person.idNumber,
      name: person.name,
      sex: person.sex,
      birth_date: person.birthDate,
      phone: person.phone ?? null,
      verified_at: db.fn.now(),
    })
    .returning('id');
  const id = String(row.id);
  await db('person_names').insert({ person_id: id, name: person.name });
  return id;
}

/**
 * Records a new real-name verification. A different name becomes the current name and is
 * appended to the name history (the precondition of the name-change business, SPEC §7.4).
 */
export async function recordVerification(
  db: Knex,
  personId: string,
  name: string,
): Promise<{ nameChanged: boolean }> {
  const [before] = await db('persons').where({ id: personId }).forUpdate().select('name');
  const nameChanged = before.name !== name;
  await db('persons').where({ id: personId }).update({ name, verified_at: db.fn.now() });
  if (nameChanged) await db('person_names').insert({ person_id: personId, name });
  return { nameChanged };
}

export async function listPersonNames(db: Knex, personId: string): Promise<PersonName[]> {
  return db('person_names')
    .where({ person_id: personId })
    .orderBy([{ column: 'verified_at' }, { column: 'id' }])
    .select({ name: 'name', verifiedAt: 'verified_at' });
}

export async function updatePersonContact(
  db: Knex,
  personId: string,
  changes: { phone?: string | null },
): Promise<void> {
  if (changes.phone === undefined) return;
  await db('persons').where({ id: personId }).update({ phone: changes.phone });
}

export async function savePhoto(
  db: Knex,
  personId: string,
  mime: string,
  data: Buffer,
): Promise<void> {
  await db('persons')
    .where({ id: personId })
    .update({ photo: data, photo_mime: mime, photo_updated_at: db.fn.now() });
}

export async function findPhoto(db: Knex, personId: string): Promise<Photo | undefined> {
  const row = await db('persons')
    .where({ id: personId })
    .whereNotNull('photo')
    .first({ mime: 'photo_mime', data: 'photo', updatedAt: 'photo_updated_at' });
  return row;
}
