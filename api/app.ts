import type { CamundaRestClient } from '@camunda8/sdk';
import express, { Express } from 'express';
import type { Knex } from 'knex';
import { businessNow } from '../clock/business-clock';
import { authenticate } from './auth/authenticate';
import { IdentityProvider, acceptingIdentityProvider } from './auth/identity-provider';
import { TokenService, tokenService } from './auth/tokens';
import { healthRouter } from './health';
import { logger, Logger } from '../log/logger';
import { docsRouter } from './openapi/docs-router';
import { webRouter } from './web/web-router';
import { notFound, problemMiddleware } from './problem-middleware';
import { readinessRouter } from './readiness';
import { requestLog } from './request-log';
import { mountRoutes } from './route';
import { apiRoutes } from './routes';
import type { UseCaseContext } from './use-cases/context';
import type { WorkersStatus } from '../workers/runtime/start-workers';

export interface AppDeps {
  db: Knex;
  /**
   * The shared clock ("now"). Defaults to the business clock (clock/business-clock.ts), which
   * the workers and the scheduler read too, so the API and the processes agree on "today".
   */
  now?: () => Promise<Date>;
  /** Whether the operator may move the business clock (BUSINESS_CLOCK_CONTROLLED). */
  clockControlled?: boolean;
  /** Real-name verification; defaults to the built-in provider that accepts valid ID numbers. */
  identityProvider?: IdentityProvider;
  /** Token signing; defaults to JWT_SECRET or a key generated once and kept in the database. */
  tokens?: TokenService;
  /** The process engine; without it the process routes answer 503 (engine-unavailable). */
  camunda?: CamundaRestClient;
  /** Development only: write the modeler's deployments back to this folder (processes/). */
  processesWriteBack?: string;
  /** The job workers of this process, for GET /ready; without them it answers 503. */
  workers?: { status(): WorkersStatus };
  /** Request and error lines; defaults to the process's logger (LOG_LEVEL). */
  log?: Logger;
}

export function createApp(deps: AppDeps): Express {
  const ctx: UseCaseContext = {
    db: deps.db,
    now: deps.now ?? (() => businessNow(deps.db)),
    identityProvider: deps.identityProvider ?? acceptingIdentityProvider,
    tokens: deps.tokens ?? tokenService(deps.db),
    camunda: deps.camunda,
    clockControlled: deps.clockControlled ?? false,
    processesWriteBack: deps.processesWriteBack,
  };
  const routes = apiRoutes(ctx);
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLog(deps.log ?? logger));
  app.use(healthRouter(deps.db));
  app.use(readinessRouter({ db: deps.db, camunda: deps.camunda, workers: deps.workers }));
  app.use(docsRouter(routes));
  // The browser apps (web-modeler/) are public pages; everything they show comes from /api.
  app.use(webRouter());
  // Bodies are parsed per route, after authorization: an anonymous caller gets 401, not 400.
  app.use('/api', authenticate(deps.db, ctx.tokens));
  app.use(mountRoutes(routes, ctx.now));
  app.use(notFound);
  app.use(problemMiddleware);
  return app;
}
