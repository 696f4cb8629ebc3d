import { decodeJwt, decodeProtectedHeader } from 'jose';
import { TOKEN_LIFETIME_SECONDS, tokenService } from '../../../api/auth/tokens';
import { TestDatabase, createTestDatabase } from '../../helpers/test-database';

describe('api/auth/tokens - signing key and lifetime', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('should issue HS256 tokens that expire after 12 hours', async () => {
    // given
    const tokens = tokenService(t.db, 'a configured secret');
    // when
    const token = await tokens.issue({ accountId: '42', role: 'person', version: 3 });
    // then
    expect(decodeProtectedHeader(token).alg).toBe('HS256');
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ sub: '42', role: 'person', iss: 'gas-cert' });
    expect(claims.exp! - claims.iat!).toBe(TOKEN_LIFETIME_SECONDS);
    expect(TOKEN_LIFETIME_SECONDS).toBe(12 * 3600);
    await expect(tokens.verify(token)).resolves.toEqual({
      accountId: '42',
      role: 'person',
      version: 3,
      // Each token has an id of its own, which sign-out ends (migration 023).
      tokenId: claims.jti,
      expiresAt: new Date(claims.exp! * 1000),
    });
    expect(claims.jti).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('should use JWT_SECRET when given and store no key', async () => {
    const a = tokenService(t.db, 'secret one');
    const b = tokenService(t.db, 'secret two');
    const token = await a.issue({ accountId: '1', role: 'admin', version: 0 });
    await expect(b.verify(token)).resolves.toBeUndefined();
    expect(await t.db('app_secrets').count({ n: '*' })).toEqual([{ n: '0' }]);
  });

  it('should generate one key in the database that every service on it shares', async () => {
    // given two services (two processes) without JWT_SECRET, starting together
    const [a, b] = [tokenService(t.db, ''), tokenService(t.db, '')];
    // when
    const [fromA, fromB] = await Promise.all([
      a.issue({ accountId: '1', role: 'person', version: 0 }),
      b.issue({ accountId: '2', role: 'person', version: 0 }),
    ]);
    // then
    await expect(b.verify(fromA)).resolves.toMatchObject({ accountId: '1' });
    await expect(a.verify(fromB)).resolves.toMatchObject({ accountId: '2' });
    const rows = await t.db('app_secrets');
    expect(rows).toHaveLength(1);
    expect(rows[0].value.length).toBeGreaterThanOrEqual(43);
  });

  it.each(['', 'garbage', 'a.b.c'])(
    'should answer undefined for the malformed token %p',
    async (token) => {
      await expect(tokenService(t.db, 'x').verify(token)).resolves.toBeUndefined();
    },
  );
});
