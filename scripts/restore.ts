/**
 * Restore of the program's database from a file made by `npm run backup`:
 *
 *   npm run restore -- --file <path>
 *
 * Stop the program first: the database is replaced whole (its schema `public` is dropped and
 * the backup's recreated, in one transaction, so a failed restore leaves the database as it
 * was). Uses DATABASE_URL, or the embedded PostgreSQL like `npm start`.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import pg from 'pg';
import { failure, findPgBin, serverMajor } from '../db/pg-tools';
import { clientEnv, DatabaseTarget, openDatabaseTarget } from './database-target';

const run = promisify(execFile);
const USAGE = '用法：npm run restore -- --file <备份文件路径>';

/** The whole of the program's data lives in `public` (application and engine tables). */
const EMPTY_PUBLIC = 'drop schema if exists public cascade; create schema public;';

async function otherSessions(target: DatabaseTarget): Promise<number> {
  const client = new pg.Client({ connectionString: target.connectionUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select count(*)::int as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()`,
    );
    return rows[0].n;
  } finally {
    await client.end();
  }
}

/** `pg_restore -f -` (the archive as SQL) piped into `psql`, one transaction after EMPTY_PUBLIC. */
function restoreInto(target: DatabaseTarget, dir: string, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const env = clientEnv(target);
    const restore = spawn(
      path.join(dir, 'pg_restore'),
      ['--no-owner', '--no-privileges', '--file', '-', file],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const psql = spawn(
      path.join(dir, 'psql'),
      [
        '--no-psqlrc',
        '--quiet',
        '--single-transaction',
        '--set',
        'ON_ERROR_STOP=1',
        '--command',
        EMPTY_PUBLIC,
        '--file',
        '-',
        '--dbname',
        target.url,
      ],
      { env, stdio: ['pipe', 'ignore', 'pipe'] },
    );
    restore.stdout.pipe(psql.stdin);
    // psql stopping early (ON_ERROR_STOP) closes the pipe; its exit code tells what happened.
    psql.stdin.on('error', () => undefined);
    const errors: string[] = [];
    restore.stderr.on('data', (d: Buffer) => errors.push(d.toString()));
    psql.stderr.on('data', (d: Buffer) => errors.push(d.toString()));
    let restoreCode: number | null = null;
    restore.on('close', (code) => (restoreCode = code));
    psql.on('error', reject);
    restore.on('error', reject);
    psql.on('close', (code) => {
      if (code === 0 && restoreCode === 0) resolve();
      else reject(Object.assign(new Error('restore failed'), { stderr: errors.join('') }));
    });
  });
}

async function main(argv: string[]): Promise<number> {
  let file: string | undefined;
  try {
    file = parseArgs({ args: argv, options: { file: { type: 'string' } } }).values.file;
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!file) {
    console.error(USAGE);
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`恢复失败：找不到备份文件 ${file}`);
    return 1;
  }
  const target = await openDatabaseTarget();
  try {
    const bin = await findPgBin(['pg_restore', 'psql'], await serverMajor(target.connectionUrl));
    // Read the archive's table of contents before anything is touched: not a backup, or one
    // from a newer pg_dump than this pg_restore reads, fails here.
    await run(path.join(bin.dir, 'pg_restore'), ['--list', file]);
    const sessions = await otherSessions(target);
    if (sessions > 0) {
      console.error(
        `恢复失败：数据库仍有 ${sessions} 个其他连接。请先停止程序（npm start），再恢复。`,
      );
      return 1;
    }
    await restoreInto(target, bin.dir, file);
    console.log(`已从 ${file} 恢复数据库。启动程序（npm start）即可继续使用。`);
    return 0;
  } catch (e) {
    console.error(`恢复失败：${failure(e)}`);
    return 1;
  } finally {
    await target.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error('restore: failed', e);
    process.exit(1);
  },
);
