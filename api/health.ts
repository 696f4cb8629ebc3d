import { Router } from 'express';
import type { Knex } from 'knex';
import { version } from '../package.json';

/** GET /health: the process answers, the database answers. */
export function healthRouter(db: Knex): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    let database = 'up';
    try {
      await db.raw('select 1');
    } catch {
      database = 'down';
    }
    res.status(database === 'up' ? 200 : 503).json({
      status: database === 'up' ? 'ok' : 'degraded',
      database,
      version,
    });
  });
  return router;
}
