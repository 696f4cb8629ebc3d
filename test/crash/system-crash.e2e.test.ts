import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createStaffUser } from '../../api/use-cases/staff';
import { addDays, todayInChina } from '../../domain/calendar-date';
import { ApiHarness, PASSWORD, Reply, login, registeredEnterprise } from '../api/api-harness';
import { contractFile, personWithPhoto } from '../api/process-api-harness';
import { engineEnv } from '../engine/engine-credentials';
import { createTestDatabase, TestDatabase } from '../helpers/test-database';

/*
 * No orphan, no double, after any crash (issue 7, item 4). The whole program (main.ts) runs as
 * a child over a test database while every business that starts or completes something is
 * driven through the API: category registration, employment proposal and consent, exam
 * results and the regulator's approval with the certificate, termination and its confirmation.
 * Meanwhile the program is killed with SIGKILL at random moments and started again; clients
 * retry as people would (a lost answer is asked again). Afterwards every application has
 * exactly one process instance and reached its end, and nothing — certificate, number,
 * message, timeline entry — exists twice.
 */

const ROOT = path.join(__dirname, '..', '..');
const KILLS = 3;
const output: string[] = [];

function startProgram(url: string, port: number, enginePort: number): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...engineEnv,
      DATABASE_URL: url,
      PORT: String(port),
      ENGINE_PORT: String(enginePort),
      ENGINE_GRPC_PORT: '0',
      // Short leases so recovery is seen within the test, not after a minute.
      OUTBOX_LEASE_MS: '3000',
      DECISION_STALE_MS: '3000',
      LOG_LEVEL: 'warn',
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  return child;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether a failure is one a person would simply retry: no answer, or "try again later". */
const transient = (r: Reply | undefined) =>
  r === undefined || r.status === 503 || r.status === 502 || r.body?.code === 'task-being-decided';

