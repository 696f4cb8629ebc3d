import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';
import { Camunda8 } from '@camunda8/sdk';
import { startEngine } from '../engine';
import {
  countStatements,
  cpuMs,
  openBenchDatabase,
  pct,
  postgresCpu,
  postgresCpuBetween,
  silentLogger,
  sleep,
} from './bench-common';

/**
 * `npm run bench:engine`: (a) a one-service-task process on the engine, durable database;
 * (b) the database's raw commit rate (single-row insert transactions from 8 connections).
 * The last line is one JSON object.
 *
 * The load side runs in a second process, as an application would:
 * - creation: BENCH_CLIENTS concurrent REST clients, each a closed loop of
 *   `POST /v2/process-instances` over a keep-alive `http.request` (a lean client: the SDK's
 *   `createProcessInstance` goes through got and lossless-json and costs the load process more
 *   CPU than the engine's whole create command);
 * - completion, in two runs one after the other on the same engine: BENCH_WORKERS job workers
 *   of the SDK (`createJobWorker`, REST long polling, `maxJobsToActivate` BENCH_MAX_JOBS), then
 *   BENCH_WORKERS streaming workers of the SDK's gRPC client (`streamJobs`, the gateway's
 *   StreamActivatedJobs), each job completed with `job.complete()`. The JSON's top-level
 *   figures are the REST run's (as before); `grpcStreaming` holds the same figures for gRPC.
 *
 * Figures: after a warm-up of the same load (not counted, and drained), every instance created
 * in the BENCH_SECONDS window is awaited to completion; instances/s = those instances over the
 * time from the window's start to the last completion. Latency = create request sent → the
 * worker's completion acknowledged, for every one of them. Then an open-loop offered load of
 * 100 instances/s for 5 s (500 instances, sent on schedule whatever the answers): its p99.
 * A diagnostic line before the JSON gives CPU per instance of the engine process, the load
 * process and PostgreSQL (its backends on the bench database and the WAL writer, from /proc),
 * and SQL statements per instance (every query the engine process sent in the window).
 */

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const MAX_JOBS = Number(process.env.BENCH_MAX_JOBS ?? 64);
/** A pause between phases, so one phase's tail does not run into the next one's figures. */
const SETTLE_MS = 1000;

const DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x">
<bpmn:process id="bench" isExecutable="true">
<bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/>
<bpmn:serviceTask id="t"><bpmn:extensionElements><zeebe:taskDefinition type="bench-task"/></bpmn:extensionElements></bpmn:serviceTask>
<bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/>
</bpmn:process></bpmn:definitions>`;

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

/** Creates instances with `POST /v2/process-instances` over keep-alive sockets. */
/**
 * The engine runs behind Basic credentials as in production (the check is part of what is
 * measured); the load process inherits the password through its environment.
 */
function benchPassword(): string {
  process.env.BENCH_ENGINE_PASSWORD ??= randomBytes(12).toString('hex');
  return process.env.BENCH_ENGINE_PASSWORD;
}

function benchAuth() {
  return {
    CAMUNDA_AUTH_STRATEGY: 'BASIC',
    CAMUNDA_BASIC_AUTH_USERNAME: 'bench',
    CAMUNDA_BASIC_AUTH_PASSWORD: benchPassword(),
  };
}

function restCreator(address: string): () => Promise<string> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS + 8 });
  const url = new URL('/v2/process-instances', address);
  const body = JSON.stringify({ processDefinitionId: 'bench', variables: { n: 1 } });
  const headers = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    authorization: `Basic ${Buffer.from(`bench:${benchPassword()}`).toString('base64')}`,
  };
  return () =>
    new Promise((resolve, reject) => {
      const req = http.request(url, { method: 'POST', agent, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`create: ${res.statusCode} ${text}`));
          else resolve(JSON.parse(text).processInstanceKey as string);
        });
      });
      req.on('error', reject);
      req.end(body);
    });
}

interface LoadResult {
  instancesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  p99At100Ms: number;
  instances: number;
  loadCpuMs: number;
  activations: number;
}

/** The load side (creating clients, SDK job workers) in a process of its own. */
/** BENCH_WORKERS SDK job workers over REST long polling, each completing its jobs. */
function restWorkers(
  client: ReturnType<Camunda8['getCamundaRestClient']>,
  done: (processInstanceKey: string) => void,
  onActivation: () => void,
): { stop(): Promise<void> } {
  const workers = Array.from({ length: WORKERS }, (_, i) => {
    const w = client.createJobWorker({
      type: 'bench-task',
      worker: `bench-${i}`,
      timeout: 30000,
      maxJobsToActivate: MAX_JOBS,
      pollIntervalMs: 5,
      logger: silentLogger,
      jobHandler: async (job) => {
        const ack = await job.complete({});
        done(job.processInstanceKey);
        return ack;
      },
    });
    w.on('work', onActivation);
    return w;
  });
  return { stop: async () => void (await Promise.all(workers.map((w) => w.stop()))) };
}

/**
 * BENCH_WORKERS streaming workers of the SDK's gRPC client (`streamJobs`, StreamActivatedJobs:
 * jobs pushed as they become activatable), each completing its jobs with CompleteJob.
 */
async function grpcStreamWorkers(
  done: (processInstanceKey: string) => void,
): Promise<{ stop(): Promise<void> }> {
  const grpc = new Camunda8({
    ZEEBE_GRPC_ADDRESS: `grpc://${process.env.BENCH_GRPC_ADDRESS}`,
    ...benchAuth(),
    CAMUNDA_LOG_LEVEL: 'none',
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE' },
  } as never).getZeebeGrpcApiClient();
  const streams = await Promise.all(
    Array.from({ length: WORKERS }, (_, i) =>
      grpc.streamJobs({
        type: 'bench-task',
        worker: `bench-grpc-${i}`,
        timeout: 30000,
        taskHandler: async (job: {
          processInstanceKey: string;
          complete(v: object): Promise<never>;
        }) => {
          const ack = await job.complete({});
          done(job.processInstanceKey);
          return ack;
        },
      } as never),
    ),
  );
  return {
    stop: async () => {
      for (const s of streams) s.close();
      await grpc.close();
    },
  };
}

