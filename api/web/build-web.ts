/**
 * Builds the browser apps of web-modeler/ with vite, on demand: `npm start` and the browser
 * tests call `ensureWebBuilt()`, which rebuilds an app only when one of its sources (or the
 * shared folder, or the vite config) is newer than its last build. One build at a time per app
 * across processes (jest runs test files in parallel): a lock directory, the others wait.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { jsBudget } from './js-budget';

const run = promisify(execFile);

export const WEB_ROOT = path.join(__dirname, '..', '..', 'web-modeler');
export const WEB_DIST = path.join(WEB_ROOT, 'dist');
/** The apps, one folder each under web-modeler/, each served under `/<app>/`. */
export const WEB_APPS = [
  'tasklist',
  'portal',
  'training',
  'mobile',
  'modeler',
  'operations',
] as const;
export type WebApp = (typeof WEB_APPS)[number];

const STAMP = '.built-from';
const LOCK_STALE_MS = 5 * 60_000;

/** Whether the process that took a lock is gone (killed mid-build): then the lock is stale. */
function lockAbandoned(lock: string): boolean {
  const s = fs.statSync(lock, { throwIfNoEntry: false });
  if (!s) return false;
  if (Date.now() - s.mtimeMs > LOCK_STALE_MS) return true;
  const pid = Number(fs.readFileSync(path.join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }));
  return pid ? !alive(pid) : Date.now() - s.mtimeMs > 5_000;
}

/** The newest modification time (ms) of the files under these paths. */
function newestMtime(paths: readonly string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    const s = fs.statSync(p, { throwIfNoEntry: false });
    if (!s) return;
    if (s.isDirectory()) for (const e of fs.readdirSync(p)) visit(path.join(p, e));
    else newest = Math.max(newest, s.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

function sourcesOf(app: WebApp): string[] {
  return [
    path.join(WEB_ROOT, app),
    path.join(WEB_ROOT, 'shared'),
    // The pages import the domain's tables (names of types, categories, job types).
    path.join(WEB_ROOT, '..', 'domain'),
    path.join(WEB_ROOT, 'vite.config.mts'),
  ];
}

function isFresh(app: WebApp, sourceTime: number): boolean {
  const stamp = path.join(WEB_DIST, app, STAMP);
  return fs.existsSync(stamp) && Number(fs.readFileSync(stamp, 'utf8')) >= sourceTime;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
};

/** Output folders of builds whose process died (a program stopped mid-build). */
function removeAbandonedBuilds(): void {
  for (const entry of fs.readdirSync(WEB_DIST)) {
    const m = /^\.[a-z-]+-(\d+)$/.exec(entry);
    if (m && !alive(Number(m[1])))
      fs.rmSync(path.join(WEB_DIST, entry), { recursive: true, force: true });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function buildApp(app: WebApp, sourceTime: number): Promise<void> {
  const out = path.join(WEB_DIST, `.${app}-${process.pid}`);
  const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  try {
    await run(
      process.execPath,
      [vite, 'build', '--config', path.join(WEB_ROOT, 'vite.config.mts')],
      {
        env: { ...process.env, WEB_APP: app, WEB_OUT_DIR: out, NODE_ENV: 'production' },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
  } catch (e) {
    fs.rmSync(out, { recursive: true, force: true });
    const stderr = (e as { stderr?: string }).stderr ?? '';
    throw new Error(`vite build of ${app} failed: ${stderr || (e as Error).message}`, {
      cause: e,
    });
  }
  fs.writeFileSync(path.join(out, STAMP), String(sourceTime));
  // The build's report of its JavaScript against the app's budget (issue 10), loud when over.
  const budget = jsBudget(app, out);
  (budget.over ? process.stderr : process.stdout).write(`${budget.line}\n`);
  // Swap in the new build whole, so a server never serves half of one and half of another.
  const target = path.join(WEB_DIST, app);
  fs.rmSync(target, { recursive: true, force: true });
  fs.renameSync(out, target);
}

/** Builds the apps whose sources changed since their last build; returns those it built. */
export async function ensureWebBuilt(apps: readonly WebApp[] = WEB_APPS): Promise<WebApp[]> {
  const built: WebApp[] = [];
  fs.mkdirSync(WEB_DIST, { recursive: true });
  removeAbandonedBuilds();
  for (const app of apps) {
    const sourceTime = newestMtime(sourcesOf(app));
    const lock = path.join(WEB_DIST, `.${app}.lock`);
    while (!isFresh(app, sourceTime)) {
      try {
        fs.mkdirSync(lock);
        fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      } catch {
        // Another process builds it; a lock left by a killed build is taken over.
        if (lockAbandoned(lock)) fs.rmSync(lock, { recursive: true, force: true });
        await sleep(250);
        continue;
      }
      try {
        if (!isFresh(app, sourceTime)) {
          await buildApp(app, sourceTime);
          built.push(app);
        }
      } finally {
        fs.rmSync(lock, { recursive: true, force: true });
      }
    }
  }
  return built;
}
