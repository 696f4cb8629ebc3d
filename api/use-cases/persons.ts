import { todayInChina } from '../../domain/calendar-date';
import { IdNumberInfo, parseIdNumber } from '../../domain/id-number';
import { findAccountByPersonId, insertAccount } from '../../repositories/accounts';
import {
  Person,
  PersonName,
  findPersonById,
  findPersonByIdNumber,
  insertVerifiedPerson,
  listPersonNames,
  recordVerification,
  updatePersonContact,
} from '../../repositories/persons';
import { recordAudit } from '../../repositories/audit-log';
import { AppError } from '../app-error';
import { hashPassword } from '../auth/passwords';
import { notFound, personIdOf } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { RegisterPersonBody, UpdatePersonBody } from '../schemas/persons';
import { validationError } from '../validation';
import type { UseCaseContext } from './context';
import { notifyDataChanged } from './data-changed';

export type PersonProfile = Person & { names: PersonName[] };

async function verifyIdentity(ctx: UseCaseContext, name: string, idNumber: string) {
  const verdict = await ctx.identityProvider.verify({ name, idNumber });
  if (!verdict.verified)
    throw new AppError(422, 'identity-not-verified', `实名认证未通过：${verdict.reason}`);
}

/** The ID number parsed on the shared clock (the schema could only use the system clock). */
export async function parseIdNumberNow(
  ctx: UseCaseContext,
  idNumber: string,
  field = 'idNumber',
): Promise<IdNumberInfo> {
  const parsed = parseIdNumber(idNumber, todayInChina(await ctx.now()));
  if (!parsed.ok) throw validationError([{ field, code: parsed.code, message: parsed.message }]);
  return parsed.value;
}

export async function personProfile(ctx: UseCaseContext, personId: string): Promise<PersonProfile> {
  const person = await findPersonById(ctx.db, personId);
  if (!person) throw notFound('从业人员');
  return { ...person, names: await listPersonNames(ctx.db, personId) };
}

/**
 * Real-name verification and account creation (POST /api/persons). The identity provider
 * confirms name + ID number; then the person (if new) and its account are written together.
 */
export async function registerPerson(
  ctx: UseCaseContext,
  body: RegisterPersonBody,
): Promise<PersonProfile> {
  const info = await parseIdNumberNow(ctx, body.idNumber);
  const idNumber = info.idNumber;
  const name = body.name.trim();
  await verifyIdentity(ctx, name, idNumber);
  const passwordHash = await hashPassword(body.password);
  const personId = await ctx.db.transaction(async (trx) => {
    const existing = await findPersonByIdNumber(trx, idNumber);
    if (existing && (await findAccountByPersonId(trx, existing.id)))
      throw new AppError(409, 'person-already-registered', '该身份证号码已注册账号，请直接登录');
    let id: string;
    if (existing) {
      id = existing.id;
      await recordVerification(trx, id, name);
      if (body.phone) await updatePersonContact(trx, id, { phone: body.phone });
    } else {
      id = await insertVerifiedPerson(trx, {
        idNumber,
        name,
        sex: info.sex,
        birthDate: info.birthDate,
        phone: body.phone ?? null,
      });
    }
    const accountId = await insertAccount(trx, {
      username: idNumber,
      passwordHash,
      role: 'person',
      personId: id,
    });
    await recordAudit(trx, {
      actorAccountId: accountId,
      actor: idNumber,
      action: 'person.register',
      subjectType: 'person',
      subjectId: id,
      details: { name },
    });
    return id;
  });
  return personProfile(ctx, personId);
}

/**
 * Re-verification (重新实名认证): the provider confirms the person's (possibly new) name for
 * the same ID number; a new name becomes current and is kept in the name history.
 */
export async function reverifyPerson(
  ctx: UseCaseContext,
  principal: Principal,
  newName: string,
): Promise<{ person: PersonProfile; nameChanged: boolean }> {
  const personId = personIdOf(principal);
  const name = newName.trim();
  await verifyIdentity(ctx, name, principal.idNumber ?? '');
  const { nameChanged } = await ctx.db.transaction(async (trx) => {
    const outcome = await recordVerification(trx, personId, name);
    await recordAudit(trx, {
      actorAccountId: principal.accountId,
      actor: principal.username,
      action: outcome.nameChanged ? 'person.name-change' : 'person.reverify',
      subjectType: 'person',
      subjectId: personId,
      details: { name },
    });
    return outcome;
  });
  await notifyDataChanged(ctx, { personIds: [personId] });
  return { person: await personProfile(ctx, personId), nameChanged };
}

export async function updatePerson(
  ctx: UseCaseContext,
  personId: string,
  body: UpdatePersonBody,
): Promise<PersonProfile> {
  await updatePersonContact(ctx.db, personId, body);
  return personProfile(ctx, personId);
}