async function load(address: string, mode: 'rest' | 'grpc'): Promise<LoadResult> {
  const client = new Camunda8({
    ZEEBE_REST_ADDRESS: address,
    ...benchAuth(),
    CAMUNDA_LOG_LEVEL: 'none',
    logger: silentLogger,
  } as never).getCamundaRestClient();
  const createRequest = restCreator(address);
  const sentAt = new Map<string, number>();
  const doneAt = new Map<string, number>();
  let activations = 0;
  const done = (processInstanceKey: string) => doneAt.set(processInstanceKey, Date.now());
  const workers =
    mode === 'grpc'
      ? await grpcStreamWorkers(done)
      : restWorkers(client, done, () => activations++);
  const create = async (phase: string[]) => {
    const t0 = Date.now();
    const key = await createRequest();
    sentAt.set(key, t0);
    phase.push(key);
  };
  const closedLoop = async (seconds: number, phase: string[]) => {
    const end = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (Date.now() < end) await create(phase);
      }),
    );
  };
  /** Waits until every instance of the phase completed; returns the last completion time. */
  const drained = async (phase: string[]) => {
    const giveUp = Date.now() + 30_000;
    while (phase.some((k) => !doneAt.has(k))) {
      if (Date.now() > giveUp) throw new Error('instances did not complete within 30 s');
      await sleep(5);
    }
    return Math.max(...phase.map((k) => doneAt.get(k)!));
  };
  const latencies = (phase: string[]) => phase.map((k) => doneAt.get(k)! - sentAt.get(k)!);

  const warmUp: string[] = [];
  await closedLoop(WARMUP_SECONDS, warmUp);
  await drained(warmUp);
  await sleep(SETTLE_MS);
  // the measured window
  const window: string[] = [];
  process.send!('window-start');
  const cpu0 = process.cpuUsage();
  const activations0 = activations;
  const t0 = Date.now();
  await closedLoop(SECONDS, window);
  const last = await drained(window);
  const loadCpuMs = cpuMs(process.cpuUsage(cpu0));
  process.send!('window-end');
  const windowActivations = activations - activations0;
  const lat = latencies(window);
  await sleep(SETTLE_MS + 500);
  // open loop: 100 instances/s for 5 s
  const offered: string[] = [];
  const sending: Promise<void>[] = [];
  const begin = Date.now();
  for (let i = 0; i < 500; i++) {
    sending.push(create(offered));
    await sleep(Math.max(0, begin + (i + 1) * 10 - Date.now()));
  }
  await Promise.all(sending);
  await drained(offered);
  await workers.stop();
  return {
    instancesPerSecond: window.length / ((last - t0) / 1000),
    p50Ms: pct(lat, 50),
    p99Ms: pct(lat, 99),
    p99At100Ms: pct(latencies(offered), 99),
    instances: window.length,
    loadCpuMs,
    activations: windowActivations,
  };
}

