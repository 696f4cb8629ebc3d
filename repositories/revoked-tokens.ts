/** Access tokens ended by sign-out (migration 023). */
import type { Knex } from 'knex';

export async function isTokenRevoked(db: Knex, tokenId: string): Promise<boolean> {
  return Boolean(await db('revoked_tokens').where({ token_id: tokenId }).first('token_id'));
}

/** Ends the token; the marks of tokens that have expired anyway go at the same time. */
export async function revokeToken(
  db: Knex,
  t: { tokenId: string; accountId: string; expiresAt: Date },
): Promise<void> {
  await db('revoked_tokens').where('expires_at', '<', db.fn.now()).delete();
  await db('revoked_tokens')
    .insert({ token_id: t.tokenId, account_id: t.accountId, expires_at: t.expiresAt })
    .onConflict('token_id')
    .ignore();
}
