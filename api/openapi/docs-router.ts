import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import type { Route } from '../route';
import { openApiDocument } from './openapi-document';

/**
 * GET /openapi.json and GET /docs: a self-contained page (no CDN, nothing fetched but the
 * document) that lists every operation and can send requests with the user's token.
 */
export function docsRouter(routes: Route[]): Router {
  const document = openApiDocument(routes);
  const page = readFileSync(path.join(__dirname, 'docs-page.html'), 'utf8');
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get('/docs', (_req, res) => {
    res
      .type('html')
      .set(
        'Content-Security-Policy',
        "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'",
      )
      .send(page);
  });
  return router;
}