async function main(): Promise<void> {
  if (process.env.BENCH_LOAD_ADDRESS) {
    const r = await load(process.env.BENCH_LOAD_ADDRESS, process.env.BENCH_MODE as 'rest' | 'grpc');
    process.send!(r);
    process.exit(0);
  }
  const bench = await openBenchDatabase(20);
  const { server, name, url, db, admin } = bench;
  const statements = countStatements();
  const engine = await startEngine({
    db,
    port: 0,
    grpcPort: 0,
    host: '127.0.0.1',
    auth: { basic: { username: 'bench', password: benchPassword() } },
  });
  const address = `http://127.0.0.1:${engine.address.port}`;
  const deployer = new Camunda8({
    ZEEBE_REST_ADDRESS: address,
    ...benchAuth(),
    CAMUNDA_LOG_LEVEL: 'none',
  } as never).getCamundaRestClient();
  await deployer.deployResources([{ name: 'bench.bpmn', content: DIAGRAM }]);
  const grpcAddress = `127.0.0.1:${engine.grpcAddress!.port}`;
  /** One load process against the engine: its figures and the engine's side of its window. */
  const runLoad = (mode: 'rest' | 'grpc') => {
    const child = fork(__filename, [], {
      env: {
        ...process.env,
        BENCH_LOAD_ADDRESS: address,
        BENCH_GRPC_ADDRESS: grpcAddress,
        BENCH_MODE: mode,
      },
      execArgv: process.execArgv,
    });
    let engineCpu0 = process.cpuUsage();
    let pg0 = new Map<number, number>();
    let statements0 = 0;
    const side = { engineCpuMs: 0, postgresCpuMs: 0, windowStatements: 0 };
    return new Promise<{ load: LoadResult } & typeof side>((resolve, reject) => {
      child.on('message', (m) => {
        if (m === 'window-start') {
          engineCpu0 = process.cpuUsage();
          statements0 = statements();
          void postgresCpu(admin, name).then((s) => (pg0 = s));
        } else if (m === 'window-end') {
          side.engineCpuMs = cpuMs(process.cpuUsage(engineCpu0));
          side.windowStatements = statements() - statements0;
          void postgresCpu(admin, name).then(
            (s) => (side.postgresCpuMs = postgresCpuBetween(pg0, s)),
          );
        } else resolve({ load: m as LoadResult, ...side });
      });
      child.once('exit', (code) => code && reject(new Error(`load process exited with ${code}`)));
    });
  };
  const rest = await runLoad('rest');
  await sleep(SETTLE_MS);
  const grpc = await runLoad('grpc');
  await engine.stop();
  await db.destroy();
  // (b) raw commit rate of the same server
  const commitsPerSecond = await commitRate(url, 5);
  await bench.drop();
  console.log(
    `engine bench: ${CLIENTS} REST clients in a second process, ${SECONDS}s; database ${server.embedded ? 'embedded' : 'DATABASE_URL'}; completing: (rest) ${WORKERS} SDK REST job workers (maxJobsToActivate ${MAX_JOBS}), then (grpc) ${WORKERS} SDK gRPC streamJobs workers`,
  );
  for (const [mode, r] of [
    ['rest', rest],
    ['grpc', grpc],
  ] as const) {
    const n = r.load.instances;
    const per = (x: number) => (x / n).toFixed(2);
    console.log(
      `${mode} per instance (${n} in the window): CPU ms engine ${per(r.engineCpuMs)}, load ${per(r.load.loadCpuMs)}, postgres ${per(r.postgresCpuMs)}; SQL statements ${per(r.windowStatements)}` +
        (mode === 'rest' ? `; jobs per activation ${(n / r.load.activations).toFixed(1)}` : ''),
    );
  }
  const figures = (l: LoadResult) => ({
    instancesPerSecond: Math.round(l.instancesPerSecond),
    p50Ms: l.p50Ms,
    p99Ms: l.p99Ms,
    p99At100Ms: l.p99At100Ms,
  });
  const result = {
    ...figures(rest.load),
    commitsPerSecond: Math.round(commitsPerSecond),
    ratio: Number((rest.load.instancesPerSecond / commitsPerSecond).toFixed(3)),
    grpcStreaming: figures(grpc.load),
  };
  console.log(JSON.stringify(result));
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
