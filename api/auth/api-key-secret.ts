import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'gck_';

/** A new API key: shown to the enterprise once; only its hash is stored. */
export function generateApiKey(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/**
 * SHA-256 of the key. A key has 256 random bits, so a fast hash is enough (no salt or scrypt
 * needed) and lets the key be looked up by its hash.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
