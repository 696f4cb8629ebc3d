import express, { ErrorRequestHandler, Express, RequestHandler } from 'express';
import type { Engine } from '../engine';
import type { EngineLog } from '../engine-log';
import { EngineError, engineErrorFor } from './engine-error';
import { clusterRouter } from './cluster';
import { deploymentsRouter } from './deployments';
import { processInstancesRouter } from './process-instances';
import { processDefinitionsRouter } from './process-definitions';
import { jobsRouter } from './jobs';
import { messagesRouter } from './messages';
import { userTasksRouter } from './user-tasks';
import { incidentsRouter } from './incidents';
import { elementInstancesRouter } from './element-instances';
import { variablesRouter } from './variables';
import { decisionsRouter } from './decisions';
import { checkOperationReference } from './int64';

/** Addresses ending in `/` make the SDK send `//v2/...`; serve those too. */
const collapseSlashes: RequestHandler = (req, _res, next) => {
  if (req.url.startsWith('//')) req.url = req.url.replace(/^\/+/, '/');
  next();
};

/** An empty JSON body (the SDK sends `content-type: application/json` with no body) is `{}`. */
const emptyBodyIsObject: RequestHandler = (req, _res, next) => {
  if (req.body === undefined || req.body === null || req.body === '') req.body = {};
  next();
};

/** The Camunda 8.8 REST API (`/v2`) over the engine. */
export function createEngineApp(engine: Engine): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(collapseSlashes);
  app.use(
    express.json({
      limit: '16mb',
      strict: false,
      type: (req) => !String(req.headers['content-type'] ?? '').startsWith('multipart/'),
    }),
  );
  app.use(emptyBodyIsObject);
  // Every 8.8 command may carry an int64 `operationReference`; one check for all of them.
  app.use((req, _res, next) => {
    checkOperationReference(req.body);
    next();
  });
  const v2 = express.Router();
  // The hot path (job activation and completion, instance creation) first: Express tries each
  // route in order, and no two routers share a path.
  v2.use(jobsRouter(engine));
  v2.use(processInstancesRouter(engine));
  v2.use(clusterRouter(engine));
  v2.use(deploymentsRouter(engine));
  v2.use(processDefinitionsRouter(engine));
  v2.use(messagesRouter(engine));
  v2.use(userTasksRouter(engine));
  v2.use(incidentsRouter(engine));
  v2.use(elementInstancesRouter(engine));
  v2.use(variablesRouter(engine));
  v2.use(decisionsRouter(engine));
  app.use('/v2', v2);
  app.use((req, _res, next) =>
    next(new EngineError(404, 'NOT_FOUND', `No endpoint ${req.method} ${req.path}`)),
  );
  app.use(problem(engine.log));
  return app;
}

const problem =
  (log: EngineLog): ErrorRequestHandler =>
  (err, req, res, _next) => {
    const p = problemFor(err, req.method, req.originalUrl, log);
    if (res.headersSent) return;
    res.status(p.status).type('application/problem+json').send(p.body);
  };

/** The `application/problem+json` answer to an error (the engine's, body-parser's or a bug). */
export function problemFor(err: unknown, method: string, url: string, log: EngineLog = console) {
  const e = engineErrorFor(err, `${method} ${url}`, log);
  const body = JSON.stringify({
    type: 'about:blank',
    title: e.title,
    status: e.status,
    detail: e.detail,
    instance: url,
  });
  return { status: e.status, body };
}
