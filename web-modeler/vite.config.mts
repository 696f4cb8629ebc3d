/**
 * One vite build per app (`WEB_APP=tasklist`), each served by the API under `/<app>/`. Run by
 * web-modeler/build.ts, never by hand: `npm start` and the browser tests build on demand.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const app = process.env.WEB_APP ?? 'tasklist';

export default defineConfig({
  root: path.join(here, app),
  base: `/${app}/`,
  plugins: [vue()],
  resolve: {
    alias: { '@shared': path.join(here, 'shared'), '@domain': path.join(here, '..', 'domain') },
  },
  logLevel: 'warn',
  build: {
    outDir: process.env.WEB_OUT_DIR ?? path.join(here, 'dist', app),
    emptyOutDir: true,
    // The pages are for current desktop browsers of an office and phones of the last few years.
    target: 'es2020',
    reportCompressedSize: false,
    chunkSizeWarningLimit: 2000,
  },
});
