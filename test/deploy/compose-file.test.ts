import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';

/*
 * docker-compose.camunda.yml can't be started here (no Docker engine), so this test holds the
 * facts it must keep, and runs its two HTTP health checks for real against stand-in servers.
 * `yaml` is the parser dclint itself uses (a dependency of the dclint devDependency).
 */

const ROOT = path.join(__dirname, '..', '..');
const FILE = path.join(ROOT, 'docker-compose.camunda.yml');
const run = promisify(execFile);

interface Service {
  image: string;
  environment?: string[];
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const compose = parse(readFileSync(FILE, 'utf8')) as { services: Record<string, Service> };
const service = (name: string): Service => compose.services[name];

/** A service's `KEY=value` environment list as a map. */
function env(name: string): Record<string, string> {
  return Object.fromEntries(
    (service(name).environment ?? []).map((entry) => {
      const eq = entry.indexOf('=');
      return [entry.slice(0, eq), entry.slice(eq + 1)];
    }),
  );
}

/** The default of an image reference such as `camunda/camunda:${CAMUNDA_VERSION:-8.8.36}`. */
function defaultTag(image: string): string {
  const m = /:\$\{[A-Z_]+:-([^}]+)\}$/.exec(image) ?? /:([^:$]+)$/.exec(image);
  if (!m) throw new Error(`no tag in ${image}`);
  return m[1];
}

/** Runs a CMD-form health check (`['CMD', program, ...args]`); resolves to its exit code. */
async function runHealthcheck(test: string[], replace: [string, string]): Promise<number> {
  expect(test[0]).toBe('CMD');
  const [program, ...args] = test.slice(1).map((a) => a.split(replace[0]).join(replace[1]));
  try {
    await run(program === 'node' ? process.execPath : program, args, { timeout: 10_000 });
    return 0;
  } catch (e) {
    return (e as { code?: number }).code ?? -1;
  }
}

