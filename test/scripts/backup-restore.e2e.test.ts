import { ChildProcess, execFile, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createStaffUser } from '../../api/use-cases/staff';
import { findPgBin, serverMajor } from '../../db/pg-tools';
import { newCreditCode, newIdNumber, PASSWORD } from '../api/api-harness';
import { createTestDatabase, TestDatabase } from '../helpers/test-database';

const ROOT = path.join(__dirname, '..', '..');
const run = promisify(execFile);

/** `npm run <script> -- ...` with `env` added; never throws, returns the outcome. */
async function npmRun(script: string, args: string[], env: NodeJS.ProcessEnv) {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', script, '--', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** The whole program (`npm start`) on the database at `url`. */
function startSystem(url: string, port: number): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      ENGINE_PORT: String(port + 1),
      ENGINE_GRPC_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  return child;
}
const output: string[] = [];

async function waitForReady(port: number): Promise<void> {
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/ready`)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`not ready on ${port}:\n${output.join('')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function stopSystem(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

async function call(port: number, method: string, url: string, body?: unknown, token?: string) {
  const res = await fetch(`http://127.0.0.1:${port}${url}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: (await res.json()) as any };
}

async function token(port: number, username: string, password: string): Promise<string> {
  const r = await call(port, 'POST', '/api/auth/token', { username, password });
  if (r.status !== 200) throw new Error(`login ${username}: ${JSON.stringify(r.body)}`);
  return r.body.accessToken;
}

function registerEnterprise(port: number, name: string) {
  const creditCode = newCreditCode();
  return call(port, 'POST', '/api/enterprises', {
    creditCode,
    name,
    legalRepresentative: { name: '李四', idNumber: newIdNumber() },
    password: PASSWORD,
  }).then((r) => ({ ...r, creditCode }));
}

describe('scripts/backup and scripts/restore - a dump restored into an empty database', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gascert-backup-'));
  const file = path.join(dir, 'gascert.dump');
  // Below Linux's ephemeral range (32768–60999): no other test's connection can hold these.
  const port = 30000 + Math.floor(Math.random() * 2700);
  const databases: TestDatabase[] = [];
  let toolsFound = true;
  beforeAll(async () => {
    chmodSync(dir, 0o755);
    await findPgBin(
      ['pg_dump', 'pg_restore', 'psql'],
      await serverMajor(process.env.DATABASE_URL!),
    ).catch(() => (toolsFound = false));
  });
  afterAll(async () => {
    for (const d of databases) await d.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should bring back accounts and data so that the system works on the restored database', async () => {
    // given a running system with a staff account and an enterprise
    const source = await createTestDatabase();
    databases.push(source);
    let system = startSystem(source.url, port);
    await waitForReady(port);
    await createStaffUser(source.db, {
      role: 'regulator',
      username: 'reviewer',
      password: 'Secret-pass-123',
    });
    const enterprise = await registerEnterprise(port, '西宁燃气有限公司');
    expect(enterprise.status).toBe(201);
    const before = await token(port, enterprise.creditCode, PASSWORD);

    // when it is backed up while it runs
    const backup = await npmRun('backup', ['--file', file], { DATABASE_URL: source.url });
    if (!toolsFound) {
      // This server is newer than every pg_dump on the machine: the backup says so plainly.
      expect(backup).toMatchObject({ code: 1, stderr: expect.stringContaining('PG_BIN_DIR') });
      expect(await stopSystem(system)).toBe(0);
      return;
    }
    expect(backup).toMatchObject({ code: 0, stdout: expect.stringContaining('已备份到') });
    expect(statSync(file).size).toBeGreaterThan(0);
    expect(await stopSystem(system)).toBe(0);

    // and restored into an empty database
    const target = await createTestDatabase({ migrate: false });
    databases.push(target);
    const restore = await npmRun('restore', ['--file', file], { DATABASE_URL: target.url });
    expect(restore).toMatchObject({ code: 0, stdout: expect.stringContaining('已从') });

    // then the system starts on it: the old staff and enterprise log in, their data is there
    system = startSystem(target.url, port);
    try {
      await waitForReady(port);
      await token(port, 'reviewer', 'Secret-pass-123');
      const own = await token(port, enterprise.creditCode, PASSWORD);
      const me = await call(port, 'GET', '/api/enterprises/me', undefined, own);
      expect(me).toMatchObject({ status: 200, body: { name: '西宁燃气有限公司' } });
      // (a token issued before the backup still holds: the signing key is restored too)
      const again = await call(port, 'GET', '/api/enterprises/me', undefined, before);
      expect(again.status).toBe(200);
      // and it takes new writes
      const another = await registerEnterprise(port, '海东燃气有限公司');
      expect(another.status).toBe(201);
      await token(port, another.creditCode, PASSWORD);

      // and a restore is refused while the system is using the database
      const busy = await npmRun('restore', ['--file', file], { DATABASE_URL: target.url });
      expect(busy).toMatchObject({ code: 1, stderr: expect.stringContaining('请先停止程序') });
    } finally {
      expect(await stopSystem(system)).toBe(0);
    }
  }, 180_000);

  it('should refuse to back up with a pg_dump older than the server, leaving no file', async () => {
    // given PG_BIN_DIR naming a folder whose pg_dump is PostgreSQL 9.6
    const old = path.join(dir, 'old-bin');
    mkdirSync(old, { recursive: true });
    writeFileSync(path.join(old, 'pg_dump'), '#!/bin/sh\necho "pg_dump (PostgreSQL) 9.6.24"\n', {
      mode: 0o755,
    });
    const db = await createTestDatabase();
    databases.push(db);

    // when a backup is asked for
    const out = path.join(dir, 'refused.dump');
    const r = await npmRun('backup', ['--file', out], { DATABASE_URL: db.url, PG_BIN_DIR: old });

    // then it fails with both languages' explanation, and writes nothing
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/找不到 PostgreSQL \d+ 或更新版本的 pg_dump/);
    expect(r.stderr).toContain(`${old} (9)`);
    expect(r.stderr).toMatch(/No pg_dump of PostgreSQL \d+ or newer/);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it('should refuse a file that is not a backup and leave the database as it was', async () => {
    // given a migrated database and a file that is no archive
    const db = await createTestDatabase();
    databases.push(db);
    const bogus = path.join(dir, 'bogus.dump');
    writeFileSync(bogus, 'not a dump');
    const before = await db.db('knex_migrations').count<{ count: string }[]>('* as count');

    // when it is restored
    const r = await npmRun('restore', ['--file', bogus], { DATABASE_URL: db.url });

    // then the restore fails and the database is untouched
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('恢复失败');
    expect(await db.db('knex_migrations').count('* as count')).toEqual(before);
  });
});
