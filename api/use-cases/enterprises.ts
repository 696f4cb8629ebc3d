import type { Knex } from 'knex';
import { insertAccount } from '../../repositories/accounts';
import { ApiKey, insertApiKey, listApiKeys, revokeApiKey } from '../../repositories/api-keys';
import { listActiveStaff } from '../../repositories/employments';
import { Enterprise, findEnterpriseById, insertEnterprise } from '../../repositories/enterprises';
import { recordAudit } from '../../repositories/audit-log';
import { AppError } from '../app-error';
import { generateApiKey, hashApiKey } from '../auth/api-key-secret';
import { hashPassword } from '../auth/passwords';
import { enterpriseIdOf, notFound } from '../auth/policy';
import type { Principal } from '../auth/principal';
import type { RegisterEnterpriseBody } from '../schemas/enterprises';
import type { UseCaseContext } from './context';
import { parseIdNumberNow } from './persons';

export interface EnterpriseProfile {
  id: string;
  creditCode: string;
  name: string;
  legalRepresentative: { name: string | null; idNumber: string | null };
  divisionCode: string;
  inProvince: boolean;
  categories: string[];
  categoryRegistration: string;
  createdAt: Date;
}

function toProfile(e: Enterprise): EnterpriseProfile {
  const { legalRepName, legalRepIdNumber, ...rest } = e;
  return { ...rest, legalRepresentative: { name: legalRepName, idNumber: legalRepIdNumber } };
}

export async function enterpriseProfile(
  ctx: UseCaseContext,
  enterpriseId: string,
): Promise<EnterpriseProfile> {
  const found = await findEnterpriseById(ctx.db, enterpriseId);
  if (!found) throw notFound('企业');
  return toProfile(found);
}

/**
 * Registers an enterprise and its account (username = credit code). The legal representative
 * is verified like a person (name + ID number through the identity provider).
 */
export async function registerEnterprise(
  ctx: UseCaseContext,
  body: RegisterEnterpriseBody,
): Promise<EnterpriseProfile> {
  const creditCode = body.creditCode.toUpperCase();
  const rep = await parseIdNumberNow(
    ctx,
    body.legalRepresentative.idNumber,
    'legalRepresentative.idNumber',
  );
  const repName = body.legalRepresentative.name.trim();
  const verdict = await ctx.identityProvider.verify({ name: repName, idNumber: rep.idNumber });
  if (!verdict.verified)
    throw new AppError(422, 'identity-not-verified', `法定代表人实名认证未通过：${verdict.reason}`);
  const passwordHash = await hashPassword(body.password);
  const id = await ctx.db.transaction(async (trx) => {
    const enterpriseId = await insertEnterprise(trx, {
      creditCode,
      name: body.name.trim(),
      legalRepName: repName,
      legalRepIdNumber: rep.idNumber,
    });
    const accountId = await insertAccount(trx, {
      username: creditCode,
      passwordHash,
      role: 'enterprise',
      enterpriseId,
    });
    await recordAudit(trx, {
      actorAccountId: accountId,
      actor: creditCode,
      action: 'enterprise.register',
      subjectType: 'enterprise',
      subjectId: enterpriseId,
      details: { name: body.name.trim() },
    });
    return enterpriseId;
  });
  return enterpriseProfile(ctx, id);
}

export async function enterpriseStaff(ctx: UseCaseContext, enterpriseId: string) {
  const rows = await listActiveStaff(ctx.db, enterpriseId);
  return rows.map((m) => ({
    employmentId: m.id,
    personId: m.personId,
    name: m.personName,
    idNumber: m.idNumber,
    contractStart: m.contractStart,
    contractEnd: m.contractEnd,
    startedAt: m.startedAt,
  }));
}

export async function createApiKey(
  ctx: UseCaseContext,
  principal: Principal,
  label: string,
): Promise<ApiKey & { key: string }> {
  const key = generateApiKey();
  return ctx.db.transaction(async (trx) => {
    const row = await insertApiKey(trx, enterpriseIdOf(principal), hashApiKey(key), label.trim());
    await audit(trx, principal, 'api-key.create', row.id, { label: row.label });
    return { ...row, key };
  });
}

export function apiKeysOf(ctx: UseCaseContext, enterpriseId: string): Promise<ApiKey[]> {
  return listApiKeys(ctx.db, enterpriseId);
}

export async function revokeKey(ctx: UseCaseContext, principal: Principal, id: string) {
  await ctx.db.transaction(async (trx) => {
    if (!(await revokeApiKey(trx, enterpriseIdOf(principal), id))) throw notFound('API 密钥');
    await audit(trx, principal, 'api-key.revoke', id);
  });
}

function audit(
  db: Knex,
  principal: Principal,
  action: string,
  keyId: string,
  details: Record<string, unknown> = {},
) {
  return recordAudit(db, {
    actorAccountId: principal.accountId,
    actor: principal.username,
    action,
    subjectType: 'api_key',
    subjectId: String(keyId),
    details,
  });
}
