import { createApp, AppDeps } from '../../api/app';
import { HttpServer, listen } from '../../api/http-server';
import { createTestDatabase, TestDatabase } from '../helpers/test-database';
import { creditCode, idNumber } from '../domain/fixtures';

// Replies are asserted on their shape; typing each one would add nothing to the tests.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface Reply<T = any> {
  status: number;
  type: string;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is (Buffer or string) with `contentType`. */
  raw?: Buffer | string;
  contentType?: string;
  headers?: Record<string, string>;
}

/**
 * The API on a fresh test database, listening on a free port, driven through real HTTP.
 */
export interface ApiHarness {
  t: TestDatabase;
  server: HttpServer;
  base: string;
  request(method: string, path: string, options?: RequestOptions): Promise<Reply>;
  stop(): Promise<void>;
}

/** `on`: an existing database (kept on stop: its owner drops it). */
export async function startApi(
  deps: Partial<AppDeps> = {},
  on?: TestDatabase,
): Promise<ApiHarness> {
  const t = on ?? (await createTestDatabase());
  const server = await listen(createApp({ db: t.db, ...deps }), 0, '127.0.0.1');
  const base = `http://127.0.0.1:${server.address.port}`;
  const request = async (method: string, path: string, o: RequestOptions = {}): Promise<Reply> => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: Buffer | string | undefined;
    if (o.raw !== undefined) {
      body = o.raw;
      if (o.contentType) headers['content-type'] = o.contentType;
    } else if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(base + path, { method, headers, body });
    const type = res.headers.get('content-type') ?? '';
    const parsed = type.includes('json')
      ? await res.json()
      : type.startsWith('image/') || type.startsWith('application/pdf')
        ? Buffer.from(await res.arrayBuffer())
        : await res.text();
    return { status: res.status, type, body: parsed, headers: res.headers };
  };
  return {
    t,
    server,
    base,
    request,
    stop: async () => {
      await server.stop();
      if (!on) await t.drop();
    },
  };
}

let serial = 0;

/** A fresh valid ID number (born 1990-05-17, male unless `sex` is F). */
export function newIdNumber(sex: 'M' | 'F' = 'M', birth = '19900517'): string {
  serial += 1;
  const seq = (serial % 450) * 2 + 100 + (sex === 'M' ? 1 : 0);
  return idNumber(`630102${birth}${String(seq).padStart(3, '0')}`);
}

/** A fresh valid Qinghai credit code. */
export function newCreditCode(): string {
  serial += 1;
  return creditCode(`91630102MA${String(serial + 1000).padStart(7, '0')}`);
}

export const PASSWORD = 'correct horse 42';

/** Registers a person and logs in; returns the token and identifiers. */
export async function registeredPerson(api: ApiHarness, name = '张三', sex: 'M' | 'F' = 'M') {
  const idNumber = newIdNumber(sex);
  const reg = await api.request('POST', '/api/persons', {
    body: { name, idNumber, password: PASSWORD },
  });
  if (reg.status !== 201) throw new Error(`register person: ${JSON.stringify(reg.body)}`);
  const token = await login(api, idNumber, PASSWORD);
  return { token, idNumber, personId: reg.body.id as string };
}

/** Registers an enterprise and logs in. */
export async function registeredEnterprise(api: ApiHarness, name = '西宁燃气有限公司') {
  const code = newCreditCode();
  const reg = await api.request('POST', '/api/enterprises', {
    body: {
      creditCode: code,
      name,
      legalRepresentative: { name: '李四', idNumber: newIdNumber() },
      password: PASSWORD,
    },
  });
  if (reg.status !== 201) throw new Error(`register enterprise: ${JSON.stringify(reg.body)}`);
  const token = await login(api, code, PASSWORD);
  return { token, creditCode: code, enterpriseId: reg.body.id as string };
}

export async function login(api: ApiHarness, username: string, password: string): Promise<string> {
  const res = await api.request('POST', '/api/auth/token', { body: { username, password } });
  if (res.status !== 200) throw new Error(`login ${username}: ${JSON.stringify(res.body)}`);
  return res.body.accessToken;
}

export async function count(api: ApiHarness, table: string): Promise<number> {
  const [{ n }] = await api.t.db(table).count({ n: '*' });
  return Number(n);
}

/** Asserts an RFC 9457 problem with our code. */
export function expectProblem(reply: Reply, status: number, code: string): void {
  expect({ status: reply.status, code: reply.body?.code }).toEqual({ status, code });
  expect(reply.type).toContain('application/problem+json');
  expect(typeof reply.body.detail).toBe('string');
}
