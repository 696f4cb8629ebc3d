import express, { Express } from 'express';
import type { Knex } from 'knex';
import { healthRouter } from './health';
import { notFound, problemMiddleware } from './problem-middleware';

export interface AppDeps {
  db: Knex;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));
  app.use(healthRouter(deps.db));
  app.use(notFound);
  app.use(problemMiddleware);
  return app;
}
