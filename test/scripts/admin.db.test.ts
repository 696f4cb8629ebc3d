import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { createApp } from '../../api/app';
import { HttpServer, listen } from '../../api/http-server';
import { TestDatabase, createTestDatabase } from '../helpers/test-database';

const ROOT = path.join(__dirname, '..', '..');
const run = promisify(execFile);

/** `npm run admin -- ...` against the test database; never throws, returns the outcome. */
async function admin(url: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'admin', '--', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('scripts/admin - create-user', () => {
  let t: TestDatabase;
  let server: HttpServer;
  beforeAll(async () => {
    t = await createTestDatabase();
    server = await listen(createApp({ db: t.db }), 0, '127.0.0.1');
  });
  afterAll(async () => {
    await server.stop();
    await t.drop();
  });

  const token = (username: string, password: string) =>
    fetch(`http://127.0.0.1:${server.address.port}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });

  it.each(['regulator', 'association', 'training', 'admin'])(
    'should create a %s account that can log in',
    async (role) => {
      // when
      const out = await admin(
        t.url,
        'create-user',
        '--role',
        role,
        '--username',
        `${role}1`,
        '--password',
        'S3cure pass',
      );
      // then
      expect(out).toMatchObject({ code: 0, stdout: expect.stringContaining('已创建账号') });
      const res = await token(`${role}1`, 'S3cure pass');
      expect(res.status).toBe(200);
      expect(((await res.json()) as { role: string }).role).toBe(role);
      const row = await t
        .db('accounts')
        .where({ username: `${role}1` })
        .first();
      expect(row.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
      expect(await t.db('audit_log').where({ subject_id: row.id })).toEqual([
        expect.objectContaining({ action: 'account.create', actor: 'admin-cli' }),
      ]);
    },
    60_000,
  );

  it.each([
    {
      case: 'a role that is not staff',
      args: ['--role', 'person', '--username', 'p1', '--password', 'S3cure pass'],
      text: '角色只能是',
    },
    {
      case: 'a short password',
      args: ['--role', 'regulator', '--username', 'r2', '--password', 'short'],
      text: '密码至少8个字符',
    },
    {
      case: 'a username like an ID number',
      args: [
        '--role',
        'regulator',
        '--username',
        '630102199005171234',
        '--password',
        'S3cure pass',
      ],
      text: '用户名须为',
    },
    {
      case: 'no password',
      args: ['--role', 'regulator', '--username', 'r3'],
      text: '密码为必填项',
    },
  ])(
    'should refuse $case and create nothing',
    async ({ args, text }) => {
      const before = await t.db('accounts').count({ n: '*' });
      const out = await admin(t.url, 'create-user', ...args);
      expect(out.code).toBe(1);
      expect(out.stderr).toContain(text);
      expect(await t.db('accounts').count({ n: '*' })).toEqual(before);
    },
    60_000,
  );

  it('should refuse a username that exists', async () => {
    await admin(
      t.url,
      'create-user',
      '--role',
      'regulator',
      '--username',
      'dup',
      '--password',
      'S3cure pass',
    );
    const out = await admin(
      t.url,
      'create-user',
      '--role',
      'training',
      '--username',
      'dup',
      '--password',
      'Other pass',
    );
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('该用户名已被注册');
    const res = await token('dup', 'S3cure pass');
    expect(res.status).toBe(200);
  }, 60_000);

  it('should print the usage for an unknown command', async () => {
    const out = await admin(t.url, 'drop-everything');
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('用法');
  }, 60_000);
});
