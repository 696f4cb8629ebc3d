/**
 * What every browser test of the apps does with a page: screenshots of the settled page (to be
 * looked at), the check that no English reaches the user, waiting for a number of rows, and
 * signing in through an app's login page.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

export const SHOTS = process.env.WEB_SHOTS ?? '/tmp/web-shots';
export const VIEWPORT = { width: 1366, height: 768 };

/** In the page: no finite animation or transition is running (spinners loop for ever). */
const SETTLED = `document.getAnimations().every(
  (a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)`;

/** A full-page screenshot under SHOTS once fonts are loaded and tables have settled. */
export async function shot(p: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await p.evaluate('document.fonts.ready');
  // A table's loading mask fades out after its rows arrive: shoot the settled page.
  await p
    .locator('.el-loading-mask')
    .first()
    .waitFor({ state: 'detached', timeout: 3000 })
    .catch(() => undefined);
  // A toast ("已提交") floats over the page for 3 s: shoot the page, not the toast.
  await p
    .locator('.el-message')
    .last()
    .waitFor({ state: 'detached', timeout: 4000 })
    .catch(() => undefined);
  // Checkboxes and tabs ease into their new look: shoot once the transitions have ended.
  await p.waitForFunction(SETTLED, null, { timeout: 2000, polling: 50 }).catch(() => undefined);
  await p.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Words of Latin letters only (not codes mixing digits, like credit codes). */
const latinWords = (text: string) =>
  text.match(/(?<![0-9A-Za-z])[A-Za-z]{2,}(?![0-9A-Za-z])/g) ?? [];

/**
 * Every Latin word on the page must be an allowed one: no English leaks to the user. Elements
 * marked `.technical` (an engine's error message, a variable's name) are left out.
 */
export async function expectChinese(p: Page, allowed: RegExp): Promise<void> {
  let text = await p.locator('body').innerText();
  for (const technical of await p.locator('.technical').allInnerTexts())
    if (technical) text = text.split(technical).join(' ');
  expect(latinWords(text).filter((w) => !allowed.test(w))).toEqual([]);
}

/** Waits (10 s at most) until the locator matches `n` elements. */
export async function countIs(l: Locator, n: number): Promise<void> {
  const until = Date.now() + 10_000;
  while ((await l.count()) !== n) {
    if (Date.now() > until) throw new Error(`expected ${n} elements, found ${await l.count()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Opens `url` (an app's address) and signs in on its login page. */
export async function signInAt(p: Page, url: string, username: string, password: string) {
  await p.goto(url);
  await p.locator('input[name=username]').fill(username);
  await p.locator('input[name=password]').fill(password);
  await p.getByRole('button', { name: '登录' }).click();
  await p.getByText('退出登录').waitFor();
}
