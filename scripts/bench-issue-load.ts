/**
 * The load side of `npm run bench:issue` (scripts/bench-issue.ts), forked as a process of its
 * own so that its HTTP work is not counted as the app's: it imports the exam results, approves
 * every review task at a concurrency of BENCH_CONCURRENCY, polls the certificates and makes the
 * light reads, then sends its figures to the app process.
 */
import { cpuMs, sleep } from './bench-common';

export const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
export const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 200);
/** A light read (messages, the enterprise's page) every this many ms during the issue window. */
export const READ_MS = 100;
/** The API takes at most this many rows per batch. */
export const BATCH_ROWS = 2000;
/** The run fails when no certificate appears for this long. */
export const STALL_MS = 120_000;
export const PASSWORD = 'bench password 42';

export interface BenchPerson {
  personId: string;
  idNumber: string;
  name: string;
}

export interface LoadConfig {
  base: string;
  creditCode: string;
  persons: BenchPerson[];
}

/** Messages of the load process to the app process. */
export type LoadMessage =
  | { kind: 'import-start' | 'import-end' | 'issue-start' | 'issue-end' }
  | { kind: 'count-open-tasks' }
  | { kind: 'result'; result: LoadResult };

export interface LoadResult {
  importSeconds: number;
  tasksOpenSeconds: number;
  issueSeconds: number;
  latenciesMs: number[];
  approvals: number;
  taskListings: number;
  polls: number;
  pollAnswerMs: number;
  /** Answer times of the light reads made during the issue window (issue 9, item 4). */
  readsMs: number[];
  loadCpuMs: number;
}

async function call(
  base: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json() };
}

