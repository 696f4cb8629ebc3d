/** What the Tasklist's browser tests do on a page: screenshots, Chinese only, sign-in, waits. */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { PASSWORD } from '../../api/api-harness';

export const SHOTS = process.env.WEB_SHOTS ?? '/tmp/web-shots';
export const VIEWPORT = { width: 1366, height: 768 };

/** A full-page screenshot of the settled page (fonts loaded, loading masks gone). */
export async function shot(p: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await p.evaluate('document.fonts.ready');
  // A table's loading mask fades out after its rows arrive: shoot the settled page.
  await p
    .locator('.el-loading-mask')
    .first()
    .waitFor({ state: 'detached', timeout: 3000 })
    .catch(() => undefined);
  await p.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Words of Latin letters only (not codes mixing digits, like credit codes). */
const latinWords = (text: string) =>
  text.match(/(?<![0-9A-Za-z])[A-Za-z]{2,}(?![0-9A-Za-z])/g) ?? [];

/** Every Latin word on the page must be an allowed one: no English leaks to the user. */
export async function expectChinese(p: Page, allowed: RegExp) {
  const text = await p.locator('body').innerText();
  expect(latinWords(text).filter((w) => !allowed.test(w))).toEqual([]);
}

/** Waits (`ms`, 10 s by default) until the locator matches `n` elements. */
export async function countIs(l: Locator, n: number, ms = 10_000) {
  const until = Date.now() + ms;
  while ((await l.count()) !== n) {
    if (Date.now() > until) throw new Error(`expected ${n} elements, found ${await l.count()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function signIn(p: Page, base: string, username: string) {
  await p.goto(`${base}/tasklist/`);
  await p.locator('input[name=username]').fill(username);
  await p.locator('input[name=password]').fill(PASSWORD);
  await p.getByRole('button', { name: '登录' }).click();
  await p.getByText('退出登录').waitFor();
}
