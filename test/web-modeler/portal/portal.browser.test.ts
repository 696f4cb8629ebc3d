/**
 * The enterprise portal in Chromium against the whole system (engine, workers, database, API
 * serving the built pages): an enterprise clerk employs a practitioner, confirms the
 * termination the practitioner asks for, and renames the enterprise. Screenshots go to
 * /tmp/web-shots/ (WEB_SHOTS to change) to be looked at.
 */
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuilt } from '../../../api/web/build-web';
import { launchBrowser } from '../../helpers/browser';
import {
  VIEWPORT,
  countIs,
  expectChinese as expectChineseOf,
  shot,
  signInAt,
} from '../../helpers/web-page';
import { PASSWORD } from '../../api/api-harness';
import { Holder, certificated } from '../../api/certificate-business-harness';
import { ProcessApi, personWithPhoto, startProcessApi } from '../../api/process-api-harness';
import { minimalPdf } from '../../api/use-cases/sample-files';

/**
 * Latin words the portal may show: "PDF" (also a chosen file's extension), and the header
 * X-Api-Key its own systems send, named on the API-key page.
 */
const ALLOWED_LATIN = /^(PDF|pdf|Api|Key)$/;

describe('web-modeler/portal - the enterprise portal in Chromium', () => {
  let api: ProcessApi;
  let browser: Browser;
  let page: Page;
  let holder: Holder;
  let newcomer: { token: string; idNumber: string; name: string };

  const expectChinese = (p: Page) => expectChineseOf(p, ALLOWED_LATIN);
  const menu = (label: string) => page.getByRole('menuitem', { name: label }).click();
  const tableRows = (cls: string) => page.locator(`.${cls} .el-table__body tr`);

  /** The enterprise's one application of a type, newest first, through the API. */
  const latest = async (type: string) => {
    const r = await api.request('GET', `/api/applications?type=${type}`, {
      token: holder.enterprise.token,
    });
    return (r.body as Array<{ id: string; state: string }>)[0];
  };

  beforeAll(async () => {
    await ensureWebBuilt(['portal']);
    api = await startProcessApi();
    const [association, regulator, training] = await Promise.all([
      api.staff('association'),
      api.staff('regulator'),
      api.staff('training'),
    ]);
    holder = await certificated(api, { association, regulator, training }, '王建国');
    newcomer = await personWithPhoto(api, '陈七');
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' })).newPage();
  }, 300_000);
  afterEach(() => expect(api.h.errors).toEqual([]));
  afterAll(async () => {
    await browser?.close();
    await api?.stopAll();
  });

  it('should sign the enterprise in and show its information, categories and unread messages', async () => {
    // given the portal's login page
    await page.goto(`${api.base}/portal/`);
    await page.getByRole('button', { name: '登录' }).waitFor();
    await shot(page, 'portal-login');
    await expectChinese(page);
    // when the clerk signs in with the credit code
    await signInAt(page, `${api.base}/portal/`, holder.enterprise.creditCode, PASSWORD);
    // then the enterprise, its approved categories and a badge of unread messages are shown
    const info = page.locator('.info');
    await info.getByText('西宁燃气有限公司').waitFor();
    expect(await info.innerText()).toMatch(/管道燃气（G）[\s\S]*瓶装燃气（P）/);
    expect(await info.innerText()).toContain('已登记');
    await page.locator('.el-badge__content').first().waitFor();
    await shot(page, 'portal-info');
    await expectChinese(page);
    // and the change dialog offers every category with the job types they allow
    await page.getByRole('button', { name: '申请经营类别变更' }).click();
    const dialog = page.locator('.el-dialog', { hasText: '经营类别变更' });
    await dialog.getByText('燃气汽车加气站（J）').waitFor();
    expect(await dialog.innerText()).toContain('可聘用的运行维护抢修工种');
    await shot(page, 'portal-category-change');
    await dialog.getByRole('button', { name: '取消' }).click();
  }, 60_000);

  it('should propose an employment, show the consent pending, then the person in the staff', async () => {
    // when the clerk proposes employing 陈七 with a contract and the commitment
    await menu('从业人员');
    await page.getByRole('button', { name: '发起聘用' }).click();
    const dialog = page.locator('.employment-dialog');
    await dialog.locator('input[name=idNumber]').fill(newcomer.idNumber);
    await dialog.locator('input[name=personName]').fill('陈七');
    await dialog.locator('.contract-start input').fill('2026-01-01');
    await dialog.locator('.contract-start input').press('Enter');
    await dialog.getByText('无固定期限').click();
    await dialog.locator('input[name=contract]').setInputFiles({
      name: '劳动合同.pdf',
      mimeType: 'application/pdf',
      buffer: minimalPdf('labour contract'),
    });
    await dialog.getByText('本企业已阅读并接受上述承诺').click();
    expect(await dialog.locator('input[name=commitment]').isChecked()).toBe(true);
    await page.waitForTimeout(400);
    await shot(page, 'portal-employment-dialog');
    await expectChinese(page);
    await dialog.getByRole('button', { name: '提交聘用' }).click();
    // then the proposal waits for the person's consent
    await tableRows('proposal-table').filter({ hasText: '陈七' }).getByText('待本人确认').waitFor();
    await shot(page, 'portal-proposals');
    await expectChinese(page);
    // when 陈七 consents in their own pages
    const proposal = await latest('employment-proposal');
    expect((await api.decide(newcomer.token, proposal.id, 'approve')).status).toBe(200);
    await api.waitState(proposal.id, 'completed');
    // then the portal lists 陈七 among the staff, and the proposal as consented
    await menu('我的办件');
    await menu('从业人员');
    await countIs(tableRows('staff-table'), 2);
    expect(await tableRows('staff-table').allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringContaining('陈七')]),
    );
    await page.getByRole('tab', { name: /聘用申请/ }).click();
    await tableRows('proposal-table')
      .filter({ hasText: '陈七' })
      .getByText('本人已同意，聘用生效')
      .waitFor();
  }, 60_000);

  it('should confirm the termination the person asked for from the portal', async () => {
    // given 陈七 asks to end the employment
    const mine = await api.request('GET', '/api/persons/me/employments', {
      token: newcomer.token,
    });
    const asked = await api.request(
      'POST',
      `/api/employments/${mine.body.current.id}/termination`,
      {
        token: newcomer.token,
      },
    );
    expect(asked.status).toBe(201);
    await api.taskOf(holder.enterprise.token, asked.body.applicationId);
    // when the clerk opens it from the staff page's terminations
    await menu('我的办件');
    await menu('从业人员');
    await page.getByRole('tab', { name: /解除聘用/ }).click();
    const row = tableRows('termination-table').filter({ hasText: '陈七' });
    await row.getByText('待本企业确认').waitFor();
    await shot(page, 'portal-terminations');
    await row.getByRole('button', { name: '去确认' }).click();
    // then the task stands beside the application, with the task's form
    await page.locator('.fjs-form').waitFor();
    expect(await page.locator('.panel').innerText()).toMatch(/解除聘用[\s\S]*陈七/);
    await shot(page, 'portal-termination-task');
    await expectChinese(page);
    // when it agrees through the form
    await page.locator('.fjs-form').getByText('同意', { exact: true }).click();
    await page.getByRole('button', { name: '提交审核意见' }).click();
    // then it is back at its confirmations, the employment has ended and 陈七 left the staff
    await page.getByText('暂无待确认事项').waitFor();
    await api.waitState(asked.body.applicationId, 'completed');
    await menu('从业人员');
    await countIs(tableRows('staff-table'), 1);
    expect(await tableRows('staff-table').innerText()).not.toContain('陈七');
  }, 60_000);

  it('should list the staff certificates and open one as a PDF', async () => {
    // when the clerk opens the certificates
    await menu('人员证书');
    const row = tableRows('certificates').filter({ hasText: holder.number });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/王建国[\s\S]*燃气用户检修工[\s\S]*正常/);
    await shot(page, 'portal-certificates');
    await expectChinese(page);
    // then the certificate opens in a tab of its own
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      row.getByRole('button', { name: '电子证书' }).click(),
    ]);
    expect(popup.url()).toMatch(/^blob:/);
    await popup.close();
  }, 60_000);

  it('should preview a rename per certificate, submit it with the commitment and withdraw it', async () => {
    // when the clerk previews the new name
    await menu('企业名称变更');
    await page.locator('input[name=newName]').fill('西宁新能燃气有限公司');
    await page.getByRole('button', { name: '预览受影响的证书' }).click();
    // then the holder's certificate is listed as one to reissue
    const row = tableRows('preview').filter({ hasText: holder.number });
    await row.getByText('通过，将换发').waitFor();
    expect(await page.locator('.summary').innerText()).toContain('1 张证书将换发，0 张');
    // and the submission needs the commitment
    await page.getByRole('button', { name: '提交企业名称变更' }).click();
    await page.getByText('请阅读并接受企业名称变更承诺书').waitFor();
    await page.getByText('本企业已阅读并接受上述承诺').click();
    expect(await page.locator('input[name=commitment]').isChecked()).toBe(true);
    await page.waitForTimeout(400);
    await shot(page, 'portal-rename-preview');
    await expectChinese(page);
    await page.getByRole('button', { name: '提交企业名称变更' }).click();
    // then the application opens with its timeline, waiting for the regulator
    await page.getByText('办理过程').waitFor();
    expect(await page.locator('.panel').innerText()).toMatch(/企业名称变更[\s\S]*待审核/);
    const rename = await latest('enterprise-rename');
    expect(rename.state).toBe('awaiting-review');
    await shot(page, 'portal-rename-submitted');
    await expectChinese(page);
    // when the clerk withdraws it before the regulator decided
    await page.getByRole('button', { name: '撤回申请' }).click();
    await page.getByRole('button', { name: '确定撤回' }).click();
    // then it is withdrawn, on the page and in the API
    await page.locator('.panel').getByText('已撤回').first().waitFor();
    expect((await latest('enterprise-rename')).state).toBe('withdrawn');
    await shot(page, 'portal-rename-withdrawn');
  }, 60_000);

  it('should read a message and take the badge down with it', async () => {
    // given the unread messages of the enterprise
    const unread = await api.request('GET', '/api/messages?unread=true', {
      token: holder.enterprise.token,
    });
    const count = (unread.body as unknown[]).length;
    expect(count).toBeGreaterThan(0);
    // when the clerk opens its messages and marks the first one read
    await menu('消息');
    await page.locator('.message.unread').first().waitFor();
    await shot(page, 'portal-messages');
    await expectChinese(page);
    await page.locator('.message.unread').first().getByRole('button', { name: '知道了' }).click();
    // then one fewer is unread, on the page and in the badge
    await countIs(page.locator('.message.unread'), count - 1);
    const badge = page.locator('.el-badge__content');
    if (count > 1) await badge.getByText(String(count - 1)).waitFor();
    else await countIs(badge, 0);
  }, 60_000);

  it('should create an API key shown once, list it and revoke it', async () => {
    // when the clerk creates a key for its personnel system
    await menu('接口密钥');
    await page.getByRole('button', { name: '新建密钥' }).click();
    await page.locator('input[name=label]').fill('人事系统');
    await page.getByRole('button', { name: '创建', exact: true }).click();
    // then the key is shown once, and it works as the enterprise
    const shown = page.locator('.el-dialog', { hasText: '密钥已创建' });
    const key = await shown.locator('input').inputValue();
    expect(key).toMatch(/^gck_/);
    await shot(page, 'portal-api-key-created');
    await expectChinese(page);
    const asKey = await api.request('GET', '/api/enterprises/me', {
      headers: { 'x-api-key': key },
    });
    expect(asKey.status).toBe(200);
    await shown.getByRole('button', { name: '我已保存' }).click();
    // when it revokes the key from the list
    const row = tableRows('keys').filter({ hasText: '人事系统' });
    await row.getByText('有效').waitFor();
    await row.getByRole('button', { name: '吊销' }).click();
    await page.getByRole('button', { name: '确定吊销' }).click();
    // then the list says so and the key no longer opens the API
    await row.getByText('已吊销').waitFor();
    await shot(page, 'portal-api-keys');
    const revoked = await api.request('GET', '/api/enterprises/me', {
      headers: { 'x-api-key': key },
    });
    expect(revoked.status).toBe(401);
  }, 60_000);
});
