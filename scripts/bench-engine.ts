import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Camunda8 } from '@camunda8/sdk';
import { connect } from '../db/connect';
import { withDatabase } from '../db/database-url';
import { createDatabaseIfMissing, startDatabase } from '../db/start-database';
import { migrateAll } from '../db/migrate';
import { startEngine } from '../engine/start-engine';

/**
 * `npm run bench:engine`: (a) a one-service-task process, instances created over REST by
 * concurrent clients and completed by the SDK's REST job workers — instances/s, p50/p99
 * start→complete, and p99 at a fixed offered load of 100/s; (b) the database's raw commit rate
 * (single-row insert transactions from 8 connections). The last line is one JSON object.
 * Uses DATABASE_URL's server (or the embedded one) with fsync as configured there.
 */

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 4);

const DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x">
<bpmn:process id="bench" isExecutable="true">
<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
<bpmn:serviceTask id="t"><bpmn:extensionElements><zeebe:taskDefinition type="bench-task"/></bpmn:extensionElements></bpmn:serviceTask>
<bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/>
</bpmn:process></bpmn:definitions>`;

const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function commitRate(url: string, seconds: number): Promise<number> {
  const clients = await Promise.all(
    Array.from({ length: 8 }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  await clients[0].query(
    'create table if not exists bench_commits (id bigserial primary key, v int)',
  );
  let n = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    clients.map(async (c) => {
      while (Date.now() < end) {
        await c.query('insert into bench_commits (v) values (1)');
        n++;
      }
    }),
  );
  await clients[0].query('drop table bench_commits');
  await Promise.all(clients.map((c) => c.end()));
  return n / seconds;
}

interface LoadResult {
  instancesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  p99At100Ms: number;
}

/** The SDK side (clients and job workers) in a process of its own, as an application would be. */
async function load(address: string): Promise<LoadResult> {
  const client = new Camunda8({
    ZEEBE_REST_ADDRESS: address,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    CAMUNDA_LOG_LEVEL: 'none',
  } as never).getCamundaRestClient();
  const started = new Map<string, number>();
  const latencies: number[] = [];
  let completed = 0;
  const workers = Array.from({ length: WORKERS }, (_, i) =>
    client.createJobWorker({
      type: 'bench-task',
      worker: `bench-${i}`,
      timeout: 30000,
      maxJobsToActivate: 64,
      pollIntervalMs: 5,
      jobHandler: async (job) => {
        const ack = await job.complete({});
        const t0 = started.get(job.processInstanceKey);
        if (t0 !== undefined) latencies.push(Date.now() - t0);
        completed++;
        return ack;
      },
    }),
  );
  const create = async () => {
    const t0 = Date.now();
    const r = await client.createProcessInstance({
      processDefinitionId: 'bench',
      variables: { n: 1 },
    });
    started.set(r.processInstanceKey, t0);
  };
  // warm-up
  await Promise.all(Array.from({ length: 50 }, create));
  await sleep(1000);
  // throughput with concurrent clients
  latencies.length = 0;
  completed = 0;
  const createdBefore = started.size;
  const t0 = Date.now();
  const end = t0 + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < end) await create();
    }),
  );
  const target = started.size - createdBefore;
  while (completed < target && Date.now() - end < 15_000) await sleep(10);
  const instancesPerSecond = completed / ((Date.now() - t0) / 1000);
  const p50Ms = pct(latencies, 50);
  const p99Ms = pct(latencies, 99);
  await sleep(500);
  // fixed offered load: 100 instances/s for 5 s
  latencies.length = 0;
  const offered: Promise<void>[] = [];
  const begin = Date.now();
  for (let i = 0; i < 500; i++) {
    offered.push(create());
    const next = begin + (i + 1) * 10;
    await sleep(Math.max(0, next - Date.now()));
  }
  await Promise.all(offered);
  const waitFrom = Date.now();
  while (latencies.length < 500 && Date.now() - waitFrom < 10_000) await sleep(10);
  const p99At100Ms = pct(latencies, 99);
  await Promise.all(workers.map((w) => w.stop()));
  return { instancesPerSecond, p50Ms, p99Ms, p99At100Ms };
}

async function main(): Promise<void> {
  if (process.env.BENCH_LOAD_ADDRESS) {
    const r = await load(process.env.BENCH_LOAD_ADDRESS);
    process.send!(r);
    process.exit(0);
  }
  const server = await startDatabase();
  const name = `bench_${randomBytes(4).toString('hex')}`;
  await createDatabaseIfMissing(withDatabase(server.url, 'postgres'), name);
  const url = withDatabase(server.url, name);
  const db = connect(url, 20);
  await migrateAll(db);
  const engine = await startEngine({ db, port: 0, host: '127.0.0.1' });
  const address = `http://127.0.0.1:${engine.address.port}`;
  const deployer = new Camunda8({
    ZEEBE_REST_ADDRESS: address,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    CAMUNDA_LOG_LEVEL: 'none',
  } as never).getCamundaRestClient();
  await deployer.deployResources([{ name: 'bench.bpmn', content: DIAGRAM }]);
  const child = fork(__filename, [], {
    env: { ...process.env, BENCH_LOAD_ADDRESS: address },
    execArgv: process.execArgv,
  });
  const loadResult = await new Promise<LoadResult>((resolve, reject) => {
    child.once('message', (m) => resolve(m as LoadResult));
    child.once('exit', (code) => code && reject(new Error(`load process exited with ${code}`)));
  });
  await engine.stop();
  await db.destroy();
  // (b) raw commit rate of the same server
  const commitsPerSecond = await commitRate(url, 5);
  const admin = new pg.Client({ connectionString: withDatabase(server.url, 'postgres') });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
  await server.stop();
  const result = {
    instancesPerSecond: Math.round(loadResult.instancesPerSecond),
    p50Ms: loadResult.p50Ms,
    p99Ms: loadResult.p99Ms,
    p99At100Ms: loadResult.p99At100Ms,
    commitsPerSecond: Math.round(commitsPerSecond),
    ratio: Number((loadResult.instancesPerSecond / commitsPerSecond).toFixed(3)),
  };
  console.log(
    `engine bench: ${CLIENTS} REST clients and ${WORKERS} SDK job workers in a second process, ${SECONDS}s; database ${server.embedded ? 'embedded' : 'DATABASE_URL'}`,
  );
  console.log(JSON.stringify(result));
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
