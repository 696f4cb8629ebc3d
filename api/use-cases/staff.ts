import type { Knex } from 'knex';
import { insertAccount } from '../../repositories/accounts';
import { recordAudit } from '../../repositories/audit-log';
import { hashPassword } from '../auth/passwords';
import { CreateStaffInput, createStaffInput } from '../schemas/staff';
import { validate } from '../validation';

/**
 * Creates a staff account (regulator, association, training body, admin or business analyst). Only the admin
 * CLI calls this: there is no API to create staff and no default account.
 */
export async function createStaffUser(
  db: Knex,
  input: unknown,
  actor = 'admin-cli',
): Promise<{ id: string }> {
  const { role, username, password } = validate<CreateStaffInput>(createStaffInput, input);
  const passwordHash = await hashPassword(password);
  const id = await db.transaction(async (trx) => {
    const accountId = await insertAccount(trx, { username, role, passwordHash });
    await recordAudit(trx, {
      actorAccountId: null,
      actor,
      action: 'account.create',
      subjectType: 'account',
      subjectId: accountId,
      details: { username, role },
    });
    return accountId;
  });
  return { id };
}
