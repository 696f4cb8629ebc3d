/**
 * The analysts' modeler in Chromium against the whole system (engine, workers, database, the
 * API serving the built page): change a review's candidate group and deploy it safely, see a
 * typo'd check code refused, save a draft, diff it and restore. Screenshots go to
 * /tmp/web-shots/ (WEB_SHOTS to change) to be looked at.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuilt } from '../../../api/web/build-web';
import { createStaffUser } from '../../../api/use-cases/staff';
import { PROCESSES_DIR } from '../../../api/use-cases/modeler/process-contract';
import { addDays, todayInChina } from '../../../domain/calendar-date';
import { launchBrowser } from '../../helpers/browser';
import { PASSWORD } from '../../api/api-harness';
import {
  ProcessApi,
  employed,
  enterpriseWithCategories,
  personWithPhoto,
  startProcessApi,
} from '../../api/process-api-harness';

const SHOTS = process.env.WEB_SHOTS ?? '/tmp/web-shots';
const VIEWPORT = { width: 1440, height: 900 };

describe('web-modeler/modeler - the analysts modeler in Chromium', () => {
  let api: ProcessApi;
  let browser: Browser;
  let page: Page;
  let writeBack: string;
  let training: string;
  let association: string;
  let analystToken: string;
  let enterprise: Awaited<ReturnType<typeof enterpriseWithCategories>>;

  const shot = async (name: string) => {
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.evaluate('document.fonts.ready');
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  };

  /** Files a new-issue application (an exam result); answers its id. */
  async function newApplication(name: string): Promise<string> {
    const p = await personWithPhoto(api, name);
    await employed(api, enterprise, p);
    const res = await api.request('POST', '/api/exam-results', {
      token: training,
      body: {
        results: [
          {
            idNumber: p.idNumber,
            name,
            certificateType: 'C',
            jobTypeCode: '04',
            examDate: addDays(todayInChina(new Date()), -7),
            passed: true,
          },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.results[0]).toMatchObject({ applicationId: expect.any(String) });
    return res.body.results[0].applicationId;
  }

  const problems = () => page.locator('[data-test=problems] .problem');
  const deployButton = () => page.locator('button.deploy');

  async function select(elementId: string) {
    await page.locator(`.djs-element[data-element-id="${elementId}"]`).first().click();
    await page.locator('.bio-properties-panel-header-label').first().waitFor();
  }

  /** Opens a properties panel group by its Chinese label when it is closed. */
  async function openGroup(label: string) {
    const header = page.locator('.bio-properties-panel-group-header', { hasText: label }).first();
    if (!(await header.getAttribute('class'))?.includes('open')) await header.click();
  }

  const candidateGroups = () =>
    page.locator('#bio-properties-panel-assignmentDefinitionCandidateGroups');

  async function setCandidateGroups(value: string) {
    await openGroup('分配');
    await candidateGroups().fill(value);
    await candidateGroups().press('Tab');
  }

  async function confirmDialog(comment: string) {
    await page.locator('.comment textarea').fill(comment);
    await page.locator('button.confirm').click();
  }

  const noProblems = () => page.getByText('未发现问题，可以部署').waitFor();

  beforeAll(async () => {
    writeBack = fs.mkdtempSync(path.join(os.tmpdir(), 'modeler-browser-'));
    await ensureWebBuilt(['modeler']);
    api = await startProcessApi({ processesWriteBack: writeBack });
    await createStaffUser(api.h.sql, {
      role: 'analyst',
      username: 'fenxi.wang',
      password: PASSWORD,
    });
    [training, association, analystToken] = await Promise.all([
      api.staff('training'),
      api.staff('association'),
      api.staff('analyst'),
    ]);
    enterprise = await enterpriseWithCategories(api, association);
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' })).newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') console.warn(`browser: ${m.text()} ${m.location().url}`);
    });
  }, 300_000);
  afterEach(() => expect(api.h.errors).toEqual([]));
  afterAll(async () => {
    await browser?.close();
    await api?.stopAll();
    fs.rmSync(writeBack, { recursive: true, force: true });
  });

  it('should change a review candidate group, deploy it, and give the next application to that group', async () => {
    // given the analyst signed in, on the list of processes
    await page.goto(`${api.base}/modeler/`);
    await page.locator('input[name=username]').fill('fenxi.wang');
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    const row = page.locator('.el-table__body tr', { hasText: '新发证' });
    await row.waitFor();
    expect(await row.innerText()).toContain('第 1 版');
    await shot('modeler-list');

    // when it opens the new-issue diagram
    await row.getByRole('button', { name: '编辑' }).click();
    await noProblems();
    await shot('modeler-editor');
    // and gives the regulator's review to the association
    await select('regulator-review');
    await setCandidateGroups('association');
    await page.getByText('有未保存的修改').waitFor();
    // then the problems panel still finds nothing
    await noProblems();
    expect(await problems().count()).toBe(0);
    await shot('modeler-candidate-group');

    // when it deploys
    await deployButton().click();
    await confirmDialog('新发证改由燃气协会审核考试成绩');
    // then the new version is shown and written back to processes/ (development)
    await page.getByText('已部署为第 2 版，并已写回流程文件').waitFor();
    await page.getByText('当前内容：已部署第 2 版').waitFor();
    await shot('modeler-deployed');
    expect(fs.readFileSync(path.join(writeBack, 'new-issue.bpmn'), 'utf8')).toContain(
      'candidateGroups="association"',
    );
    // and the next application's review is the association's task
    const applicationId = await newApplication('郑七');
    const task = await api.taskOf(association, applicationId);
    expect(task).toBeTruthy();
  }, 120_000);

  it('should flag a typo in a check code, select its element, and refuse to deploy it', async () => {
    // given the checks of operation staff, with "phot" typed for "photo"
    await select('checks-operation');
    await openGroup('任务头');
    await page
      .locator('[data-group-id=group-headers] .bio-properties-panel-collapsible-entry-header', {
        hasText: 'checks',
      })
      .click();
    const header = page.locator('#bio-properties-panel-checks-operation-header-2-value');
    await expect(header.inputValue()).resolves.toMatch(/^realname,photo,/);
    await header.fill(
      'realname,phot,employed,holding-rules,age,employer-categories,category-covers',
    );
    await header.press('Tab');

    // then the problems panel names it, on its element, and deploying is refused
    const typo = page.locator('[data-test=problems] .problem[data-code=check-unknown]');
    await typo.waitFor();
    expect(await typo.innerText()).toContain('检测条件代码“phot”不存在');
    expect(await typo.innerText()).toContain('检测条件（运行、维护和抢修人员）');
    await expect(deployButton().isDisabled()).resolves.toBe(true);
    await page.locator('.djs-element[data-element-id="regulator-review"]').first().click();
    await typo.click();
    await page.locator('.djs-element.selected[data-element-id="checks-operation"]').waitFor();
    // and the checks picker shows the catalogue in Chinese, the typo ticking nothing
    await openGroup('检测条件选择');
    await expect(page.getByLabel('上传证件照（photo）').isChecked()).resolves.toBe(false);
    await shot('modeler-typo');
    // and the API refuses the same diagram too
    const xml = fs
      .readFileSync(path.join(PROCESSES_DIR, 'new-issue.bpmn'), 'utf8')
      .replace('realname,photo,employed', 'realname,phot,employed');
    const refused = await api.request('POST', '/api/modeler/processes/new-issue/deployments', {
      token: analystToken,
      body: { xml, forms: {}, comment: '误操作' },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.problems).toContainEqual(
      expect.objectContaining({ code: 'check-unknown' }),
    );

    // when the analyst ticks the photo check in the picker and unticks nothing else
    await page.getByLabel('上传证件照（photo）').check();
    // then the header holds the real code, yet the typo stays flagged until it is removed
    await page.getByText('有未保存的修改').waitFor();
    await expect(page.getByLabel('上传证件照（photo）').isChecked()).resolves.toBe(true);
    await typo.waitFor();
    // when the typo is removed from the header
    await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+Z');
    await page.locator('.djs-element[data-element-id="checks-operation"]').first().click();
    await noProblems();
    await expect(deployButton().isDisabled()).resolves.toBe(false);
  }, 60_000);

  it('should save a draft, diff it against the deployed version and restore either', async () => {
    // given the review handed back to the regulator in the editor
    await select('regulator-review');
    await setCandidateGroups('regulator');
    // when it saves a draft
    await page.locator('button.save-draft').click();
    await confirmDialog('审核交回主管部门');
    await page.getByText(/已保存为草稿 #\d+/).waitFor();

    // then the draft is listed with its author and comment
    await page.locator('button.open-versions').click();
    const drafts = page.locator('.drafts .el-table__body tr');
    await drafts.first().waitFor();
    expect(await drafts.first().innerText()).toContain('审核交回主管部门');
    expect(await drafts.first().innerText()).toContain('fenxi.wang');
    await shot('modeler-versions');

    // when it diffs the deployed version 2 against the editor
    await page
      .locator('.versions .el-table__body tr', { hasText: '第 2 版' })
      .getByRole('button', { name: '对比' })
      .click();
    const changes = page.locator('.changes .el-table__body tr');
    await changes.first().waitFor();
    // then the changed review is listed and coloured on both sides
    expect(await page.locator('.changes').innerText()).toMatch(/修改[\s\S]*主管部门审核考试成绩/);
    await page
      .locator('.diff-dialog .diff-changed[data-element-id="regulator-review"]')
      .first()
      .waitFor();
    await shot('modeler-diff');
    await page.keyboard.press('Escape');

    // when it restores version 2
    await page.locator('button.open-versions').click();
    await page
      .locator('.versions .el-table__body tr', { hasText: '第 2 版' })
      .getByRole('button', { name: '恢复' })
      .click();
    await page.getByText('当前内容：已部署第 2 版').waitFor();
    // then the editor holds version 2 again
    await select('regulator-review');
    await openGroup('分配');
    await expect(candidateGroups().inputValue()).resolves.toBe('association');

    // and restoring the draft brings the change back
    await page.locator('button.open-versions').click();
    await drafts.first().getByRole('button', { name: '恢复' }).click();
    await page.getByText(/当前内容：草稿 #\d+/).waitFor();
    await select('regulator-review');
    await openGroup('分配');
    await expect(candidateGroups().inputValue()).resolves.toBe('regulator');
    await shot('modeler-restored');
  }, 60_000);
});
