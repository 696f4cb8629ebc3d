import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../helpers/browser';
import { ApiHarness, PASSWORD, registeredPerson, startApi } from '../api-harness';

describe('api/openapi - the /docs page in Chromium', () => {
  let api: ApiHarness;
  let browser: Browser;
  beforeAll(async () => {
    api = await startApi();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await api.stop();
  });

  it('should list the operations, log in with "try it" and call an authenticated operation', async () => {
    // given a registered person and the docs page
    const { idNumber } = await registeredPerson(api, '王五');
    const page = await browser.newPage();
    await page.goto(`${api.base}/docs`);
    const token = page.locator('details', {
      has: page.locator('.path', { hasText: /^\/api\/auth\/token$/ }),
    });
    await token.waitFor();
    expect(await page.locator('details').count()).toBeGreaterThan(20);

    // when the person logs in through the token operation's "try it"
    await token.locator('summary').click();
    await token
      .locator('textarea')
      .fill(JSON.stringify({ username: idNumber, password: PASSWORD }));
    await token.getByRole('button', { name: '发送请求' }).click();
    await token.locator('pre', { hasText: /^200 / }).waitFor();

    // then the page keeps the token and uses it for GET /api/persons/me
    expect(await page.locator('#token').inputValue()).toMatch(/^ey/);
    const me = page
      .locator('details', { has: page.locator('.m.get') })
      .filter({ has: page.locator('.path', { hasText: /^\/api\/persons\/me$/ }) });
    await me.locator('summary').click();
    await me.getByRole('button', { name: '发送请求' }).click();
    const answer = me.locator('pre', { hasText: /^200 / });
    await answer.waitFor();
    expect(await answer.textContent()).toContain('王五');
  });
});
