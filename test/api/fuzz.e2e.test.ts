import { engineProblem } from '../../api/engine-errors';
import { ROLE_NAMES } from '../../api/auth/policy';
import type { Role } from '../../api/auth/principal';
import type { JsonSchema } from '../../api/schemas/json-schema';
import { createStaffUser } from '../../api/use-cases/staff';
import { addDays, todayInChina } from '../../domain/calendar-date';
import {
  PASSWORD,
  Reply,
  count,
  login,
  newCreditCode,
  newIdNumber,
  registeredEnterprise,
  registeredPerson,
} from './api-harness';
import { ProcessApi, contractFile, startProcessApi } from './process-api-harness';

/*
 * Every operation of /openapi.json, sent hostile strings, dates, sizes, types and paths: every
 * answer is a 4xx problem (or a 2xx for input that happens to be fine), never a 5xx (issue 7).
 */

interface Operation {
  method: string;
  path: string;
  operationId: string;
  description?: string;
  security: unknown[];
  parameters: Array<{ name: string; in: 'path' | 'query'; schema: JsonSchema }>;
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

interface Attempt {
  label: string;
  method: string;
  path: string;
  body?: unknown;
  raw?: string;
  contentType?: string;
}

const NUL = 'a\u0000b';
const LONE_SURROGATE = 'a\uD800b';
const LONG = 'x'.repeat(100_000);
const BAD_DATES = ['0000-01-01', '9999-12-31', '2026-02-30'];
const BAD_PATH_PARAMS = [
  '%E0%A4%A',
  '%ED%A0%80',
  '%00',
  '99999999999999999999',
  '-1',
  '0',
  'x'.repeat(5000),
];
/** Enough variants per operation to touch each field, few enough to stay well under a minute. */
const MAX_BODY_VARIANTS = 14;

const types = (s: JsonSchema) => ([] as string[]).concat(s.type ?? []);
const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

/** A plausible value of `s`: its example, its first enum value or something of its type. */
function sample(s: JsonSchema): unknown {
  if (s.examples?.length) return clone(s.examples[0]);
  if (s.enum) return s.enum.find((v) => v !== null);
  switch (types(s)[0]) {
    case 'object':
      return Object.fromEntries(
        Object.entries(s.properties ?? {})
          .filter(([k]) => s.required?.includes(k))
          .map(([k, p]) => [k, sample(p)]),
      );
    case 'array':
      return Array.from({ length: Math.max(s.minItems ?? 1, 1) }, () =>
        sample(s.items ?? { type: 'string' }),
      );
    case 'boolean':
      return true;
    case 'integer':
    case 'number':
      return 1;
    default:
      if (s.format === 'date') return '2026-01-05';
      if (s.format === 'date-time') return '2026-01-05T08:00:00+08:00';
      if (s.pattern?.startsWith('^[1-9]')) return '1';
      return 'x'.repeat(Math.max(s.minLength ?? 0, 8));
  }
}

interface Leaf {
  path: Array<string | number>;
  schema: JsonSchema;
}

/** Every field of a body schema, nested ones and array items included. */
function leaves(s: JsonSchema, path: Array<string | number> = []): Leaf[] {
  const out: Leaf[] = path.length ? [{ path, schema: s }] : [];
  for (const [k, p] of Object.entries(s.properties ?? {})) out.push(...leaves(p, [...path, k]));
  if (s.items) out.push(...leaves(s.items, [...path, 0]));
  return out;
}

function setIn(value: unknown, path: Array<string | number>, leaf: unknown): unknown {
  const root = clone(value) ?? {};
  let at = root as Record<string | number, unknown>;
  for (const [i, k] of path.entries()) {
    if (i === path.length - 1) at[k] = leaf;
    else {
      at[k] ??= typeof path[i + 1] === 'number' ? [] : {};
      at = at[k] as Record<string | number, unknown>;
    }
  }
  return root;
}

/** The hostile values for one field. */
function hostile(s: JsonSchema): Array<[string, unknown]> {
  const t = types(s);
  const out: Array<[string, unknown]> = [];
  if (t.includes('string')) {
    out.push(['NUL', NUL], ['lone surrogate', LONE_SURROGATE], ['100k chars', LONG]);
    if (s.format === 'date' || s.format === 'date-time')
      out.push(...BAD_DATES.map((d): [string, unknown] => [`date ${d}`, d]));
    out.push(['number', 12345]);
  }
  if (t.includes('array')) {
    const items = Array.from({ length: (s.maxItems ?? 10) + 1 }, () =>
      sample(s.items ?? { type: 'string' }),
    );
    out.push(['maxItems+1', items], ['string for array', 'x']);
  }
  if (t.includes('object')) out.push(['array for object', []], ['NUL key', { [NUL]: 1 }]);
  if (t.includes('boolean')) out.push(['string for boolean', 'true']);
  out.push(['null', null]);
  return out;
}

/** Round robin over the fields, so a capped list still touches each of them. */
function interleave<T>(lists: T[][], max: number): T[] {
  const out: T[] = [];
  for (let i = 0; out.length < max && lists.some((l) => i < l.length); i++)
    for (const l of lists) if (i < l.length && out.length < max) out.push(l[i]);
  return out;
}

function pathWith(op: Operation, values: Record<string, string> = {}): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name in values) return values[name];
    const p = op.parameters.find((x) => x.name === name && x.in === 'path');
    return encodeURIComponent(String(p ? sample(p.schema) : '1'));
  });
}

