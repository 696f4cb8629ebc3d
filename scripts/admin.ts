/**
 * Administration CLI. Staff accounts exist only through it (there are no default passwords):
 *
 *   npm run admin -- create-user --role <regulator|association|training|admin> \
 *     --username <name> --password <password>
 *
 * Uses DATABASE_URL, or the embedded PostgreSQL like `npm start`.
 */
import { parseArgs } from 'node:util';
import { AppError } from '../api/app-error';
import { uniqueViolationProblem } from '../api/db-errors';
import { createStaffUser } from '../api/use-cases/staff';
import { startDatabase } from '../db/start-database';

const USAGE = `用法：
  npm run admin -- create-user --role <regulator|association|training|admin> --username <用户名> --password <密码>`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  if (values.help || positionals[0] !== 'create-user' || positionals.length !== 1) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const database = await startDatabase();
  try {
    const { id } = await createStaffUser(database.db, {
      role: values.role,
      username: values.username,
      password: values.password,
    });
    console.log(`已创建账号：${values.username}（角色 ${values.role}，编号 ${id}）`);
    return 0;
  } catch (e) {
    const problem = e instanceof AppError ? e : uniqueViolationProblem(e);
    if (!problem) throw e;
    console.error(`创建失败：${problem.detail}`);
    for (const f of problem.errors) console.error(`  --${f.field}: ${f.message}`);
    return 1;
  } finally {
    await database.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error('admin: failed', e);
    process.exit(1);
  },
);
