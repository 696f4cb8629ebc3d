import { scryptSync } from 'node:crypto';
import { hashPassword, verifyPassword } from '../../../api/auth/passwords';

describe('api/auth/passwords - scrypt hashes', () => {
  it('should accept the password it hashed and refuse others', async () => {
    // given
    const stored = await hashPassword('correct horse 42');
    // when / then
    await expect(verifyPassword('correct horse 42', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horse 43', stored)).resolves.toBe(false);
    await expect(verifyPassword('', stored)).resolves.toBe(false);
  });

  it('should salt every hash and store its parameters', async () => {
    const [a, b] = [await hashPassword('same'), await hashPassword('same')];
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  });

  it('should verify with the parameters stored in the hash, not the current ones', async () => {
    // given a hash made with cheaper parameters (as an older release might have)
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('old password', salt, 32, { N: 1024, r: 8, p: 1 });
    const stored = `scrypt$1024$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
    // then
    await expect(verifyPassword('old password', stored)).resolves.toBe(true);
  });

  it.each(['', 'plain', 'bcrypt$2b$10$abc', 'scrypt$16384$8$1$$'])(
    'should refuse a malformed stored hash %p',
    async (stored) => {
      await expect(verifyPassword('x', stored)).resolves.toBe(false);
    },
  );
});
