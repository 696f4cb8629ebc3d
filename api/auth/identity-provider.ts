/**
 * Real-name verification (实名认证, SPEC §2) as an identity-provider step. The real platform
 * checks name + ID number against the public-security database (and a face, out of scope);
 * a provider for it implements this interface and is passed to `createApp`.
 */
export interface IdentityProvider {
  /** Whether `name` is the registered name of the holder of `idNumber` (already valid). */
  verify(claim: { name: string; idNumber: string }): Promise<IdentityVerdict>;
}

export type IdentityVerdict = { verified: true } | { verified: false; reason: string };

/**
 * The built-in provider accepts every claim whose ID number is valid (the schema has checked
 * it): there is no registry to ask. It stands in until a real provider is plugged in.
 */
export const acceptingIdentityProvider: IdentityProvider = {
  verify: async () => ({ verified: true }),
};
