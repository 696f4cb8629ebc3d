import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { listen, HttpServer } from '../../../api/http-server';
import { notFound, problemMiddleware } from '../../../api/problem-middleware';
import { CONTENT_SECURITY_POLICY, webRouter } from '../../../api/web/web-router';

describe('api/web - serving the built browser apps', () => {
  let dist: string;
  let server: HttpServer;
  let base: string;
  const get = (p: string) => fetch(base + p, { redirect: 'manual' });

  beforeAll(async () => {
    // given a build of the tasklist app
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'web-dist-'));
    fs.mkdirSync(path.join(dist, 'tasklist', 'assets'), { recursive: true });
    fs.writeFileSync(
      path.join(dist, 'tasklist', 'index.html'),
      '<!doctype html><title>待办</title>',
    );
    fs.writeFileSync(path.join(dist, 'tasklist', 'assets', 'index-abc.js'), 'console.log(1)');
    const app = express();
    app.use(webRouter(dist));
    app.use(notFound);
    app.use(problemMiddleware);
    server = await listen(app, 0, '127.0.0.1');
    base = `http://127.0.0.1:${server.address.port}`;
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it.each(['tasklist', 'portal', 'training', 'mobile'])(
    'should redirect the bare path of the %s app to its folder',
    async (app) => {
      const r = await get(`/${app}`);
      expect(r.status).toBe(301);
      expect(r.headers.get('location')).toBe(`/${app}/`);
    },
  );

  it.each(['/portal/', '/portal/confirmations/123', '/training/'])(
    'should serve %s under the same policy, answering 503 while it is not built',
    async (p) => {
      const r = await get(p);
      expect(r.status).toBe(503);
      expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    },
  );

  it('should answer the root page leading each kind of user to their app', async () => {
    const r = await get('/');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/html');
    expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const html = await r.text();
    for (const href of ['/mobile/', '/tasklist/', '/portal/', '/training/', '/docs'])
      expect(html).toContain(`href="${href}"`);
    expect(html).toContain('从业人员');
    expect(html).not.toContain('<script');
  });

  it.each(['/tasklist/', '/tasklist/tasks/123', '/tasklist/done'])(
    'should answer the page for %s with the content security policy',
    async (p) => {
      const r = await get(p);
      expect(r.status).toBe(200);
      expect(await r.text()).toContain('<title>待办</title>');
      expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(r.headers.get('cache-control')).toBe('no-cache');
    },
  );

  it('should serve hashed assets for a year and a missing one as 404', async () => {
    const asset = await get('/tasklist/assets/index-abc.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const missing = await get('/tasklist/assets/index-old.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
  });

  it('should allow scripts only from the page’s own origin', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('should answer 503 in Chinese while the app is not built', async () => {
    fs.renameSync(path.join(dist, 'tasklist', 'index.html'), path.join(dist, 'index.bak'));
    try {
      const r = await get('/tasklist/');
      expect(r.status).toBe(503);
      expect(((await r.json()) as { detail: string }).detail).toBe('页面尚未构建，请稍后再试');
    } finally {
      fs.renameSync(path.join(dist, 'index.bak'), path.join(dist, 'tasklist', 'index.html'));
    }
  });

  it('should serve the fallback Chinese font', async () => {
    const r = await get('/web-fonts/noto-sans-sc.otf');
    expect(r.status).toBe(200);
    expect(
      Buffer.from(await r.arrayBuffer())
        .subarray(0, 4)
        .toString('latin1'),
    ).toBe('OTTO');
  });
});
