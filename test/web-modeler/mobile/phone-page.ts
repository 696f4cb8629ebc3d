/** What the phone-page tests do to every page: shoot it and check that it speaks Chinese. */
import fs from 'node:fs';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Locator, Page } from 'playwright-core';

export const SHOTS = process.env.WEB_SHOTS ?? '/tmp/web-shots';

/** The phone the manual's mini-program is drawn for. */
export const PHONE = { width: 390, height: 844 };

/** A full-page screenshot once fonts and Vant's toasts and transitions have settled. */
export async function shoot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.evaluate('document.fonts.ready');
  await page.waitForTimeout(350);
  // A full-page shot would paint the fixed tab bar over the middle of a long page: in the
  // shot it stands where its placeholder is, at the end.
  await page.addStyleTag({ content: '.van-tabbar--fixed { position: static !important; }' });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Latin words a person may read on these pages (everything else must be Chinese). */
const ALLOWED = new Set(['PDF']);

/** Fails when the page shows a word of Latin letters only (codes with digits are fine). */
export async function expectChineseOnly(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  const words = text.match(/(?<![0-9A-Za-z])[A-Za-z]{2,}(?![0-9A-Za-z])/g) ?? [];
  expect(words.filter((w) => !ALLOWED.has(w))).toEqual([]);
}

/** The text of the QR code an element shows, read from its pixels as a phone camera would. */
export async function qrText(element: Locator): Promise<string | null> {
  const png = PNG.sync.read(await element.screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}
