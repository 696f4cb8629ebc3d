import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { createApp } from '../../api/app';
import { HttpServer, listen } from '../../api/http-server';
import { createStaffUser } from '../../api/use-cases/staff';
import { PASSWORD } from '../api/api-harness';
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

describe('scripts/admin - managing accounts', () => {
  let t: TestDatabase;
  let server: HttpServer;
  beforeAll(async () => {
    t = await createTestDatabase();
    server = await listen(createApp({ db: t.db }), 0, '127.0.0.1');
    await createStaffUser(t.db, { role: 'regulator', username: 'reg.ma', password: PASSWORD });
    await createStaffUser(t.db, { role: 'training', username: 'train.ma', password: PASSWORD });
  });
  afterAll(async () => {
    await server.stop();
    await t.drop();
  });

  const call = (method: string, path: string, init: { token?: string; body?: unknown } = {}) =>
    fetch(`http://127.0.0.1:${server.address.port}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  const token = (username: string, password: string) =>
    call('POST', '/api/auth/token', { body: { username, password } });
  const tokenOf = async (username: string, password: string) =>
    ((await (await token(username, password)).json()) as { accessToken: string }).accessToken;

  it('should list accounts, optionally of one role, with their state in Chinese', async () => {
    const all = await admin(t.url, 'list-users');
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('编号\t用户名\t角色\t名称\t状态\t最近登录');
    expect(all.stdout).toMatch(/reg\.ma\t主管部门\t-\t正常\t从未登录/);
    expect(all.stdout).toContain('train.ma\t培训机构');
    const some = await admin(t.url, 'list-users', '--role', 'training');
    expect(some.stdout).toContain('train.ma');
    expect(some.stdout).not.toContain('reg.ma');
    expect(some.stdout).toContain('共 1 个账号');
  }, 60_000);

  it('should disable an account at once and enable it again', async () => {
    // given a logged-in user
    const before = await tokenOf('train.ma', PASSWORD);
    // when
    const off = await admin(t.url, 'disable-user', '--username', 'train.ma');
    // then
    expect(off).toMatchObject({ code: 0, stdout: expect.stringContaining('已停用账号：train.ma') });
    const refused = await token('train.ma', PASSWORD);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('account-disabled');
    expect((await call('GET', '/api/tasks', { token: before })).status).toBe(401);
    expect((await admin(t.url, 'list-users', '--role', 'training')).stdout).toContain('已停用');
    // when
    const on = await admin(t.url, 'enable-user', '--username', 'train.ma');
    // then
    expect(on.stdout).toContain('已重新启用账号：train.ma');
    expect((await token('train.ma', PASSWORD)).status).toBe(200);
    const id = (await t.db('accounts').where({ username: 'train.ma' }).first()).id;
    const actions = await t.db('audit_log').where({ subject_id: id }).orderBy('id').pluck('action');
    expect(actions).toEqual(['account.create', 'account.disable', 'account.enable']);
  }, 60_000);

  it('should reset a password to a generated one, printed once, ending older sessions', async () => {
    // given
    const before = await tokenOf('reg.ma', PASSWORD);
    // when
    const out = await admin(t.url, 'reset-password', '--username', 'reg.ma');
    // then
    expect(out.code).toBe(0);
    const temporary = /临时密码：(\S+)/.exec(out.stdout)?.[1];
    expect(temporary).toMatch(/^[A-Za-z2-9]{12}$/);
    expect((await token('reg.ma', temporary!)).status).toBe(200);
    expect((await token('reg.ma', PASSWORD)).status).toBe(401);
    expect((await call('GET', '/api/tasks', { token: before })).status).toBe(401);
  }, 60_000);

  it('should reset a person’s password to a given one, the username typed in lowercase', async () => {
    // given a registered person
    const reg = await call('POST', '/api/persons', {
      body: { name: '马六', idNumber: '11010519491231002X', password: PASSWORD },
    });
    expect(reg.status).toBe(201);
    // when
    const out = await admin(
      t.url,
      'reset-password',
      '--username',
      '11010519491231002x',
      '--password',
      'chosen by staff',
    );
    // then
    expect(out.stdout).toContain('已重置账号 11010519491231002X 的密码');
    expect(out.stdout).not.toContain('chosen by staff');
    expect((await token('11010519491231002X', 'chosen by staff')).status).toBe(200);
    expect((await admin(t.url, 'list-users', '--role', 'person')).stdout).toContain(
      '11010519491231002X\t从业人员\t马六\t正常',
    );
  }, 60_000);

  it.each([
    { args: ['disable-user', '--username', 'nobody'], text: '停用失败：账号不存在：nobody' },
    {
      args: ['reset-password', '--username', 'reg.ma', '--password', 'short'],
      text: '密码至少8个字符',
    },
    { args: ['list-users', '--role', 'king'], text: '角色只能是' },
    { args: ['enable-user'], text: '用户名为必填项' },
  ])(
    'should refuse $args with a Chinese reason',
    async ({ args, text }) => {
      const out = await admin(t.url, ...args);
      expect(out.code).toBe(1);
      expect(out.stderr).toContain(text);
    },
    60_000,
  );
});

describe('scripts/admin - engine-credentials', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('should say there is no engine password before the first npm start, then show it', async () => {
    // given a database npm start never ran on
    const before = await admin(t.url, 'engine-credentials');
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('尚未启动过');
    // when npm start has stored the engine's password
    await t.db('app_secrets').insert({ name: 'engine-password', value: 'the-stored-password' });
    const after = await admin(t.url, 'engine-credentials');
    // then
    expect(after.stdout).toContain('流程引擎用户名：gas-cert');
    expect(after.stdout).toContain('流程引擎密码：the-stored-password');
  }, 60_000);
});
