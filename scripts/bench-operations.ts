/**
 * `npm run bench:operations` (issue 11, performance): the operator's instance list
 * (GET /api/operations/process-instances) with BENCH_N (100,000) process instances in the
 * database. The last line is one JSON object `{instances, requests, p50Ms, p99Ms, byQuery}`.
 *
 * The measured process is the system as `npm start` assembles it (bench-system.ts: the engine
 * on its thread behind credentials, processes/ deployed, the workers, the API), on a fresh
 * database of the machine's PostgreSQL (or the embedded one). Setup, not measured: N instances
 * written set-based (one `insert … select generate_series`) over the deployed definitions —
 * 70 % completed, 24 % running, 4 % terminated, 2 % running with an incident, started over
 * the last 365 days — then ANALYZE. The instances have no applications: the list joins its
 * page's (at most 100) keys to applications through a unique index, which does not grow
 * with the engine's table.
 *
 * Measured: BENCH_REQUESTS (600) requests one after another, as one operator paging and
 * filtering, round-robin over the list's filters (none, process, process + version, state,
 * incidents, a start-date range, a deep page), each timed from the request to the parsed
 * answer. The figures include the engine's search through the SDK (HTTP to the engine's
 * thread) and the count of the filter's total. For attribution, `engineSearchOnly` times the
 * unfiltered first page searched straight through the SDK, without the API.
 */
import os from 'node:os';
import { createStaffUser } from '../api/use-cases/staff';
import { openBenchDatabase, pct } from './bench-common';
import { benchLogger, startBenchSystem } from './bench-system';

const N = Number(process.env.BENCH_N ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 600);
const PASSWORD = 'bench-password-1';
/** Seeded keys stay far below the engine's own (its sequence starts at 2^51). */
const KEY_BASE = 1_000_000_000_000;

const QUERIES: Record<string, string> = {
  all: '',
  process: 'processId=new-issue',
  version: 'processId=new-issue&version=1',
  running: 'state=active',
  incidents: 'incident=true',
  started: 'startedFrom=2026-01-01&startedTo=2026-03-31',
  deepPage: 'page=2000&pageSize=20',
};

async function seed(db: Awaited<ReturnType<typeof openBenchDatabase>>['db'], n: number) {
  await db.raw(
    `insert into engine_process_instances
       (key, process_definition_key, bpmn_process_id, version, state, start_date, end_date,
        has_incident)
     select ?::bigint + i, d.key, d.bpmn_process_id, d.version,
       case when i % 50 < 35 then 'COMPLETED' when i % 50 < 47 then 'ACTIVE'
            when i % 50 < 49 then 'TERMINATED' else 'ACTIVE' end,
       now() - (i % 365) * interval '1 day' - (i % 86400) * interval '1 second',
       case when i % 50 < 35 or i % 50 between 47 and 48
            then now() - (i % 365) * interval '1 day' + interval '1 hour' end,
       i % 50 = 49
     from generate_series(1, ?) as i
     join (select key, bpmn_process_id, version,
                  row_number() over (order by key) - 1 as r, count(*) over () as c
             from engine_process_definitions) d on d.r = i % d.c`,
    [KEY_BASE, n],
  );
  await db.raw('analyze engine_process_instances');
}

async function main() {
  const { log } = benchLogger();
  const bench = await openBenchDatabase();
  const system = await startBenchSystem(bench, log);
  try {
    const t0 = Date.now();
    await seed(bench.db, N);
    const seeded = Number(
      (await bench.db('engine_process_instances').count({ n: '*' }).first())?.n ?? 0,
    );
    console.log(`seeded ${seeded} instances in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await createStaffUser(bench.db, { role: 'admin', username: 'bench-admin', password: PASSWORD });
    const login = await fetch(`${system.base}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench-admin', password: PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const names = Object.keys(QUERIES);
    const times: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
    const list = async (query: string) => {
      const started = performance.now();
      const res = await fetch(`${system.base}/api/operations/process-instances?${query}`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      const body = (await res.json()) as { total: number };
      if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(body)}`);
      return { ms: performance.now() - started, total: body.total };
    };
    // Warm-up: the plans, the SDK's connection, the definitions' cache; not counted.
    for (const k of names) console.log(`${k}: total ${(await list(QUERIES[k])).total}`);
    const load = os.loadavg()[0];
    for (let i = 0; i < REQUESTS; i++) {
      const k = names[i % names.length];
      times[k].push((await list(QUERIES[k])).ms);
    }
    // Attribution: the engine's own search (SDK straight to the engine), unfiltered page 1.
    const engineOnly: number[] = [];
    for (let i = 0; i < REQUESTS / names.length; i++) {
      const started = performance.now();
      await system.camunda.searchProcessInstances({
        filter: {},
        sort: [{ field: 'processInstanceKey', order: 'DESC' }],
        page: { from: 0, limit: 20 },
      } as never);
      engineOnly.push(performance.now() - started);
    }
    const all = Object.values(times).flat();
    const byQuery = Object.fromEntries(
      names.map((k) => [
        k,
        { p50: +pct(times[k], 50).toFixed(1), p99: +pct(times[k], 99).toFixed(1) },
      ]),
    );
    console.log(
      JSON.stringify({
        instances: seeded,
        requests: all.length,
        p50Ms: +pct(all, 50).toFixed(1),
        p99Ms: +pct(all, 99).toFixed(1),
        maxMs: +Math.max(...all).toFixed(1),
        byQuery,
        engineSearchOnly: {
          p50: +pct(engineOnly, 50).toFixed(1),
          p99: +pct(engineOnly, 99).toFixed(1),
        },
        loadAverage1mBefore: +load.toFixed(2),
        loadAverage1mAfter: +os.loadavg()[0].toFixed(2),
        cpus: os.cpus().length,
      }),
    );
  } finally {
    await system.stop();
    await bench.db.destroy();
    await bench.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
