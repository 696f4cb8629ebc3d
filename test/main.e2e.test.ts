import { spawn, ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { processFiles } from './processes/process-files';

const ROOT = path.join(__dirname, '..');

/**
 * `npm start` on embedded defaults: no DATABASE_URL, a data directory of its own. Node runs
 * main.ts itself (tsx as a loader, not as a wrapper process) so signals reach the system.
 */
function startSystem(dataDir: string, port: number, pgPort: number): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_PG_PORT: String(pgPort),
    ENGINE_PORT: String(pgPort + 1),
    ENGINE_GRPC_PORT: '0',
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Shown only when a test fails to find the system healthy.
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  return child;
}
const output: string[] = [];

async function waitForHealth(port: number, timeoutMs: number): Promise<Response> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.status === 200) return res;
    } catch {
      // not listening yet
    }
    if (Date.now() > until)
      throw new Error(`no healthy answer on ${port} within ${timeoutMs} ms:\n${output.join('')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function stopSystem(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('main - npm start on embedded defaults', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gascert-start-'));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its data.
  chmodSync(dataDir, 0o755);
  // Below Linux's ephemeral range (32768–60999): no other test's connection can hold these.
  const port = 20000 + Math.floor(Math.random() * 10000);
  const pgPort = port + 1;
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('should answer /health, serve the engine with the diagrams deployed, and keep data across a restart', async () => {
    // given a system started without DATABASE_URL
    let child = startSystem(dataDir, port, pgPort);
    const health = await (await waitForHealth(port, 60_000)).json();
    expect(health).toEqual({ status: 'ok', database: 'up', version: expect.any(String) });
    // the engine answers nobody without credentials; its own API and workers got them at start
    const engine = `http://127.0.0.1:${pgPort + 1}/v2`;
    expect((await fetch(`${engine}/topology`)).status).toBe(401);
    const url = `postgres://postgres:postgres@127.0.0.1:${pgPort}/gascert`;
    const secrets = new pg.Client({ connectionString: url });
    await secrets.connect();
    const stored = await secrets.query(
      `select value from app_secrets where name = 'engine-password'`,
    );
    await secrets.end();
    const authorization = `Basic ${Buffer.from(`gas-cert:${stored.rows[0].value}`).toString('base64')}`;
    const topology = await fetch(`${engine}/topology`, { headers: { authorization } });
    expect(topology.status).toBe(200);
    expect(((await topology.json()) as { gatewayVersion: string }).gatewayVersion).toMatch(
      /^8\.8\./,
    );
    // and its clock cannot be moved, even with credentials
    const clock = await fetch(`${engine}/clock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ timestamp: Date.parse('2030-01-01T00:00:00Z') }),
    });
    expect(clock.status).toBe(403);
    const definitions = await fetch(`${engine}/process-definitions/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: '{}',
    });
    const ids = ((await definitions.json()) as { items: { processDefinitionId: string }[] }).items
      .map((d) => d.processDefinitionId)
      .sort();
    // every diagram of processes/, each once (its latest version)
    expect(ids).toEqual(processFiles('.bpmn').map((f) => f.replace(/\.bpmn$/, '')));

    // when a row is written to its embedded database and the system restarts
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('create table restart_probe (v text)');
    await client.query(`insert into restart_probe values ('before restart')`);
    await client.end();
    expect(await stopSystem(child)).toBe(0);
    child = startSystem(dataDir, port, pgPort);
    await waitForHealth(port, 60_000);

    // then the row is still there
    const again = new pg.Client({ connectionString: url });
    await again.connect();
    const rows = await again.query('select v from restart_probe');
    await again.end();
    expect(rows.rows).toEqual([{ v: 'before restart' }]);
    expect(await stopSystem(child)).toBe(0);
  }, 150_000);

  it('should start again after being killed with SIGKILL, taking over its orphaned database', async () => {
    // given a running system that is killed without a chance to stop its PostgreSQL
    const child = startSystem(dataDir, port, pgPort);
    await waitForHealth(port, 60_000);
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });

    // when it is started again
    const again = startSystem(dataDir, port, pgPort);

    // then it is healthy
    const health = (await (await waitForHealth(port, 60_000)).json()) as { database: string };
    expect(health.database).toBe('up');
    expect(await stopSystem(again)).toBe(0);
  }, 150_000);

  it('should let the admin CLI use the running system database without stopping it', async () => {
    // given a running system on embedded defaults
    const child = startSystem(dataDir, port, pgPort);
    await waitForHealth(port, 60_000);

    // when the admin CLI creates a staff account meanwhile, on the same defaults
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
    };
    delete env.DATABASE_URL;
    const code = await new Promise<number | null>((resolve) => {
      const cli = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'scripts/admin.ts',
          'create-user',
          '--role',
          'regulator',
          '--username',
          'reviewer',
          '--password',
          'Secret-pass-123',
        ],
        { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      cli.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
      cli.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
      cli.once('exit', (c, sig) => resolve(c ?? (sig ? 128 : null)));
    });

    // then the system stays healthy and the new account can log in
    if (code !== 0) console.log(output.join(''));
    expect(code).toBe(0);
    await waitForHealth(port, 5_000);
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'reviewer', password: 'Secret-pass-123' }),
    });
    expect(login.status).toBe(200);
    expect(await stopSystem(child)).toBe(0);
  }, 150_000);
});
