import {
  ThrottleRule,
  lockedFor,
  throttleKey,
  throttledFor,
} from '../../../api/auth/login-throttle';

const MIN = 60_000;
const rule: ThrottleRule = { limit: 3, windowMs: 15 * MIN, lockMs: 15 * MIN };
const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 8, 0) + minute * MIN);
/** Failures at the given minutes, newest first as the repository returns them. */
const failures = (...minutes: number[]) => minutes.sort((a, b) => b - a).map(at);

describe('api/auth/login-throttle - lock decision', () => {
  it.each([
    { case: 'fewer failures than the limit', f: failures(0, 1), now: 2, wait: 0 },
    { case: 'the limit reached within the window', f: failures(0, 1, 2), now: 2, wait: 15 },
    { case: 'the lock counted from the last failure', f: failures(0, 5, 10), now: 20, wait: 5 },
    { case: 'the lock over', f: failures(0, 1, 2), now: 17, wait: 0 },
    { case: 'failures spread wider than the window', f: failures(0, 10, 16), now: 16, wait: 0 },
    { case: 'the window edge itself', f: failures(0, 10, 15), now: 15, wait: 15 },
  ])('should answer $wait minutes for $case', ({ f, now, wait }) => {
    expect(lockedFor(f, rule, at(now))).toBe(wait * MIN);
  });

  it('should wait for the longer of the username and the address lock', () => {
    const policy = { username: rule, address: { ...rule, lockMs: 30 * MIN } };
    expect(
      throttledFor({ username: failures(0, 1, 2), address: failures(0, 1, 2) }, policy, at(3)),
    ).toBe(29 * MIN);
    expect(throttledFor({ username: failures(0, 1, 2), address: [] }, policy, at(3))).toBe(
      14 * MIN,
    );
  });

  it.each([
    [' 63010219900517123x ', '63010219900517123X'],
    ['reg.wang', 'REG.WANG'],
  ])('should count %j under %j', (typed, key) => {
    expect(throttleKey(typed)).toBe(key);
  });
});
