import { randomBytes } from 'node:crypto';
import { Camunda8 } from '@camunda8/sdk';
import { startEngineThread } from '../engine';
import {
  cpuMs,
  openBenchDatabase,
  pct,
  postgresCpu,
  postgresCpuBetween,
  sleep,
} from './bench-common';

/**
 * `npm run bench:engine-app`: the engine on a process of the shape our applications have —
 * user task → two service tasks → exclusive gateway → (approved) a one-second timer → end, else
 * straight to the end — driven only through the SDK, as the application drives it. The engine
 * runs on its own thread (as under `npm start`); the load (creations, a Tasklist-like loop that
 * searches open user tasks and completes them, two SDK job workers) runs on the main thread.
 *
 * Figures: BENCH_N instances (default 2,000) created by BENCH_CLIENTS closed loops (default
 * 16); instances/s = N over the time from the first creation to the last instance's end (every
 * instance awaited); p50/p99 of each instance's start → end from the engine's own dates (they
 * include the 1 s timer on the approved half); CPU ms per instance of this process (every
 * thread: engine and load) and of PostgreSQL. The last line is one JSON object.
 */

const N = Number(process.env.BENCH_N ?? 2000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const PASSWORD = randomBytes(12).toString('hex');

const DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x">
<bpmn:process id="bench-app" isExecutable="true">
<bpmn:startEvent id="start"/><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review"/>
<bpmn:userTask id="review"><bpmn:extensionElements><zeebe:userTask/><zeebe:assignmentDefinition candidateGroups="regulator"/></bpmn:extensionElements></bpmn:userTask>
<bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="check"/>
<bpmn:serviceTask id="check"><bpmn:extensionElements><zeebe:taskDefinition type="bench-check"/></bpmn:extensionElements></bpmn:serviceTask>
<bpmn:sequenceFlow id="f3" sourceRef="check" targetRef="write"/>
<bpmn:serviceTask id="write"><bpmn:extensionElements><zeebe:taskDefinition type="bench-write"/></bpmn:extensionElements></bpmn:serviceTask>
<bpmn:sequenceFlow id="f4" sourceRef="write" targetRef="decide"/>
<bpmn:exclusiveGateway id="decide" default="f6"/>
<bpmn:sequenceFlow id="f5" sourceRef="decide" targetRef="wait"><bpmn:conditionExpression>=approved</bpmn:conditionExpression></bpmn:sequenceFlow>
<bpmn:sequenceFlow id="f6" sourceRef="decide" targetRef="end"/>
<bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
<bpmn:sequenceFlow id="f7" sourceRef="wait" targetRef="end"/>
<bpmn:endEvent id="end"/>
</bpmn:process></bpmn:definitions>`;

async function main() {
  const bench = await openBenchDatabase(4);
  const { name, url, db, admin } = bench;
  const engine = await startEngineThread(url, {
    port: 0,
    host: '127.0.0.1',
    auth: { basic: { username: 'bench', password: PASSWORD } },
    log: { error: console.error, warn: () => undefined, info: () => undefined },
  });
  const c8 = new Camunda8({
    ZEEBE_REST_ADDRESS: `http://127.0.0.1:${engine.address.port}`,
    CAMUNDA_AUTH_STRATEGY: 'BASIC',
    CAMUNDA_BASIC_AUTH_USERNAME: 'bench',
    CAMUNDA_BASIC_AUTH_PASSWORD: PASSWORD,
    CAMUNDA_LOG_LEVEL: 'none',
  } as never);
  const client = c8.getCamundaRestClient();
  await client.deployResources([{ name: 'bench-app.bpmn', content: DIAGRAM }]);

  const workers = ['bench-check', 'bench-write'].map((type) =>
    client.createJobWorker({
      type,
      maxJobsToActivate: 64,
      timeout: 30_000,
      worker: `bench-${type}`,
      jobHandler: (job) => job.complete({ [type.replace('-', '_')]: true }),
    }),
  );

  const cpu0 = process.cpuUsage();
  const pg0 = await postgresCpu(admin, name);
  const started = Date.now();
  let created = 0;
  const creators = Array.from({ length: CLIENTS }, async () => {
    while (created < N) {
      const i = created++;
      await client.createProcessInstance({
        processDefinitionId: 'bench-app',
        variables: { i, approved: i % 2 === 0 },
      });
    }
  });

  // The Tasklist's part: open tasks, oldest first, completed as a reviewer would.
  let completedTasks = 0;
  const reviewer = (async () => {
    while (completedTasks < N) {
      const page = await client.searchUserTasks({
        filter: { state: 'CREATED', elementId: 'review' },
        page: { limit: 100 },
      } as never);
      if (!page.items.length) {
        await sleep(50);
        continue;
      }
      const items = page.items as { userTaskKey: string }[];
      for (let k = 0; k < items.length; k += 16) {
        await Promise.all(
          items
            .slice(k, k + 16)
            .map((t) => client.completeUserTask({ userTaskKey: t.userTaskKey })),
        );
      }
      completedTasks += items.length;
    }
  })();

  await Promise.all([...creators, reviewer]);
  // Every instance awaited to its end.
  for (;;) {
    const active = await client.searchProcessInstances({
      filter: { processDefinitionId: 'bench-app', state: 'ACTIVE' },
      page: { limit: 1 },
    } as never);
    if (Number(active.page.totalItems) === 0) break;
    await sleep(100);
  }
  const seconds = (Date.now() - started) / 1000;
  const appCpu = cpuMs(process.cpuUsage(cpu0));
  const pgCpu = postgresCpuBetween(pg0, await postgresCpu(admin, name));

  const durations: number[] = [];
  for (let from = 0; ; from += 1000) {
    const page = await client.searchProcessInstances({
      filter: { processDefinitionId: 'bench-app', state: 'COMPLETED' },
      page: { from, limit: 1000 },
    } as never);
    const items = page.items as unknown as { startDate: string; endDate: string }[];
    for (const p of items) durations.push(Date.parse(p.endDate) - Date.parse(p.startDate));
    if (items.length < 1000) break;
  }

  for (const w of workers) await w.stop();
  await engine.stop();
  await db.destroy();
  await bench.drop();
  if (durations.length !== N)
    throw new Error(`expected ${N} completed instances, found ${durations.length}`);
  const result = {
    n: N,
    instancesPerSecond: Math.round(N / seconds),
    p50Ms: pct(durations, 50),
    p99Ms: pct(durations, 99),
    cpuMsPerInstance: Number((appCpu / N).toFixed(2)),
    postgresCpuMsPerInstance: Number((pgCpu / N).toFixed(2)),
  };
  console.log(
    `engine app-shaped bench: ${N} instances (user task → 2 service tasks → gateway → 1 s timer on half → end), ${CLIENTS} creating clients, engine on its own thread; ${seconds.toFixed(1)} s`,
  );
  console.log(JSON.stringify(result));
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
