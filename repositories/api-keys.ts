import type { Knex } from 'knex';
import { aliased } from './columns';

export interface ApiKey {
  id: string;
  label: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const COLUMNS = {
  id: 'id',
  label: 'label',
  createdAt: 'created_at',
  lastUsedAt: 'last_used_at',
  revokedAt: 'revoked_at',
};

export async function insertApiKey(
  db: Knex,
  enterpriseId: string,
  keyHash: string,
  label: string,
): Promise<ApiKey> {
  const [row] = await db('api_keys')
    .insert({ enterprise_id: enterpriseId, key_hash: keyHash, label })
    .returning(aliased(COLUMNS));
  return row;
}

export async function listApiKeys(db: Knex, enterpriseId: string): Promise<ApiKey[]> {
  return db('api_keys').where({ enterprise_id: enterpriseId }).orderBy('id').select(COLUMNS);
}

/** Revokes a key of this enterprise; false when it has no such key. Revoking twice is a no-op. */
export async function revokeApiKey(db: Knex, enterpriseId: string, id: string): Promise<boolean> {
  const found = await db('api_keys').where({ enterprise_id: enterpriseId, id }).first('id');
  if (!found) return false;
  await db('api_keys').where({ id }).whereNull('revoked_at').update({ revoked_at: db.fn.now() });
  return true;
}

/** The account of the enterprise owning an unrevoked key with this hash; marks the key used. */
export async function useApiKey(
  db: Knex,
  keyHash: string,
): Promise<{ apiKeyId: string; accountId: string } | undefined> {
  const row = await db('api_keys as k')
    .join('accounts as a', 'a.enterprise_id', 'k.enterprise_id')
    .where('k.key_hash', keyHash)
    .whereNull('k.revoked_at')
    .first({ apiKeyId: 'k.id', accountId: 'a.id' });
  if (!row) return undefined;
  await db('api_keys').where({ id: row.apiKeyId }).update({ last_used_at: db.fn.now() });
  return { apiKeyId: String(row.apiKeyId), accountId: String(row.accountId) };
}
