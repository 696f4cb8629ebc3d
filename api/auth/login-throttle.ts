/**
 * Login throttling as a pure decision over the recent failures of a username and of a client
 * address: `limit` failures within `windowMs` lock the key for `lockMs` after the last of them.
 * Attempts refused while locked are not failures, so a lock ends on time however often the
 * locked key is tried.
 */
export interface ThrottleRule {
  limit: number;
  windowMs: number;
  lockMs: number;
}

export interface ThrottlePolicy {
  username: ThrottleRule;
  address: ThrottleRule;
}

const MINUTE = 60 * 1000;

/** 5 failures of one username, or 20 from one address, within 15 minutes lock it 15 minutes. */
export const LOGIN_THROTTLE: ThrottlePolicy = {
  username: { limit: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
  address: { limit: 20, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE },
};

/** How far back failures can matter to `rule`. */
export function lookback(rule: ThrottleRule): number {
  return rule.windowMs + rule.lockMs;
}

/**
 * Milliseconds until `failures` (newest first, at least the latest `rule.limit`) stop locking
 * the key; 0 when it is not locked.
 */
export function lockedFor(failures: readonly Date[], rule: ThrottleRule, now: Date): number {
  if (failures.length < rule.limit) return 0;
  const newest = failures[0].getTime();
  const oldest = failures[rule.limit - 1].getTime();
  if (newest - oldest > rule.windowMs) return 0;
  return Math.max(0, newest + rule.lockMs - now.getTime());
}

/** Milliseconds until a login for this username from this address may be tried; 0 = now. */
export function throttledFor(
  failures: { username: readonly Date[]; address: readonly Date[] },
  policy: ThrottlePolicy,
  now: Date,
): number {
  return Math.max(
    lockedFor(failures.username, policy.username, now),
    lockedFor(failures.address, policy.address, now),
  );
}

/** The key failures are counted under: as typed, trimmed, case-insensitive. */
export function throttleKey(username: string): string {
  return username.trim().toUpperCase();
}