/** A local HTTP server answering every request with `status` and `body`. */
async function standIn(status: number, body: string): Promise<{ server: Server; port: string }> {
  const server = createServer((_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: String((server.address() as AddressInfo).port) };
}

describe('docker-compose.camunda.yml - the Camunda 8.8 cluster', () => {
  it('should pin an 8.8 patch release of at least 8.8.36, not the moving 8.8 tag', () => {
    const image = service('camunda').image;
    expect(image.startsWith('camunda/camunda:')).toBe(true);
    const tag = defaultTag(image);
    expect(tag).toMatch(/^8\.8\.\d+$/);
    expect(Number(tag.split('.')[2])).toBeGreaterThanOrEqual(36);
  });

  it('should be healthy only when the readiness probe on 9600 reports UP', async () => {
    // given
    const test = service('camunda').healthcheck!.test;
    expect(test.join(' ')).toContain('/dev/tcp/127.0.0.1/9600');
    expect(test.join(' ')).toContain('GET /actuator/health/readiness');
    const up = await standIn(200, '{"status":"UP"}');
    const down = await standIn(503, '{"status":"DOWN"}');
    try {
      // when / then
      expect(await runHealthcheck(test, ['/9600', `/${up.port}`])).toBe(0);
      expect(await runHealthcheck(test, ['/9600', `/${down.port}`])).not.toBe(0);
    } finally {
      up.server.close();
      down.server.close();
    }
  });

  it('should protect its API with basic authentication and create the demo user', () => {
    const e = env('camunda');
    expect(e.CAMUNDA_SECURITY_AUTHENTICATION_METHOD).toBe('basic');
    expect(e.CAMUNDA_SECURITY_AUTHENTICATION_UNPROTECTEDAPI).toBe('false');
    expect(e.CAMUNDA_SECURITY_INITIALIZATION_USERS_0_USERNAME).toBe('demo');
    expect(e.CAMUNDA_SECURITY_INITIALIZATION_DEFAULTROLES_ADMIN_USERS_0).toBe('demo');
  });

  it('should keep the engine clock on system time', () => {
    const e = env('camunda');
    expect(e.CAMUNDA_SYSTEM_CLOCKCONTROLLED).toBeUndefined();
    expect(e.ZEEBE_CLOCK_CONTROLLED).toBeUndefined();
  });

  it('should keep broker state in the 8.8 data path', () => {
    expect(service('camunda').volumes).toContain('camunda-data:/usr/local/camunda/data');
  });
});

describe('docker-compose.camunda.yml - the application', () => {
  it('should authenticate to the cluster as the demo user with BASIC', () => {
    const app = env('app');
    const camunda = env('camunda');
    expect(app.ZEEBE_REST_ADDRESS).toBe('http://camunda:8080');
    expect(app.CAMUNDA_AUTH_STRATEGY).toBe('BASIC');
    expect(app.CAMUNDA_BASIC_AUTH_USERNAME).toBe(
      camunda.CAMUNDA_SECURITY_INITIALIZATION_USERS_0_USERNAME,
    );
    expect(app.CAMUNDA_BASIC_AUTH_PASSWORD).toBe(
      camunda.CAMUNDA_SECURITY_INITIALIZATION_USERS_0_PASSWORD,
    );
  });

  it('should take "today" from the real clock', () => {
    // With ZEEBE_REST_ADDRESS set no embedded engine starts, and nothing may pin its clock.
    expect(env('app').ENGINE_CLOCK_CONTROLLED).toBeUndefined();
  });

  it('should start only after the cluster and its database are healthy', () => {
    expect(service('app').depends_on).toEqual({
      camunda: { condition: 'service_healthy' },
      postgres: { condition: 'service_healthy' },
    });
  });

  it('should run on a supported Node.js LTS line that package.json accepts', () => {
    const image = service('app').image;
    expect(image.startsWith('node:')).toBe(true);
    const major = Number(defaultTag(image).split(/[.-]/)[0]);
    // Node.js 20 reached its end of life on 2026-04-30; LTS lines are even-numbered up to 26.
    expect(major).toBeGreaterThanOrEqual(24);
    expect(major % 2).toBe(0);
    const engines = (
      JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
        engines: { node: string };
      }
    ).engines.node;
    expect(Number(/^>=(\d+)/.exec(engines)![1])).toBeLessThanOrEqual(major);
  });

  it('should have a health check that passes only when GET /health answers 200', async () => {
    const test = service('app').healthcheck!.test;
    const ok = await standIn(200, '{"status":"ok"}');
    const failing = await standIn(503, '{}');
    try {
      expect(await runHealthcheck(test, [':3000', `:${ok.port}`])).toBe(0);
      expect(await runHealthcheck(test, [':3000', `:${failing.port}`])).not.toBe(0);
    } finally {
      ok.server.close();
      failing.server.close();
    }
  });
});

describe('docker-compose.camunda.yml - the application database', () => {
  it('should probe PostgreSQL over TCP, not the socket of the setup server', () => {
    const test = service('postgres').healthcheck!.test.join(' ');
    expect(test).toContain('pg_isready');
    expect(test).toMatch(/-h 127\.0\.0\.1(\s|$)/);
  });
});

describe('docker-compose.camunda.yml - the whole file', () => {
  it('should publish every port on 127.0.0.1 only', () => {
    const published = Object.entries(compose.services).flatMap(([name, s]) =>
      (s.ports ?? []).map((p) => `${name} ${p}`),
    );
    expect(published.length).toBeGreaterThan(0);
    for (const entry of published) expect(entry).toMatch(/^\S+ 127\.0\.0\.1:\d+:\d+$/);
  });

  it('should pass dclint: the Compose Specification schema and the rules in .dclintrc.yaml', async () => {
    const dclint = path.join(ROOT, 'node_modules', 'dclint', 'bin', 'dclint.cjs');
    const { stdout } = await run(
      process.execPath,
      [dclint, '--max-warnings', '0', '--no-color', FILE],
      { cwd: ROOT },
    );
    expect(stdout).not.toMatch(/error|warning/);
  });
});
