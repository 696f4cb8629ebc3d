/**
 * The operations view in Chromium against the whole system (engine, workers, database, API
 * serving the built pages): an operator repairs a failed application from its instance page,
 * and closes cancelled ones with a reason the applicant reads. Screenshots go to
 * /tmp/web-shots/ (WEB_SHOTS to change) to be looked at.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuilt } from '../../../api/web/build-web';
import { createStaffUser } from '../../../api/use-cases/staff';
import { launchBrowser } from '../../helpers/browser';
import { PASSWORD } from '../../api/api-harness';
import { newIssueAwaitingReview } from '../../api/new-issue-fixture';
import { ProcessApi, startProcessApi } from '../../api/process-api-harness';
import { eventually } from '../../workers/worker-harness';
import { VIEWPORT, countIs, expectChinese as expectChineseOf, shot } from '../../helpers/web-page';

/** Latin words the operator may see: the account typed at login, and the diagram's own ids. */
const ALLOWED_LATIN = /^(yunwei)$/;

type Issue = Awaited<ReturnType<typeof newIssueAwaitingReview>>;

describe('web-modeler/operations - the operations view in Chromium', () => {
  let api: ProcessApi;
  let browser: Browser;
  let page: Page;
  let regulator: string;
  let failed: Issue;
  let waiting: Issue;
  let terminated: Issue;
  let migrated: Issue;

  const expectChinese = () => expectChineseOf(page, ALLOWED_LATIN);
  const rows = (selector: string) => page.locator(`${selector} .el-table__body tr`);
  const timelineOf = async (issue: Issue) =>
    (await api.request('GET', `/api/applications/${issue.applicationId}`, { token: issue.p.token }))
      .body.timeline as Array<{ step: string; stepName: string; comment: string | null }>;

  beforeAll(async () => {
    await ensureWebBuilt(['operations']);
    api = await startProcessApi();
    await createStaffUser(api.h.sql, { role: 'admin', username: 'yunwei', password: PASSWORD });
    const [association, training] = await Promise.all([
      api.staff('association'),
      api.staff('training'),
    ]);
    regulator = await api.staff('regulator');
    const tokens = { training, association };
    failed = await newIssueAwaitingReview(api, tokens, '马一');
    waiting = await newIssueAwaitingReview(api, tokens, '马二');
    terminated = await newIssueAwaitingReview(api, tokens, '马三');
    migrated = await newIssueAwaitingReview(api, tokens, '马四');
    // 马一's checks fail: a broken variable, then the regulator's approval runs them.
    await api.h.client.updateElementInstanceVariables({
      elementInstanceKey: failed.processInstanceKey,
      variables: { certificateType: 'Z' },
    });
    expect((await api.decide(regulator, failed.applicationId, 'approve')).status).toBe(200);
    await eventually(
      async () => (await api.h.d.incidents(failed.processInstanceKey)).length > 0,
      8000,
    );
    api.h.errors.length = 0;
    // 马三's instance is cancelled in the engine behind the application's back (as Operate can).
    await api.h.client.cancelProcessInstance({ processInstanceKey: terminated.processInstanceKey });
    await api.h.outbox.reconcile();
    // A second version of the new-issue diagram (its review renamed), for the migration.
    const xml = fs
      .readFileSync(path.join(__dirname, '../../../processes/new-issue.bpmn'), 'utf8')
      .replace('name="主管部门审核考试成绩"', 'name="主管部门审核考试成绩（第二版）"');
    await api.h.client.deployResources([{ content: xml, name: 'new-issue.bpmn' }]);
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
    page = await context.newPage();
  }, 300_000);
  afterEach(() => expect(api.h.errors).toEqual([]));
  afterAll(async () => {
    await browser?.close();
    await api?.stopAll();
  });

  it('should sign the operator in and list the instances, filtered to those with an incident', async () => {
    // given the login page
    await page.goto(`${api.base}/operations/`);
    await page.getByRole('button', { name: '登录' }).waitFor();
    await shot(page, 'operations-login');
    await expectChinese();
    // when the operator signs in
    await page.locator('input[name=username]').fill('yunwei');
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    // then the instances are listed with their applications, newest first
    await rows('.instances').first().waitFor();
    await shot(page, 'operations-list');
    // and the filter on the process is answered by the server: the three new issues
    await page.locator('.el-form-item', { hasText: '流程' }).first().locator('.el-select').click();
    await page.getByRole('option', { name: '新发证' }).click();
    await page.getByRole('button', { name: '查询' }).click();
    await countIs(rows('.instances'), 4);
    const table = await page.locator('.instances').innerText();
    expect(table).toContain('新发证（第1版）');
    expect(table).toContain(`${failed.applicationId} · 新发证`);
    expect(table).toContain('已终止');
    await expectChinese();
    // and the filter on incidents is answered by the server
    await page.locator('.el-form-item', { hasText: '异常' }).locator('.el-select').click();
    await page.getByRole('option', { name: '有异常' }).click();
    await page.getByRole('button', { name: '查询' }).click();
    await countIs(rows('.instances'), 1);
    expect(await rows('.instances').innerText()).toContain(failed.processInstanceKey);
  }, 60_000);

  it('should retry an incident from the instance page after fixing a variable, and the application moves on', async () => {
    // when the operator opens the failed instance
    await rows('.instances').getByRole('button', { name: '查看' }).click();
    await page.getByText('流程异常', { exact: true }).waitFor();
    // then its diagram shows the failed step, the path taken and the count per step
    await page.locator('.djs-element.op-incident').first().waitFor();
    expect(await page.locator('.djs-element.op-done').count()).toBeGreaterThan(2);
    expect(await page.locator('.op-count.incident').innerText()).toBe('1');
    const incidents = await page.locator('.incidents').innerText();
    expect(incidents).toContain('检测条件');
    expect(incidents).toContain('Unknown certificate type');
    await shot(page, 'operations-instance-incident');
    // when it corrects the variable the checks choke on
    await page
      .locator('.variables .el-table__body tr', { hasText: 'certificateType' })
      .getByRole('button', { name: '修改' })
      .click();
    const editor = page.locator('.el-dialog', { hasText: '修改变量' });
    await editor.locator('textarea').fill('"C"');
    await editor.getByRole('button', { name: '保存' }).click();
    await page.getByText('变量已修改').waitFor();
    await page.locator('.variables .el-table__body tr', { hasText: '"C"' }).waitFor();
    // and retries the incident
    await page.locator('.incidents').getByRole('button', { name: '重试' }).click();
    await page.getByText('已重试，任务将重新执行').waitFor();
    // then the application moves on to its certificate
    await api.finished(failed.applicationId);
    expect((await timelineOf(failed)).map((e) => e.step)).toContain('certificate-issued');
    await page.getByRole('button', { name: '刷新' }).click();
    await page.locator('.el-descriptions', { hasText: '已完成' }).waitFor();
    await countIs(page.locator('.djs-element.op-incident'), 0);
    expect(await page.locator('.el-descriptions').innerText()).toContain('已完成');
    await shot(page, 'operations-instance-completed');
  }, 60_000);

  it('should end a running instance with a reason from its page, closing the application for the applicant', async () => {
    // given 马二's instance page, found by its application
    await page.getByRole('button', { name: '← 返回流程实例列表' }).click();
    await page.getByRole('button', { name: '重置' }).click();
    await page
      .locator('.el-form-item', { hasText: '办件编号' })
      .locator('input')
      .fill(waiting.applicationId);
    await page.getByRole('button', { name: '查询' }).click();
    await countIs(rows('.instances'), 1);
    await rows('.instances').getByRole('button', { name: '查看' }).click();
    await page.getByText('办理经过').waitFor();
    await page.locator('.djs-element.op-active').first().waitFor();
    await shot(page, 'operations-instance-active');
    await expectChinese();
    // when the operator ends it, first without a reason
    await page.getByRole('button', { name: '终止流程' }).click();
    const dialog = page.locator('.el-dialog', { hasText: '流程实例将被终止' });
    await dialog.getByRole('button', { name: '终止' }).click();
    await dialog.getByText('请用中文填写理由').waitFor();
    await shot(page, 'operations-cancel-dialog');
    await dialog.locator('textarea').fill('考试成绩重复录入，本办件撤销');
    await dialog.getByRole('button', { name: '终止' }).click();
    await page.getByText('流程实例已终止').waitFor();
    // then the applicant reads the reason on the application's timeline
    expect((await timelineOf(waiting)).at(-1)).toMatchObject({
      step: 'cancelled',
      stepName: '撤销办件',
      comment: '考试成绩重复录入，本办件撤销',
    });
    expect(await api.h.d.state(waiting.processInstanceKey)).toBe('TERMINATED');
  }, 60_000);

  it('should list the application whose instance was cancelled and close it with a reason the applicant sees', async () => {
    // when the operator opens 异常办件
    await page.getByRole('menuitem', { name: '异常办件' }).click();
    const ofTerminated = new RegExp(`^\\s*${terminated.applicationId} · `);
    const row = rows('.stuck').filter({ hasText: ofTerminated });
    await row.waitFor();
    // then the cancelled application stands there with its cause
    expect(await row.innerText()).toContain('流程被终止，办件已自动撤销，尚未向申请人说明理由');
    await shot(page, 'operations-stuck');
    await expectChinese();
    // when it tells the applicant why
    await row.getByRole('button', { name: '说明理由' }).click();
    const dialog = page.locator('.el-dialog', { hasText: '撤销说明' });
    await dialog.locator('textarea').fill('流程配置错误导致无法继续，请重新提交申请');
    await page.waitForTimeout(400); // the dialog's opening animation
    await shot(page, 'operations-stuck-explain');
    await dialog.getByRole('button', { name: '说明理由' }).click();
    await page.getByText('已向申请人说明理由').waitFor();
    // then the application leaves the list and its applicant reads the reason
    await countIs(rows('.stuck').filter({ hasText: ofTerminated }), 0);
    expect((await timelineOf(terminated)).at(-1)).toMatchObject({
      step: 'cancellation-explained',
      stepName: '撤销说明',
      comment: '流程配置错误导致无法继续，请重新提交申请',
    });
  }, 60_000);

  it('should migrate the waiting application to the new version of its diagram', async () => {
    // when the operator opens 版本迁移 and asks for the plan from version 1 to 2
    await page.getByRole('menuitem', { name: '版本迁移' }).click();
    const choose = page.locator('.choose');
    await choose.locator('.el-form-item', { hasText: '流程' }).locator('.el-select').click();
    await page.getByRole('option', { name: '新发证' }).click();
    await choose.locator('.el-form-item', { hasText: '源版本' }).locator('.el-select').click();
    await page.locator('.source-versions').getByRole('option', { name: '第1版' }).click();
    await choose.locator('.el-form-item', { hasText: '目标版本' }).locator('.el-select').click();
    await page.locator('.target-versions').getByRole('option', { name: '第2版' }).click();
    await page.getByRole('button', { name: '查看迁移方案' }).click();
    // then 马四's review is where one instance waits, mapped to the review of version 2
    const row = page.locator('.mapping .el-table__body tr', { hasText: '主管部门审核考试成绩' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/主管部门审核考试成绩[\s\S]*1[\s\S]*（第二版）/);
    await shot(page, 'operations-migration-plan');
    await expectChinese();
    // when it migrates all
    await page.getByRole('button', { name: '迁移全部' }).click();
    const result = page.locator('.el-dialog', { hasText: '迁移结果' });
    await result.getByText('成功 1 个，失败 0 个').waitFor();
    await shot(page, 'operations-migration-result');
    // then the instance runs on version 2
    const shown = await api.request(
      'GET',
      `/api/operations/process-instances/${migrated.processInstanceKey}`,
      { token: await api.staff('admin') },
    );
    expect(shown.body.version).toBe(2);
  }, 60_000);
});