/** `samples`: valid bodies by operationId, where the schema's own sample would not be valid. */
function attemptsFor(
  op: Operation,
  hugeArrays: boolean,
  samples: Record<string, unknown>,
): Attempt[] {
  const method = op.method.toUpperCase();
  const base = pathWith(op);
  const at = (label: string, extra: Partial<Attempt> = {}): Attempt => ({
    label: `${method} ${op.path} ${label}`,
    method,
    path: base,
    ...extra,
  });
  const out: Attempt[] = [];
  for (const p of op.parameters.filter((x) => x.in === 'path'))
    for (const v of BAD_PATH_PARAMS)
      out.push(at(`path ${p.name}=${v.slice(0, 24)}`, { path: pathWith(op, { [p.name]: v }) }));
  const query = op.parameters.filter((x) => x.in === 'query');
  for (const q of query)
    for (const v of ['%00', '%ED%A0%80', `a&${q.name}=b`, LONG.slice(0, 5000)])
      out.push(at(`query ${q.name}=${v.slice(0, 24)}`, { path: `${base}?${q.name}=${v}` }));
  if (query[0]) out.push(at('query nested', { path: `${base}?${query[0].name}[x]=1` }));
  out.push(at('unknown query', { path: `${base}?zz=%00` }));

  const content = op.requestBody?.content ?? {};
  const json = content['application/json']?.schema;
  if (json) {
    const good = op.operationId in samples ? samples[op.operationId] : sample(json);
    out.push(at('sample body', { body: good }));
    const perField = leaves(json).map((leaf) =>
      hostile(leaf.schema).map(([kind, v]) =>
        at(`body ${leaf.path.join('.')} ${kind}`, { body: setIn(good, leaf.path, v) }),
      ),
    );
    out.push(...interleave(perField, MAX_BODY_VARIANTS));
    out.push(
      at('body array', { body: [] }),
      at('body string', { body: NUL }),
      at('body NUL key', { body: { ...(good as object), [NUL]: 1 } }),
      at('malformed JSON', { raw: '{"a":', contentType: 'application/json' }),
      at('wrong content type', { raw: 'a=1', contentType: 'application/x-www-form-urlencoded' }),
    );
    if (hugeArrays)
      for (const leaf of leaves(json).filter((l) => types(l.schema).includes('array')))
        out.push(
          at(`body ${leaf.path.join('.')} 300,000 items`, {
            body: setIn(good, leaf.path, new Array(300_000).fill(0)),
          }),
        );
  }
  if (content['text/csv'])
    out.push(
      at('CSV with NUL', {
        raw: `idNumber,name,certificateType,examDate,passed\n630102199001011235,${NUL},B,2026-01-05,true\n`,
        contentType: 'text/csv',
      }),
      at('CSV with year 0000', {
        raw: 'idNumber,name,certificateType,examDate,passed\n630102199001011235,张三,B,0000-01-01,true\n',
        contentType: 'text/csv',
      }),
    );
  for (const type of Object.keys(content).filter((t) => t.startsWith('image/')))
    out.push(at(`${type} not an image`, { raw: NUL, contentType: type }));
  return out;
}

