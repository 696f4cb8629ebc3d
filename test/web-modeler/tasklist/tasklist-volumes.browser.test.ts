import fs from 'node:fs';
/**
 * The Tasklist in Chromium, second slice (issue 10): the association's queue, 批量审核 of 50
 * exam results from the list, the regulator's certificate search and a certificate's history,
 * and sign-out. Screenshots go to /tmp/web-shots/ (WEB_SHOTS to change).
 */
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuilt } from '../../../api/web/build-web';
import { createStaffUser } from '../../../api/use-cases/staff';
import { addDays, todayInChina } from '../../../domain/calendar-date';
import { seedVolumes } from '../../../scripts/seed-volumes';
import { launchBrowser } from '../../helpers/browser';
import { PASSWORD, registeredEnterprise } from '../../api/api-harness';
import {
  ProcessApi,
  enterpriseWithCategories,
  personWithPhoto,
  startProcessApi,
} from '../../api/process-api-harness';
import { VIEWPORT, countIs, expectChinese, shot, signInAt } from '../../helpers/web-page';

/** Latin words a person may see here: the account names typed at login, and "PDF". */
const ALLOWED_LATIN = /^(PDF|piliang|wang|xiehui|zhang)$/;
const BATCH = 50;

describe('web-modeler/tasklist - volumes, search and sign-out in Chromium', () => {
  let api: ProcessApi;
  let browser: Browser;
  let page: Page;
  let regulator: string;

  const rows = (p: Page) => p.locator('.tasks .el-table__body tr');
  const signIn = (p: Page, base: string, username: string) =>
    signInAt(p, `${base}/tasklist/`, username, PASSWORD);

  beforeAll(async () => {
    await ensureWebBuilt(['tasklist']);
    api = await startProcessApi();
    await createStaffUser(api.h.sql, {
      role: 'regulator',
      username: 'piliang.wang',
      password: PASSWORD,
    });
    await createStaffUser(api.h.sql, {
      role: 'association',
      username: 'xiehui.zhang',
      password: PASSWORD,
    });
    let association: string;
    let training: string;
    [regulator, association, training] = await Promise.all([
      api.staff('regulator'),
      api.staff('association'),
      api.staff('training'),
    ]);
    const enterprise = await enterpriseWithCategories(api, association);
    // One task of the association: another enterprise's category registration.
    const other = await registeredEnterprise(api, '海东燃气有限公司');
    const registration = await api.request('POST', '/api/enterprises/me/category-registrations', {
      token: other.token,
      body: { categories: ['G'] },
    });
    await api.taskOf(association, registration.body.applicationId);
    // BATCH type-A exam results for the enterprise (no employment needed): BATCH reviews.
    const persons = [];
    for (let i = 0; i < BATCH; i++) persons.push(await personWithPhoto(api, `考生${i + 1}`));
    const res = await api.request('POST', '/api/exam-results', {
      token: training,
      body: {
        results: persons.map((p) => ({
          idNumber: p.idNumber,
          name: p.name,
          certificateType: 'A',
          enterpriseCreditCode: enterprise.creditCode,
          examDate: addDays(todayInChina(new Date()), -5),
          passed: true,
        })),
      },
    });
    for (const r of res.body.results) await api.taskOf(regulator, r.applicationId);
    // Certificates to search, with their history (the volumes seed as a fixture).
    await seedVolumes(api.h.sql, api.h.client, { certificates: 300, tasks: 0 });
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' })).newPage();
  }, 300_000);
  afterEach(() => expect(api.h.errors).toEqual([]));
  afterAll(async () => {
    await browser?.close();
    await api?.stopAll();
  });

  it('should show the association only its own task, and no regulator review', async () => {
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
    const theirs = await context.newPage();
    await signIn(theirs, api.base, 'xiehui.zhang');
    await countIs(rows(theirs), 1);
    expect(await rows(theirs).innerText()).toContain('海东燃气有限公司');
    expect(await theirs.locator('.tasks').innerText()).not.toContain('考生');
    await shot(theirs, 'tasklist-association-queue');
    await expectChinese(theirs, ALLOWED_LATIN);
    await context.close();
  }, 60_000);

  it(`should approve ${BATCH} exam results at once from the list, with a result for each`, async () => {
    // given the regulator's list at 50 a page
    await signIn(page, api.base, 'piliang.wang');
    await page.locator('.el-pagination .el-select').click();
    await page.getByRole('option', { name: '50条/页' }).click();
    await countIs(rows(page), BATCH);
    // when every review is selected and approved together
    await page.locator('.tasks .el-table__header .el-checkbox').click();
    await page.getByRole('button', { name: `批量同意（${BATCH}）` }).click();
    await page.getByRole('button', { name: '确定同意' }).click();
    // then each has its result and the list is empty
    const dialog = page.locator('.el-dialog', { hasText: '批量审核结果' });
    await dialog.getByText(`已同意 ${BATCH} 项`).waitFor({ timeout: 120_000 });
    expect(await dialog.locator('.el-table__body tr').count()).toBe(BATCH);
    await shot(page, 'tasklist-batch-50');
    await expectChinese(page, ALLOWED_LATIN);
    await dialog.getByRole('button', { name: '知道了' }).click();
    await page.getByText('暂无待办任务').waitFor();
  }, 180_000);

  it('should find a certificate by its former number and show its whole history', async () => {
    // given a certificate renumbered by a category change
    const [c] = await api.h
      .sql('certificate_numbers as n')
      .join('certificates as c', 'c.id', 'n.certificate_id')
      .whereNotNull('n.until')
      .select({ former: 'n.number', current: 'c.number', holder: 'c.holder_name' });
    // when the regulator searches by the old number
    await page.getByRole('menuitem', { name: '证书查询' }).click();
    await page.locator('.certificates .el-table__body tr').first().waitFor();
    await shot(page, 'tasklist-certificate-search');
    await expectChinese(page, ALLOWED_LATIN);
    await page.getByPlaceholder('现用或曾用编号').fill(c.former);
    await page.getByRole('button', { name: '查询' }).click();
    const found = page.locator('.certificates .el-table__body tr');
    await countIs(found, 1);
    expect(await found.innerText()).toContain(c.current);
    // and can export what it found as CSV
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出表格' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('证书查询结果.csv');
    const csv = fs.readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(csv[0]).toContain('证书编号,持证人,身份证号码');
    expect(csv[1]).toContain(c.current);
    expect(csv.filter(Boolean)).toHaveLength(2);
    // then its page shows the issue, the reissue and both numbers
    await found.click();
    await page.getByText('发证与换发记录').waitFor();
    const text = await page.locator('.main').innerText();
    expect(text).toContain(c.former);
    expect(text).toContain('经营类别变更');
    expect(text).toContain(c.holder);
    await shot(page, 'tasklist-certificate-history');
    await expectChinese(page, ALLOWED_LATIN);
  }, 60_000);

  it('should end the session on the server when signing out', async () => {
    // given the token the page uses, as its requests send it
    const sent = page.waitForRequest((r) => Boolean(r.headers().authorization));
    await page.getByRole('menuitem', { name: '待办任务' }).click();
    const token = (await sent).headers().authorization.slice('Bearer '.length);
    // when the user signs out
    await page.getByText('退出登录').click();
    await page.getByRole('button', { name: '登录' }).waitFor();
    // then the token is refused by the API
    const res = await api.request('GET', '/api/tasks', { token });
    expect(res.status).toBe(401);
  }, 60_000);
});
