/**
 * The browser half of bench:web: each app's first load from a cold browser (a new context,
 * the HTTP cache disabled through the DevTools protocol) until its page has rendered, in
 * Debian's Chromium through playwright-core, as the browser tests run it.
 */
import { chromium } from 'playwright-core';

export interface ColdLoad {
  app: string;
  runs: number[];
}

/** `runs` cold loads of `${base}/${app}/` each, milliseconds from navigation to a rendered app. */
export async function coldLoads(base: string, apps: readonly string[], runs: number) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const out: ColdLoad[] = [];
  try {
    for (const app of apps) {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        const t0 = performance.now();
        await page.goto(`${base}/${app}/`, { waitUntil: 'load' });
        // Rendered: the app mounted something visible into its root (the sign-in form).
        await page.locator('#app > *').first().waitFor();
        times.push(Math.round(performance.now() - t0));
        await context.close();
      }
      out.push({ app, runs: times });
    }
  } finally {
    await browser.close();
  }
  return out;
}
