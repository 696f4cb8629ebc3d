import type { CamundaRestClient } from '@camunda8/sdk';
import { Router } from 'express';
import type { Knex } from 'knex';
import { version } from '../package.json';
import { outboxBacklog } from '../repositories/outbox';
import type { WorkersStatus } from '../workers/runtime/start-workers';

export interface ReadinessDeps {
  db: Knex;
  camunda?: CamundaRestClient;
  workers?: { status(): WorkersStatus };
}

type Check = { up: true } | { up: false; reason: string };

/** A check that has not answered within this time counts as down (a probe must not hang). */
const CHECK_TIMEOUT_MS = 2_000;

async function check(run: () => Promise<unknown>, what: string): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([run(), timeout]);
    return { up: true };
  } catch (e) {
    return { up: false, reason: shortReason(e) };
  } finally {
    clearTimeout(timer);
  }
}

/** First line of an error, bounded: enough to act on, never a whole response body. */
function shortReason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0].slice(0, 200);
}

function workersCheck(workers: ReadinessDeps['workers']): Check {
  if (!workers) return { up: false, reason: 'job workers are not running in this process' };
  const s = workers.status();
  if (!s.polling) return { up: false, reason: s.problem ?? 'job workers are stopped' };
  return s.problem ? { up: false, reason: s.problem } : { up: true };
}

/**
 * GET /ready: whether this process can do its work now. 200 when the database answers, the
 * engine answers (its topology) and the job workers poll; else 503 and an English reason per
 * part that is down. `outbox` counts the engine commands still owed and the age of the oldest. GET /health stays the liveness probe (the process and its database).
 */
export function readinessRouter(deps: ReadinessDeps): Router {
  const router = Router();
  router.get('/ready', async (_req, res) => {
    const [database, engine] = await Promise.all([
      check(() => deps.db.raw('select 1'), 'database'),
      deps.camunda
        ? check(() => deps.camunda!.getTopology(), 'engine')
        : Promise.resolve<Check>({ up: false, reason: 'no engine configured' }),
    ]);
    const parts = { database, engine, workers: workersCheck(deps.workers) };
    // What is owed to the engine (starts, messages) tells an operator whether recovery keeps up;
    // it informs, it does not decide readiness (a backlog drains by itself).
    const outbox = database.up ? await outboxBacklog(deps.db).catch(() => undefined) : undefined;
    const ready = Object.values(parts).every((p) => p.up);
    const reasons = Object.fromEntries(
      Object.entries(parts).flatMap(([name, p]) => (p.up ? [] : [[name, p.reason]])),
    );
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not-ready',
      database: database.up ? 'up' : 'down',
      engine: engine.up ? 'up' : 'down',
      workers: parts.workers.up ? 'up' : 'down',
      ...(ready ? {} : { reasons }),
      ...(outbox ? { outbox: { owed: outbox.count, oldestSeconds: outbox.oldestSeconds } } : {}),
      version,
    });
  });
  return router;
}
