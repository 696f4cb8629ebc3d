/**
 * The Tasklist in Chromium against the whole system (engine, workers, database, API serving
 * the built pages): what a regulator and an enterprise do there all day. Screenshots of every
 * page go to /tmp/web-shots/ (WEB_SHOTS to change) to be looked at.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureWebBuilt } from '../../../api/web/build-web';
import { createStaffUser } from '../../../api/use-cases/staff';
import { addDays, todayInChina } from '../../../domain/calendar-date';
import { launchBrowser } from '../../helpers/browser';
import {
  VIEWPORT,
  countIs,
  expectChinese as expectChineseOf,
  shot,
  signInAt,
} from '../../helpers/web-page';
import { PASSWORD } from '../../api/api-harness';
import {
  ProcessApi,
  employed,
  enterpriseWithCategories,
  personWithPhoto,
  startProcessApi,
} from '../../api/process-api-harness';

/** Words in Latin letters a person may see: account names typed at login, and "PDF". */
const ALLOWED_LATIN = /^(PDF|shenhe|wang|tongshi|li|xiehui|zhang)$/;

describe('web-modeler/tasklist - the Tasklist in Chromium', () => {
  let api: ProcessApi;
  let browser: Browser;
  let regulatorContext: BrowserContext;
  let page: Page;
  let regulator: string;
  let association: string;
  let training: string;
  let enterprise: { token: string; creditCode: string };
  const persons: Array<{ token: string; idNumber: string; name: string }> = [];
  const applicationOf = new Map<string, string>();
  const NAMES = ['赵一', '钱二', '孙三', '李四', '周五', '吴六'];

  const expectChinese = (p: Page) => expectChineseOf(p, ALLOWED_LATIN);
  const signIn = (p: Page, username: string) =>
    signInAt(p, `${api.base}/tasklist/`, username, PASSWORD);

  const rows = (p: Page) => p.locator('.tasks .el-table__body tr');

  beforeAll(async () => {
    await ensureWebBuilt(['tasklist']);
    api = await startProcessApi();
    for (const username of ['shenhe.wang', 'tongshi.li'])
      await createStaffUser(api.h.sql, { role: 'regulator', username, password: PASSWORD });
    await createStaffUser(api.h.sql, {
      role: 'association',
      username: 'xiehui.zhang',
      password: PASSWORD,
    });
    [regulator, association, training] = await Promise.all([
      api.staff('regulator'),
      api.staff('association'),
      api.staff('training'),
    ]);
    enterprise = await enterpriseWithCategories(api, association);
    for (const name of NAMES) {
      const p = await personWithPhoto(api, name);
      await employed(api, enterprise, p);
      persons.push(p);
    }
    const examDate = addDays(todayInChina(new Date()), -7);
    const res = await api.request('POST', '/api/exam-results', {
      token: training,
      body: {
        results: persons.map((p) => ({
          idNumber: p.idNumber,
          name: p.name,
          certificateType: 'C',
          jobTypeCode: '04',
          examDate,
          passed: true,
        })),
      },
    });
    expect(res.status).toBe(200);
    res.body.results.forEach((r: { applicationId: string }, i: number) =>
      applicationOf.set(NAMES[i], r.applicationId),
    );
    for (const id of applicationOf.values()) await api.taskOf(regulator, id);
    browser = await launchBrowser();
    regulatorContext = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
    page = await regulatorContext.newPage();
  }, 300_000);
  afterEach(() => expect(api.h.errors).toEqual([]));
  afterAll(async () => {
    await browser?.close();
    await api?.stopAll();
  });

  it('should sign a regulator in and list the exam-result reviews with their due dates', async () => {
    // given the login page
    await page.goto(`${api.base}/tasklist/`);
    await page.getByRole('button', { name: '登录' }).waitFor();
    await shot(page, 'tasklist-login');
    await expectChinese(page);
    // when the regulator signs in
    await signIn(page, 'shenhe.wang');
    // then the six reviews are listed, each with a due date 20 working days on
    await countIs(rows(page), 6);
    const table = await page.locator('.tasks').innerText();
    for (const name of NAMES) expect(table).toContain(name);
    expect(table).toContain('主管部门审核考试成绩');
    expect(table).toMatch(/\d{4}-\d{2}-\d{2}/);
    await shot(page, 'tasklist-list');
    await expectChinese(page);
    // and a filter on the party is answered by the server
    await page.getByPlaceholder('姓名、企业名称或证件号码').fill('钱二');
    await page.getByRole('button', { name: '查询' }).click();
    await countIs(rows(page), 1);
    await page.getByRole('button', { name: '重置' }).click();
    await countIs(rows(page), 6);
  }, 60_000);

  it('should show the application beside the form and approve with the form', async () => {
    // when the regulator opens 赵一's review
    await rows(page).filter({ hasText: '赵一' }).getByRole('button', { name: '办理' }).click();
    await page.getByText('办件信息').waitFor();
    await page.locator('.fjs-form').waitFor();
    // then the application, its (not yet run) checks and its timeline stand beside the form
    const panel = await page.locator('.panel').innerText();
    expect(panel).toContain('赵一');
    expect(panel).toContain('新发证');
    expect(panel).toContain('燃气用户检修工');
    expect(panel).toContain('提交申请');
    expect(panel).toContain('检测结果');
    await page.getByRole('button', { name: '认领' }).click();
    await page.getByText('退回认领').waitFor();
    await shot(page, 'tasklist-task');
    await expectChinese(page);
    // when it approves through the form
    await page.locator('.fjs-form').getByText('同意', { exact: true }).click();
    await page.getByRole('button', { name: '提交审核意见' }).click();
    // then the task leaves 待办 and the decision appears in 已办
    await countIs(rows(page), 5);
    expect(await page.locator('.tasks').innerText()).not.toContain('赵一');
    await page.getByRole('menuitem', { name: '已办任务' }).click();
    const done = page.locator('.done .el-table__body tr');
    await countIs(done, 1);
    expect(await done.innerText()).toMatch(/赵一[\s\S]*主管部门审核考试成绩[\s\S]*同意/);
    await shot(page, 'tasklist-done');
    await expectChinese(page);
    await api.waitState(applicationOf.get('赵一')!, 'completed');
  }, 60_000);

  it('should refuse a rejection without a reason in the page and take one with it', async () => {
    // given 钱二's review
    await page.getByRole('menuitem', { name: '待办任务' }).click();
    await rows(page).filter({ hasText: '钱二' }).getByRole('button', { name: '办理' }).click();
    await page.locator('.fjs-form').waitFor();
    // when the regulator rejects without a reason
    await page.locator('.fjs-form').getByText('不同意', { exact: true }).click();
    await page.getByRole('button', { name: '提交审核意见' }).click();
    // then the form says so in Chinese and nothing is sent
    await page.locator('.fjs-form').getByText('此项为必填项').waitFor();
    await shot(page, 'tasklist-reject-refused');
    await expectChinese(page);
    const id = applicationOf.get('钱二')!;
    expect(
      (await api.request('GET', `/api/tasks?applicationId=${id}`, { token: regulator })).body.total,
    ).toBe(1);
    // when it gives a reason
    await page.locator('.fjs-form textarea').fill('考试成绩存疑，请核实');
    await page.getByRole('button', { name: '提交审核意见' }).click();
    // then the application is rejected with that reason on its timeline
    await countIs(rows(page), 4);
    await api.waitState(id, 'rejected');
    const detail = await api.request('GET', `/api/applications/${id}`, { token: regulator });
    expect(detail.body.timeline).toContainEqual(
      expect.objectContaining({ decision: 'rejected', comment: '考试成绩存疑，请核实' }),
    );
  }, 60_000);

  it('should hand a review to a named colleague (转办)', async () => {
    // when the regulator hands 吴六's review to a colleague
    await rows(page).filter({ hasText: '吴六' }).getByRole('button', { name: '办理' }).click();
    await page.locator('.fjs-form').waitFor();
    await page.getByRole('button', { name: '转办' }).click();
    await page.locator('input[name=colleague]').fill('tongshi.li');
    await shot(page, 'tasklist-reassign');
    await expectChinese(page);
    await page.getByRole('button', { name: '确定转办' }).click();
    // then the list shows it held by the colleague, and the timeline records it
    await rows(page).filter({ hasText: '吴六' }).getByText('tongshi.li').waitFor();
    const detail = await api.request('GET', `/api/applications/${applicationOf.get('吴六')}`, {
      token: regulator,
    });
    expect(detail.body.timeline).toContainEqual(
      expect.objectContaining({ stepName: '转办', comment: expect.stringContaining('tongshi.li') }),
    );
  }, 60_000);

  it('should approve a batch with a result for each review', async () => {
    // when the regulator selects the four remaining reviews and approves them together
    await countIs(rows(page), 4);
    await page.locator('.tasks .el-table__header .el-checkbox').click();
    await page.getByRole('button', { name: '批量同意（4）' }).click();
    await page.getByRole('button', { name: '确定同意' }).click();
    // then three are approved and the colleague's is not, each with its result
    const dialog = page.locator('.el-dialog', { hasText: '批量审核结果' });
    await dialog.getByText('已同意 3 项，1 项未办理').waitFor();
    const results = dialog.locator('.el-table__body tr');
    expect(await results.count()).toBe(4);
    expect(await results.filter({ hasText: '吴六' }).innerText()).toContain('未办理');
    await shot(page, 'tasklist-batch');
    await expectChinese(page);
    await dialog.getByRole('button', { name: '知道了' }).click();
    await countIs(rows(page), 1);
    for (const name of ['孙三', '李四', '周五'])
      await api.waitState(applicationOf.get(name)!, 'completed');
  }, 90_000);

  it('should show the regulator its dashboard, each figure opening the filtered list', async () => {
    // when the regulator opens its dashboard
    await page.getByRole('menuitem', { name: '工作台' }).click();
    await page.locator('.chart canvas').first().waitFor();
    // then the open, warned and overdue counts are shown
    const figures = await page.locator('.figures').innerText();
    expect(figures).toMatch(/待办任务\s*1/);
    expect(figures).toMatch(/超期\s*0/);
    await shot(page, 'tasklist-dashboard');
    await expectChinese(page);
    // and the overdue figure opens the list filtered to overdue tasks
    await page.locator('.figure.overdue').click();
    await page.getByText('暂无待办任务').waitFor();
    expect(await page.locator('.filters').innerText()).toContain('超期');
    await page.getByRole('button', { name: '重置' }).click();
    await countIs(rows(page), 1);
    // and beside them the waiting ages and the submissions per day, as charts
    await page.getByRole('menuitem', { name: '工作台' }).click();
    await page.locator('.chart.small canvas').nth(1).waitFor();
    await shot(page, 'tasklist-dashboard-charts');
    // and a certificate state opens the certificate search on that state
    const valid = page.locator('.figure', { hasText: '正常' });
    const count = Number((await valid.locator('.value').innerText()).trim());
    expect(count).toBeGreaterThan(0);
    await valid.click();
    await page.locator('.certificates .el-table__row').first().waitFor();
    expect(await page.locator('.certificates .el-table__row').count()).toBe(count);
    expect(await page.locator('.filters').innerText()).toContain('正常');
    await shot(page, 'tasklist-search-by-state');
  }, 60_000);

  it('should not open a regulator task for the association, even by its address', async () => {
    // given the address of the regulator's remaining review
    const key = await api.taskOf(regulator, applicationOf.get('吴六')!);
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
    const theirs = await context.newPage();
    // when an association reviewer opens it and signs in there
    await theirs.goto(`${api.base}/tasklist/tasks/${key}`);
    await theirs.locator('input[name=username]').fill('xiehui.zhang');
    await theirs.locator('input[name=password]').fill(PASSWORD);
    await theirs.getByRole('button', { name: '登录' }).click();
    // then the page says it is not theirs, and their list has none of the regulator's tasks
    await theirs.getByText('该任务不存在、已办理，或不属于您').waitFor();
    await shot(theirs, 'tasklist-association-refused');
    await expectChinese(theirs);
    await theirs.getByRole('menuitem', { name: '待办任务' }).click();
    await theirs.getByText('暂无待办任务').waitFor();
    expect(await theirs.getByRole('menuitem', { name: '工作台' }).count()).toBe(0);
    await context.close();
  }, 60_000);

  it('should show an enterprise only its own confirmations, with the check results', async () => {
    // given 赵一's certificate, whose cancellation waits for the employer's confirmation
    const certs = await api.request('GET', '/api/persons/me/certificates', {
      token: persons[0].token,
    });
    const applied = await api.request(
      'POST',
      `/api/certificates/${certs.body[0].id}/cancellations`,
      { token: persons[0].token },
    );
    expect(applied.status).toBe(201);
    await api.taskOf(enterprise.token, applied.body.applicationId);
    // when the enterprise signs in (a browser of its own)
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
    const mine = await context.newPage();
    await signIn(mine, enterprise.creditCode);
    // then it sees that confirmation and none of the regulator's reviews
    await countIs(rows(mine), 1);
    const list = await mine.locator('.tasks').innerText();
    expect(list).toContain('证书注销');
    expect(list).toContain(certs.body[0].number);
    expect(await mine.getByRole('button', { name: /批量同意/ }).count()).toBe(0);
    await shot(mine, 'tasklist-enterprise-list');
    // and the task shows the certificate and every check result
    await rows(mine).getByRole('button', { name: '办理' }).click();
    await mine.locator('.fjs-form').waitFor();
    const panel = mine.locator('.panel');
    expect(await panel.innerText()).toContain(certs.body[0].number);
    expect(await panel.locator('.el-tag', { hasText: '通过' }).count()).toBeGreaterThan(0);
    await shot(mine, 'tasklist-enterprise-task');
    await expectChinese(mine);
    await context.close();
  }, 60_000);
});
