/** Sign-out on the server (issue 10): the request's own access token ends now. */
import { revokeToken } from '../../repositories/revoked-tokens';
import type { Principal } from '../auth/principal';
import type { UseCaseContext } from './context';

export async function signOut(ctx: UseCaseContext, principal: Principal) {
  // A token without an id (issued before sign-out existed) ends when it expires.
  if (principal.token)
    await revokeToken(ctx.db, {
      tokenId: principal.token.id,
      accountId: principal.accountId,
      expiresAt: principal.token.expiresAt,
    });
  return { signedOut: true as const };
}
