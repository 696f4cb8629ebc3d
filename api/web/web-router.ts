/**
 * Serves the built browser apps (web-modeler/dist/<app>/) under `/<app>/`: the files as they
 * are, and index.html for every other path of the app, so a page's own address (e.g.
 * `/tasklist/tasks/123`) opens it. The pages are public; their data comes from /api with the
 * signed-in user's token, which the page keeps in memory only.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { RequestHandler, Router } from 'express';
import { AppError } from '../app-error';
import { WEB_APPS, WEB_DIST } from './build-web';
import { rootPage } from './root-page';

/**
 * Scripts only from this origin (no inline script, no eval), no frames, no plugins. Styles
 * allow inline `style` attributes: Element Plus and form-js position popovers with them.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  next();
};

function appRouter(app: string, dist: string): Router {
  const r = Router();
  const dir = path.join(dist, app);
  r.use(securityHeaders);
  // Hashed asset names never change content: cache them; index.html is always revalidated.
  r.use(
    express.static(dir, {
      index: false,
      setHeaders: (res, file) => {
        if (file.includes(`${path.sep}assets${path.sep}`))
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  r.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // A missing asset is a 404, not the page: a stale index.html must not load HTML as script.
    if (req.path.startsWith('/assets/')) return next();
    const index = path.join(dir, 'index.html');
    if (!fs.existsSync(index))
      return next(new AppError(503, 'web-not-built', '页面尚未构建，请稍后再试'));
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return r;
}

/**
 * Noto Sans SC from the package the certificate PDF already uses: the pages' last fallback
 * font, fetched by a browser only for characters its own fonts lack (a machine without any
 * Chinese font, such as a bare Linux test box), so Chinese never renders as boxes.
 */
const FALLBACK_FONT = path.join(
  path.dirname(require.resolve('@embedpdf/fonts-sc')),
  '..',
  'fonts',
  'NotoSansHans-Regular.otf',
);

/** Every app under `/<app>/`; `/<app>` redirects there so relative asset paths resolve. */
export function webRouter(dist = WEB_DIST): Router {
  const r = Router();
  r.get('/', securityHeaders, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(rootPage());
  });
  r.get('/web-fonts/noto-sans-sc.otf', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.sendFile(FALLBACK_FONT);
  });
  for (const app of WEB_APPS) {
    // Express matches `/tasklist` and `/tasklist/` alike (non-strict routing): only the bare one.
    r.get(`/${app}`, (req, res, next) =>
      req.path === `/${app}` ? res.redirect(301, `/${app}/`) : next(),
    );
    r.use(`/${app}/`, appRouter(app, dist));
  }
  return r;
}