async function ok<T>(reply: Promise<{ status: number; body: unknown }>, what: string): Promise<T> {
  const r = await reply;
  if (r.status !== 200 && r.status !== 201)
    throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 500)}`);
  return r.body as T;
}

/** Asks the app process something and waits for its answer. */
function ask(message: LoadMessage): Promise<unknown> {
  return new Promise((resolve) => {
    process.once('message', resolve);
    process.send!(message);
  });
}

export async function load(config: LoadConfig): Promise<LoadResult> {
  const { base, persons } = config;
  const login = async (username: string) =>
    (
      await ok<{ accessToken: string }>(
        call(base, 'POST', '/api/auth/token', undefined, { username, password: PASSWORD }),
        `login ${username}`,
      )
    ).accessToken;
  const [training, regulator, enterprise] = await Promise.all(
    ['bench-training', 'bench-regulator', config.creditCode].map(login),
  );

  // import
  const examDate = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
  const personOfApplication = new Map<string, string>();
  await ask({ kind: 'import-start' });
  const importStart = Date.now();
  for (let from = 0; from < persons.length; from += BATCH_ROWS) {
    const batch = persons.slice(from, from + BATCH_ROWS);
    const report = await ok<{ results: Array<{ ok: boolean; applicationId?: string }> }>(
      call(base, 'POST', '/api/exam-results', training, {
        batchId: `bench-${from}`,
        results: batch.map((p) => ({
          idNumber: p.idNumber,
          name: p.name,
          certificateType: 'C',
          jobTypeCode: '04',
          examDate,
          passed: true,
        })),
      }),
      'import',
    );
    report.results.forEach((r, i) => {
      if (!r.ok || !r.applicationId)
        throw new Error(`import row ${from + i}: ${JSON.stringify(r)}`);
      personOfApplication.set(r.applicationId, batch[i].personId);
    });
  }
  const importSeconds = (Date.now() - importStart) / 1000;
  while ((await ask({ kind: 'count-open-tasks' })) !== persons.length) await sleep(100);
  const tasksOpenSeconds = (Date.now() - importStart) / 1000;
  await ask({ kind: 'import-end' });
  await sleep(1000);

  // issue
  await ask({ kind: 'issue-start' });
  const cpu0 = process.cpuUsage();
  const approvedAt = new Map<string, number>();
  const seenAt = new Map<string, number>();
  const taken = new Set<string>();
  const queue: Array<{ key: string; applicationId: string }> = [];
  let taskListings = 0;
  let listing: Promise<void> | undefined;
  let firstApproval = 0;
  /** One listing at a time; the 16 approvers share its answer. */
  const refill = () =>
    (listing ??= (async () => {
      const { items: tasks } = await ok<{
        items: Array<{ key: string; application: { id: string } | null }>;
      }>(call(base, 'GET', '/api/tasks?type=new-issue&pageSize=100', regulator), 'tasks');
      taskListings++;
      for (const t of tasks)
        if (t.application && !taken.has(t.key) && personOfApplication.has(t.application.id)) {
          taken.add(t.key);
          queue.push({ key: t.key, applicationId: t.application.id });
        }
    })().finally(() => (listing = undefined)));
  const approver = async () => {
    for (;;) {
      const task = queue.shift();
      if (!task) {
        if (taken.size >= persons.length) return;
        const before = taken.size;
        await refill();
        // nothing new: the listing still shows only tasks whose approval is on its way
        if (taken.size === before) await sleep(20);
        continue;
      }
      firstApproval ||= Date.now();
      await ok(
        call(base, 'POST', `/api/tasks/${task.key}/complete`, regulator, { decision: 'approve' }),
        `approve ${task.key}`,
      );
      approvedAt.set(task.applicationId, Date.now());
    }
  };
  let polls = 0;
  let pollAnswerMs = 0;
  const issuedTo = new Set(personOfApplication.values());
  const poller = async () => {
    let lastNew = Date.now();
    while (seenAt.size < persons.length) {
      const sent = Date.now();
      const certificates = await ok<Array<{ holder: { personId: string } }>>(
        call(base, 'GET', '/api/enterprises/me/certificates', enterprise),
        'certificates',
      );
      const answered = Date.now();
      polls++;
      pollAnswerMs += answered - sent;
      for (const c of certificates)
        if (issuedTo.has(c.holder.personId) && !seenAt.has(c.holder.personId)) {
          seenAt.set(c.holder.personId, answered);
          lastNew = answered;
        }
      if (answered - lastNew > STALL_MS)
        throw new Error(`no new certificate for ${STALL_MS / 1000} s (${seenAt.size} seen)`);
      await sleep(Math.max(0, POLL_MS - (Date.now() - sent)));
    }
  };
  // What a person at a desk does meanwhile: open their messages and their enterprise's page
  // (issue 9, item 4: the API's reads must stay quick while the approvals are worked off).
  const readsMs: number[] = [];
  const reader = async () => {
    for (let i = 0; seenAt.size < persons.length; i++) {
      const sent = Date.now();
      await ok(
        call(base, 'GET', i % 2 ? '/api/messages' : '/api/enterprises/me', enterprise),
        'read',
      );
      readsMs.push(Date.now() - sent);
      await sleep(Math.max(0, READ_MS - (Date.now() - sent)));
    }
  };
  await Promise.all([poller(), reader(), ...Array.from({ length: CONCURRENCY }, approver)]);
  const lastSeen = Math.max(...seenAt.values());
  await ask({ kind: 'issue-end' });
  const latenciesMs = [...personOfApplication].map(
    ([applicationId, personId]) => seenAt.get(personId)! - approvedAt.get(applicationId)!,
  );
  return {
    importSeconds,
    tasksOpenSeconds,
    issueSeconds: (lastSeen - firstApproval) / 1000,
    latenciesMs,
    approvals: approvedAt.size,
    taskListings,
    polls,
    pollAnswerMs: pollAnswerMs / polls,
    readsMs,
    loadCpuMs: cpuMs(process.cpuUsage(cpu0)),
  };
}

// Run as the forked load process: wait for the configuration, drive, report, end.
if (require.main === module) {
  process.once('message', (config: LoadConfig) => {
    load(config).then(
      (result) => {
        process.send!({ kind: 'result', result } satisfies LoadMessage);
        process.exit(0);
      },
      (e) => {
        console.error('bench:issue load: failed', e);
        process.exit(1);
      },
    );
  });
}
