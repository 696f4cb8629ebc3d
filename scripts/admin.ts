/**
 * Administration CLI. Staff accounts exist only through it (there are no default passwords),
 * and it is the way to manage any account when nobody can log in:
 *
 *   npm run admin -- create-user --role <regulator|association|training|admin|analyst> \
 *     --username <name> --password <password>
 *   npm run admin -- list-users [--role <role>]
 *   npm run admin -- disable-user --username <name>
 *   npm run admin -- enable-user --username <name>
 *   npm run admin -- reset-password --username <name> [--password <password>]
 *   npm run admin -- engine-credentials
 *
 * Uses DATABASE_URL, or the embedded PostgreSQL like `npm start`.
 */
import { parseArgs } from 'node:util';
import type { Knex } from 'knex';
import { AppError } from '../api/app-error';
import { ROLE_NAMES } from '../api/auth/policy';
import type { Role } from '../api/auth/principal';
import { uniqueViolationProblem } from '../api/db-errors';
import {
  LIST_LIMIT,
  listUsers,
  resetUserPassword,
  setUserDisabled,
} from '../api/use-cases/account-admin';
import { createStaffUser } from '../api/use-cases/staff';
import { startDatabase } from '../db/start-database';
import { ENGINE_PASSWORD_SECRET } from '../repositories/app-secrets';

const USAGE = `用法：
  npm run admin -- create-user --role <regulator|association|training|admin|analyst> --username <用户名> --password <密码>
  npm run admin -- list-users [--role <person|enterprise|regulator|association|training|admin|analyst>]
  npm run admin -- disable-user --username <用户名>
  npm run admin -- enable-user --username <用户名>
  npm run admin -- reset-password --username <用户名> [--password <新密码>]（不给密码时生成临时密码）
  npm run admin -- engine-credentials（显示内置流程引擎的访问凭据）`;

type Values = { role?: string; username?: string; password?: string };

/** Each command: what it does with the database and the lines it prints. */
const COMMANDS: Record<string, { failure: string; run(db: Knex, v: Values): Promise<string[]> }> = {
  'create-user': {
    failure: '创建失败',
    async run(db, v) {
      const { id } = await createStaffUser(db, v);
      return [`已创建账号：${v.username}（角色 ${v.role}，编号 ${id}）`];
    },
  },
  'list-users': {
    failure: '查询失败',
    async run(db, v) {
      const users = await listUsers(db, v);
      if (users.length === 0) return ['没有账号'];
      const rows = users.map((u) =>
        [
          u.id,
          u.username,
          ROLE_NAMES[u.role as Role] ?? u.role,
          u.name ?? '-',
          u.disabled ? `已停用（${chinaTime(u.disabledAt)}）` : '正常',
          u.lastLoginAt ? chinaTime(u.lastLoginAt) : '从未登录',
        ].join('\t'),
      );
      return [
        ['编号', '用户名', '角色', '名称', '状态', '最近登录'].join('\t'),
        ...rows,
        users.length === LIST_LIMIT
          ? `仅列出前 ${LIST_LIMIT} 个账号，请用 --role 缩小范围`
          : `共 ${users.length} 个账号`,
      ];
    },
  },
  'disable-user': {
    failure: '停用失败',
    async run(db, v) {
      const { username, changed } = await setUserDisabled(db, v, true);
      return [
        changed
          ? `已停用账号：${username}（其访问令牌和 API 密钥立即失效）`
          : `账号 ${username} 本已停用`,
      ];
    },
  },
  'enable-user': {
    failure: '启用失败',
    async run(db, v) {
      const { username, changed } = await setUserDisabled(db, v, false);
      return [changed ? `已重新启用账号：${username}` : `账号 ${username} 本已启用`];
    },
  },
  'engine-credentials': {
    failure: '查询失败',
    async run(db) {
      // What `npm start` gives its embedded engine when ENGINE_PASSWORD is unset (engine/config.ts).
      const row = await db('app_secrets').where({ name: ENGINE_PASSWORD_SECRET }).first('value');
      const username = process.env.ENGINE_USERNAME || 'gas-cert';
      if (process.env.ENGINE_PASSWORD)
        return [`流程引擎用户名：${username}；密码由环境变量 ENGINE_PASSWORD 指定`];
      if (!row) return ['流程引擎尚未启动过，还没有生成密码（先运行 npm start）'];
      return [
        `流程引擎用户名：${username}`,
        `流程引擎密码：${row.value}`,
        'SDK：CAMUNDA_AUTH_STRATEGY=BASIC CAMUNDA_BASIC_AUTH_USERNAME=<用户名> CAMUNDA_BASIC_AUTH_PASSWORD=<密码>',
      ];
    },
  },
  'reset-password': {
    failure: '重置失败',
    async run(db, v) {
      const { username, temporaryPassword } = await resetUserPassword(db, v);
      return v.password === undefined
        ? [
            `已重置账号 ${username} 的密码，临时密码：${temporaryPassword}`,
            '该密码只显示这一次；请交给本人并提醒其登录后立即修改。此前的登录会话均已失效。',
          ]
        : [`已重置账号 ${username} 的密码。此前的登录会话均已失效。`];
    },
  },
};

/** A timestamp as the calendar date and minute in China Standard Time. */
function chinaTime(at: Date | null): string {
  if (!at) return '-';
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

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
  const command = COMMANDS[positionals[0] ?? ''];
  if (values.help || !command || positionals.length !== 1) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const database = await startDatabase();
  try {
    const given = Object.fromEntries(Object.entries(values).filter(([k]) => k !== 'help'));
    for (const line of await command.run(database.db, given)) console.log(line);
    return 0;
  } catch (e) {
    const problem = e instanceof AppError ? e : uniqueViolationProblem(e);
    if (!problem) throw e;
    console.error(`${command.failure}：${problem.detail}`);
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