async function inPool<T>(items: T[], size: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

describe('api - fuzzing every operation of /openapi.json', () => {
  let api: ProcessApi;
  const tokens: Partial<Record<Role, string>> = {};
  let samples: Record<string, unknown> = {};

  beforeAll(async () => {
    api = await startProcessApi();
    const [regulator, association, training] = await Promise.all([
      api.staff('regulator'),
      api.staff('association'),
      api.staff('training'),
    ]);
    await createStaffUser(api.h.sql, { role: 'admin', username: 'fuzzadmin', password: PASSWORD });
    const [person, enterprise, admin] = await Promise.all([
      registeredPerson(api, '赵六'),
      registeredEnterprise(api),
      login(api, 'fuzzadmin', PASSWORD),
    ]);
    // Bodies that pass validation, so a hostile field is the only thing wrong with them.
    const row = { idNumber: person.idNumber, name: '赵六', certificateType: 'B', passed: false };
    samples = {
      createToken: { username: person.idNumber, password: PASSWORD },
      registerPerson: { name: '钱多', idNumber: newIdNumber(), password: PASSWORD },
      registerEnterprise: {
        creditCode: newCreditCode(),
        name: '海东燃气有限公司',
        legalRepresentative: { name: '李四', idNumber: newIdNumber() },
        password: PASSWORD,
      },
      proposeEmployment: {
        idNumber: person.idNumber,
        name: '赵六',
        contractStart: '2026-01-05',
        contractEnd: null,
        commitmentAccepted: true,
        contractFile,
      },
      importExamResults: { results: [{ ...row, examDate: addDays(todayInChina(new Date()), -3) }] },
      importCeRecords: {
        records: [
          {
            idNumber: person.idNumber,
            certificateNumber: '青GPB2024000001',
            sequence: 1,
            passDate: addDays(todayInChina(new Date()), -3),
          },
        ],
      },
    };
    Object.assign(tokens, {
      regulator,
      association,
      training,
      admin,
      person: person.token,
      enterprise: enterprise.token,
    });
  });
  afterAll(() => api.stopAll());

  /** The caller an operation admits: its description names the roles ("调用者：…。"). */
  function tokenFor(op: Operation): string | undefined {
    if (op.security.length === 0) return undefined;
    const names = /调用者：([^。]+)。/.exec(op.description ?? '')?.[1].split('、') ?? [];
    const roles = (Object.keys(ROLE_NAMES) as Role[]).filter((r) => names.includes(ROLE_NAMES[r]));
    return tokens[roles[0] ?? 'person'];
  }

  it('should answer every hostile request with a 4xx problem or a 2xx, never a 5xx', async () => {
    // given
    const doc = (await api.request('GET', '/openapi.json')).body as {
      paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
    };
    const operations = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, o]) => ({ ...o, method, path })))
      // Password resets end sessions (maybe the fuzzer's own): they go last.
      .sort((a, b) => Number(/password/.test(a.path)) - Number(/password/.test(b.path)));
    let huge = 0;
    const attempts = operations.flatMap((op) => {
      const withArrays = huge < 3 && JSON.stringify(op.requestBody ?? {}).includes('"array"');
      if (withArrays) huge += 1;
      return attemptsFor(op, withArrays, samples).map((a) => ({ ...a, token: tokenFor(op) }));
    });
    expect(operations.length).toBeGreaterThan(30);
    // when
    const failures: string[] = [];
    let statuses = 0;
    await inPool(attempts, 4, async (a) => {
      const res: Reply = await api.request(a.method, a.path, {
        token: a.token,
        body: a.body,
        raw: a.raw,
        contentType: a.contentType,
      });
      statuses += 1;
      const problem = res.type.includes('application/problem+json');
      if (
        res.status >= 500 ||
        (res.status >= 400 && (!problem || typeof res.body?.code !== 'string'))
      )
        failures.push(
          `${a.label}: ${res.status} ${res.type} ${JSON.stringify(res.body).slice(0, 200)}`,
        );
    });
    // then
    expect(statuses).toBe(attempts.length);
    expect(failures).toEqual([]);
    expect(api.h.errors).toEqual([]);
  }, 120_000);
});