describe('crash - kill -9 of the whole program at random points of every business', () => {
  let t: TestDatabase;
  let child: ChildProcess | undefined;
  // Ports the system listens on: below Linux's ephemeral range (32768–60999), where outgoing
  // connections and port-0 listeners of the other tests cannot take them while the program is
  // down; chosen again should something hold one all the same.
  let port = 0;
  let enginePort = 0;
  let base = '';
  function choosePorts() {
    port = 10000 + 2 * Math.floor(Math.random() * 5000);
    enginePort = port + 1;
    base = `http://127.0.0.1:${port}`;
  }

  /** Starts the program and waits until it is healthy, on new ports if its own were taken. */
  async function startHealthy() {
    for (let attempt = 1; ; attempt++) {
      output.length = 0;
      child = startProgram(t.url, port, enginePort);
      try {
        await waitHealthy();
        return;
      } catch (e) {
        if (attempt >= 3 || !output.join('').includes('EADDRINUSE')) throw e;
        choosePorts();
      }
    }
  }

  /** One request; undefined when no answer came (the program was killed mid-way). */
  async function send(
    method: string,
    pathname: string,
    o: { token?: string; body?: unknown; raw?: Buffer; contentType?: string } = {},
  ): Promise<Reply | undefined> {
    const headers: Record<string, string> = {};
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: Buffer | string | undefined;
    if (o.raw) {
      body = o.raw;
      headers['content-type'] = o.contentType ?? 'application/octet-stream';
    } else if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] = 'application/json';
    }
    try {
      const res = await fetch(base + pathname, { method, headers, body });
      const type = res.headers.get('content-type') ?? '';
      const parsed = type.includes('json') ? await res.json() : await res.text();
      return { status: res.status, type, body: parsed, headers: res.headers };
    } catch {
      return undefined;
    }
  }

  /** The same request until it gets a real answer (what a person's browser would do). */
  async function call(method: string, pathname: string, o: Parameters<typeof send>[2] = {}) {
    const until = Date.now() + 120_000;
    for (;;) {
      const r = await send(method, pathname, o);
      if (!transient(r)) return r!;
      if (Date.now() > until) throw new Error(`${method} ${pathname}: no answer in time`);
      await sleep(200);
    }
  }

  const api = { request: call } as unknown as ApiHarness;

  async function waitHealthy() {
    const until = Date.now() + 90_000;
    while (Date.now() < until) {
      // A program that could not start (its port taken, say) will not become healthy.
      if (child?.exitCode !== null && child?.exitCode !== undefined) break;
      const r = await send('GET', '/health');
      if (r?.status === 200) return;
      await sleep(200);
    }
    throw new Error(`program not healthy:\n${output.slice(-30).join('')}`);
  }

  async function kill() {
    const c = child!;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      process.kill(-c.pid!, 'SIGKILL');
    });
  }

  /**
   * Starts an application and returns its id. A lost answer may or may not have committed: the
   * application is then looked for (as the person would look at their list) before retrying.
   */
  async function start(
    find: () => Promise<string | undefined>,
    post: () => Promise<Reply | undefined>,
    id: (r: Reply) => string | undefined,
  ): Promise<string> {
    for (let i = 0; i < 600; i++) {
      const found = await find();
      if (found) return found;
      const r = await post();
      if (r && r.status < 300) {
        const got = id(r);
        if (got) return got;
      }
      if (r && !transient(r) && r.status >= 400 && r.status !== 409)
        throw new Error(`start refused: ${r.status} ${JSON.stringify(r.body)}`);
      await sleep(200);
    }
    throw new Error('could not start');
  }

  const applicationOf = async (where: Record<string, unknown>) =>
    (await t.db('applications').where(where).orderBy('id').first('id'))?.id?.toString() as
      string | undefined;

  /** Decides the open task of an application for `token`, retrying until it is decided. */
  async function decide(token: string, applicationId: string, step: string) {
    const until = Date.now() + 120_000;
    while (Date.now() < until) {
      const decided = await t
        .db('application_events')
        .where({ application_id: applicationId, step, pending: false })
        .first('id');
      if (decided) return;
      const tasks = await send('GET', `/api/tasks?applicationId=${applicationId}`, { token });
      const items = (tasks?.body as { items?: unknown } | undefined)?.items;
      const task = Array.isArray(items)
        ? (items as Array<{ key: string; application: { id: string } | null }>).find(
            (x) => x.application?.id === applicationId,
          )
        : undefined;
      if (task) {
        const r = await send('POST', `/api/tasks/${task.key}/complete`, {
          token,
          body: { decision: 'approve' },
        });
        if (r && r.status >= 400 && !transient(r) && r.status !== 404)
          throw new Error(`decision refused: ${r.status} ${JSON.stringify(r.body)}`);
      }
      await sleep(250);
    }
    throw new Error(`no decision on ${applicationId} (${step})`);
  }

  async function finalState(applicationId: string, state: string) {
    const until = Date.now() + 120_000;
    while (Date.now() < until) {
      const row = await t.db('applications').where({ id: applicationId }).first('state');
      if (row?.state === state) return;
      await sleep(250);
    }
    const row = await t.db('applications').where({ id: applicationId }).first();
    throw new Error(`application ${applicationId} stuck: ${JSON.stringify(row)}`);
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    choosePorts();
    await startHealthy();
  }, 120_000);

  afterAll(async () => {
    if (child?.pid && child.exitCode === null) await kill().catch(() => undefined);
    await t.drop();
  });

  it('should leave no orphan and no duplicate after SIGKILLs during every business', async () => {
    // given staff, and enterprises and persons registered before the storm
    for (const role of ['association', 'regulator', 'training'] as const)
      await createStaffUser(t.db, { role, username: `crash-${role}`, password: PASSWORD });
    const staff = {
      association: await login(api, 'crash-association', PASSWORD),
      regulator: await login(api, 'crash-regulator', PASSWORD),
      training: await login(api, 'crash-training', PASSWORD),
    };
    const names = ['西宁', '海东', '格尔木', '德令哈'];
    const cases = [];
    for (const [i, city] of names.entries()) {
      const e = await registeredEnterprise(api, `${city}燃气有限公司`);
      const p = await personWithPhoto(api, `工${'甲乙丙丁'[i]}`);
      cases.push({ e, p });
    }
    const examDate = addDays(todayInChina(new Date()), -5);

    // when every business runs while the program is killed at random moments
    let storming = true;
    const kills: number[] = [];
    const storm = (async () => {
      for (let k = 0; k < KILLS && storming; k++) {
        const after = 500 + Math.floor(Math.random() * 3500);
        await sleep(after);
        kills.push(after);
        await kill();
        await startHealthy();
      }
    })();
    const journeys = cases.map(async ({ e, p }) => {
      const registration = await start(
        () => applicationOf({ type: 'category-registration', enterprise_id: e.enterpriseId }),
        () =>
          send('POST', '/api/enterprises/me/category-registrations', {
            token: e.token,
            body: { categories: ['G', 'P'] },
          }),
        (r) => r.body.applicationId,
      );
      await decide(staff.association, registration, 'association-review');
      await finalState(registration, 'completed');

      const proposal = await start(
        () => applicationOf({ type: 'employment-proposal', person_id: p.personId }),
        () =>
          send('POST', '/api/enterprises/me/employments', {
            token: e.token,
            body: {
              idNumber: p.idNumber,
              name: p.name,
              contractStart: '2026-01-01',
              contractEnd: null,
              commitmentAccepted: true,
              contractFile,
            },
          }),
        (r) => r.body.applicationId,
      );
      await decide(p.token, proposal, 'consent');
      await finalState(proposal, 'completed');

      const issue = await start(
        () => applicationOf({ type: 'new-issue', person_id: p.personId }),
        () =>
          send('POST', '/api/exam-results', {
            token: staff.training,
            body: {
              results: [
                {
                  idNumber: p.idNumber,
                  name: p.name,
                  certificateType: 'C',
                  jobTypeCode: '04',
                  examDate,
                  passed: true,
                },
              ],
            },
          }),
        (r) => r.body.results?.[0]?.applicationId ?? undefined,
      );
      await decide(staff.regulator, issue, 'regulator-review');
      await finalState(issue, 'completed');

      const employment = await t
        .db('employments')
        .where({ person_id: p.personId, state: 'active' })
        .first('id');
      const termination = await start(
        () => applicationOf({ type: 'employment-termination', person_id: p.personId }),
        () => send('POST', `/api/employments/${employment.id}/termination`, { token: p.token }),
        (r) => r.body.applicationId,
      );
      await decide(e.token, termination, 'enterprise-confirm');
      await finalState(termination, 'completed');
    });
    try {
      await Promise.all(journeys);
    } finally {
      storming = false;
      await storm;
    }
    console.log(`crash test: killed after ${kills.join(', ')} ms`);

    // then nothing is owed or half-done any more
    const until = Date.now() + 30_000;
    for (;;) {
      const [{ n: owed }] = await t.db('outbox').count({ n: '*' });
      const [{ n: pending }] = await t
        .db('application_events')
        .where({ pending: true })
        .count({ n: '*' });
      if (Number(owed) === 0 && Number(pending) === 0) break;
      if (Date.now() > until) throw new Error(`still owed ${owed}, pending ${pending}`);
      await sleep(250);
    }
    const applications = await t.db('applications').select('id', 'type', 'state');
    expect(applications).toHaveLength(cases.length * 4);
    expect(applications.filter((a) => a.state !== 'completed')).toEqual([]);
    // one process instance per application: none missing (orphan), none started twice
    const instances = await t.db.raw(`
      select a.id::text as id, count(distinct v.process_instance_key)::int as n
        from applications a
        left join engine_variables v
          on v.name = 'applicationId' and v.scope_key = v.process_instance_key
         and v.value = to_json(a.id::text)::text
       group by a.id`);
    expect(instances.rows.filter((r: { n: number }) => r.n !== 1)).toEqual([]);
    // one certificate per new issue, every number once
    const issued = await t.db('certificate_issuances').select('application_id', 'number');
    expect(issued).toHaveLength(cases.length);
    expect(new Set(issued.map((r) => r.number)).size).toBe(issued.length);
    // no message twice
    const doubled = await t.db.raw(`
      select application_id, person_id, enterprise_id, title, count(*)::int as n
        from messages group by 1, 2, 3, 4 having count(*) > 1`);
    expect(doubled.rows).toEqual([]);
    // no timeline entry twice
    const twice = await t.db.raw(`
      select application_id, step, count(*)::int as n
        from application_events group by 1, 2 having count(*) > 1`);
    expect(twice.rows).toEqual([]);
    // and no incident in the engine
    const incidents = await t.db('engine_incidents').where({ state: 'ACTIVE' }).select('*');
    expect(incidents).toEqual([]);
  }, 600_000);
});
