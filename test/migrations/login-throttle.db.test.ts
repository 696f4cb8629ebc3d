import { createTestDatabase, TestDatabase } from '../helpers/test-database';
import { expectViolation, insert } from './fixtures';

describe('migrations/012-login-throttle - accounts and failed logins', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  const staff = (username: string, over: Record<string, unknown> = {}) =>
    insert(t.db, 'accounts', { username, password_hash: 'x', role: 'regulator', ...over });

  it('should start accounts enabled at token version 0', async () => {
    const account = await staff('fresh');
    expect(account).toMatchObject({
      disabled: false,
      disabled_at: null,
      token_version: 0,
      password_changed_at: null,
    });
  });

  it.each([
    { case: 'disabled but without a time', over: { disabled: true } },
    { case: 'with a disabled time but enabled', over: { disabled_at: new Date() } },
  ])('should reject an account $case', async ({ over }) => {
    await expectViolation(
      staff(`u${Object.keys(over)[0]}`, over),
      'accounts_disabled_at_iff_disabled',
    );
  });

  it('should keep failed logins per username and address', async () => {
    const row = await insert(t.db, 'login_failures', { username: 'X', address: '::1' });
    expect(row.failed_at).toBeInstanceOf(Date);
  });
});