describe('api - regressions that need the engine', () => {
  let api: ProcessApi;
  let regulator: string;
  let association: string;
  const examDate = addDays(todayInChina(new Date()), -3);

  beforeAll(async () => {
    api = await startProcessApi();
    [regulator, association] = await Promise.all([
      api.staff('regulator'),
      api.staff('association'),
    ]);
  });
  afterAll(() => api.stopAll());

  it('should answer a completion the engine no longer knows with 404 not-found', async () => {
    // given: the SDK's own error for a task the engine does not have
    const error = await api.h.client.completeUserTask({ userTaskKey: '2251799813685249' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    // when
    const problem = engineProblem(error);
    // then
    expect({ status: problem?.status, code: problem?.code }).toEqual({
      status: 404,
      code: 'not-found',
    });
  });

  it('should answer the losers of concurrent completions of one task with not-found, not a body error', async () => {
    // given
    const e = await registeredEnterprise(api);
    const started = await api.request('POST', '/api/enterprises/me/category-registrations', {
      token: e.token,
      body: { categories: ['G'] },
    });
    const key = await api.taskOf(association, started.body.applicationId);
    // when
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        api.request('POST', `/api/tasks/${key}/complete`, {
          token: association,
          body: { decision: 'approve' },
        }),
      ),
    );
    // then
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    for (const lost of answers.filter((a) => a.status !== 200)) {
      expect(lost.type).toContain('application/problem+json');
      expect([404, 409]).toContain(lost.status);
      expect(lost.body.code).not.toBe('bad-request-body');
    }
  });

  it('should refuse an exam date in year 0000 in its row and record the other rows', async () => {
    // given
    const [a, b] = [await registeredPerson(api, '钱七'), await registeredPerson(api, '孙八')];
    const before = await count(api, 'exam_results');
    // when
    const res = await api.request('POST', '/api/exam-results', {
      token: regulator,
      body: {
        results: [
          { idNumber: a.idNumber, name: '钱七', certificateType: 'B', examDate, passed: false },
          {
            idNumber: b.idNumber,
            name: '孙八',
            certificateType: 'B',
            examDate: '0000-01-01',
            passed: false,
          },
          { idNumber: b.idNumber, name: '孙八', certificateType: 'B', examDate, passed: false },
        ],
      },
    });
    // then
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, false, true]);
    expect(res.body.results[1].errors).toContainEqual(
      expect.objectContaining({ field: 'examDate', code: 'range' }),
    );
    expect(await count(api, 'exam_results')).toBe(before + 2);
  });

  it('should report which exam rows were recorded when one row fails unexpectedly midway', async () => {
    // given: PostgreSQL itself fails the second row (a trigger stands in for a failing disk)
    const [a, b, c] = [
      await registeredPerson(api, '李一'),
      await registeredPerson(api, '李二'),
      await registeredPerson(api, '李三'),
    ];
    await api.h.sql.raw(`
      create function fail_exam_row() returns trigger language plpgsql as $$
      begin
        if new.id_number = '${b.idNumber}' then raise exception 'simulated storage failure'; end if;
        return new;
      end $$;
      create trigger fail_exam_row before insert on exam_results
        for each row execute function fail_exam_row();`);
    const before = await count(api, 'exam_results');
    try {
      // when
      const res = await api.request('POST', '/api/exam-results', {
        token: regulator,
        body: {
          results: [a, b, c].map((p, i) => ({
            idNumber: p.idNumber,
            name: ['李一', '李二', '李三'][i],
            certificateType: 'B',
            examDate,
            passed: false,
          })),
        },
      });
      // then
      expect(res.status).toBe(200);
      expect(res.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, false, true]);
      expect(res.body.results[1].errors).toEqual([
        expect.objectContaining({ field: '', code: 'row-failed' }),
      ]);
      expect(await count(api, 'exam_results')).toBe(before + 2);
    } finally {
      await api.h.sql.raw(
        'drop trigger fail_exam_row on exam_results; drop function fail_exam_row()',
      );
    }
  });
});
