/**
 * Backup of the program's database to one file (pg_dump custom format):
 *
 *   npm run backup -- --file <path>
 *
 * Uses DATABASE_URL, or the embedded PostgreSQL like `npm start` (also while it runs: pg_dump
 * reads one consistent snapshot). Restore it with `npm run restore -- --file <path>`.
 */
import { execFile } from 'node:child_process';
import { renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { failure, findPgBin, serverMajor } from '../db/pg-tools';
import { clientEnv, openDatabaseTarget } from './database-target';

const run = promisify(execFile);
const USAGE = '用法：npm run backup -- --file <备份文件路径>';

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
  const target = await openDatabaseTarget();
  // Written beside the destination and renamed when complete: a failed backup never leaves a
  // truncated file under the name of a good one.
  const partial = `${file}.partial`;
  try {
    const bin = await findPgBin(['pg_dump'], await serverMajor(target.connectionUrl));
    await run(
      path.join(bin.dir, 'pg_dump'),
      ['--format=custom', '--file', partial, '--dbname', target.url],
      { env: clientEnv(target) },
    );
    renameSync(partial, file);
    console.log(
      `已备份到 ${file}（${statSync(file).size} 字节，pg_dump ${bin.major}：${bin.dir}）`,
    );
    return 0;
  } catch (e) {
    rmSync(partial, { force: true });
    console.error(`备份失败：${failure(e)}`);
    return 1;
  } finally {
    await target.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error('backup: failed', e);
    process.exit(1);
  },
);
