/**
 * The training body's app in Chromium against the whole system: it uploads an exam-result CSV
 * with good and bad rows, reads the answer per row and takes the failed rows back as a CSV with
 * the reason of each. Screenshots go to /tmp/web-shots/ (WEB_SHOTS to change).
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuilt } from '../../../api/web/build-web';
import { createStaffUser } from '../../../api/use-cases/staff';
import { addDays, todayInChina } from '../../../domain/calendar-date';
import { parseCsv } from '../../../domain/csv';
import { launchBrowser } from '../../helpers/browser';
import {
  VIEWPORT,
  countIs,
  expectChinese as expectChineseOf,
  shot,
  signInAt,
} from '../../helpers/web-page';
import { PASSWORD, newIdNumber } from '../../api/api-harness';
import {
  ProcessApi,
  employed,
  enterpriseWithCategories,
  personWithPhoto,
  startProcessApi,
} from '../../api/process-api-harness';

/**
 * Latin words the page may show: the account typed at login and the exam file's column names,
 * which are the file format's own (the page explains each in Chinese).
 */
const ALLOWED_LATIN =
  /^(peixun|liu|idNumber|name|certificateType|jobTypeCode|enterpriseCreditCode|examDate|passed|csv|CSV|UTF|true|false)$/;

describe('web-modeler/training - the training body imports in Chromium', () => {
  let api: ProcessApi;
  let browser: Browser;
  let page: Page;
  let file: string;
  const examDate = addDays(todayInChina(new Date()), -3);

  const expectChinese = (p: Page) => expectChineseOf(p, ALLOWED_LATIN);
  const rows = () => page.locator('.results .el-table__body tr');

  beforeAll(async () => {
    await ensureWebBuilt(['training']);
    api = await startProcessApi();
    await createStaffUser(api.h.sql, {
      role: 'training',
      username: 'peixun.liu',
      password: PASSWORD,
    });
    const association = await api.staff('association');
    const enterprise = await enterpriseWithCategories(api, association);
    const passing = await personWithPhoto(api, '赵一');
    await employed(api, enterprise, passing);
    const failing = await personWithPhoto(api, '钱二');
    // Two good rows (a pass that starts a new issue, a recorded fail) and three bad ones: a
    // wrong check digit, a name that is not the verified one, a person never verified.
    const badCheckDigit =
      passing.idNumber.slice(0, 17) + (passing.idNumber[17] === '1' ? '2' : '1');
    file = [
      'idNumber,name,certificateType,jobTypeCode,enterpriseCreditCode,examDate,passed',
      `${passing.idNumber},赵一,C,04,,${examDate},合格`,
      `${failing.idNumber},钱二,C,04,,${examDate},不合格`,
      `${badCheckDigit},孙三,C,04,,${examDate},合格`,
      `${failing.idNumber},李四,C,04,,${examDate},合格`,
      `${newIdNumber()},周五,C,04,,${examDate},合格`,
    ].join('\n');
    browser = await launchBrowser();
    const context = await browser.newContext({
      viewport: VIEWPORT,
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    page = await context.newPage();
  }, 300_000);
  afterEach(() => expect(api.h.errors).toEqual([]));
  afterAll(async () => {
    await browser?.close();
    await api?.stopAll();
  });

  it('should upload a CSV and show every row with its result in Chinese', async () => {
    // given the training body signed in
    await signInAt(page, `${api.base}/training/`, 'peixun.liu', PASSWORD);
    await page.getByText('考核结果导入').first().waitFor();
    await shot(page, 'training-import');
    await expectChinese(page);
    // when it uploads the file
    await page
      .locator('input[name=csv]')
      .first()
      .setInputFiles({
        name: '考核结果.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(file, 'utf8'),
      });
    await page.getByRole('button', { name: '上传并导入' }).first().click();
    // then each of the five rows is answered, two good and three failed with their reasons
    await countIs(rows(), 5);
    expect(await page.locator('.summary').first().innerText()).toMatch(
      /共 5 行，成功\s*2\s*行，失败\s*3\s*行/,
    );
    const texts = await rows().allInnerTexts();
    expect(texts[0]).toMatch(/赵一[\s\S]*成功[\s\S]*新发证办件/);
    expect(texts[1]).toMatch(/钱二[\s\S]*成功[\s\S]*不合格/);
    for (const i of [2, 3, 4]) expect(texts[i]).toContain('失败');
    expect(texts[3]).toContain('姓名与该身份证号码的实名认证信息不一致');
    await shot(page, 'training-results');
    await expectChinese(page);
    // and the pass started its new issue, for the regulator to review
    const regulator = await api.staff('regulator');
    const reviews = await api.request('GET', '/api/tasks', { token: regulator });
    expect(reviews.body.total).toBe(1);
  }, 60_000);

  it('should hand the failed rows back as a CSV with the reason of each', async () => {
    // when the training body downloads the failed rows
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载失败行' }).click(),
    ]);
    // then the file has the upload's columns and cells for those three rows, and a reason each
    expect(download.suggestedFilename()).toBe('考核结果-失败行.csv');
    const text = fs.readFileSync((await download.path())!, 'utf8');
    const { header, records } = parseCsv(text);
    expect(header).toEqual([
      'idNumber',
      'name',
      'certificateType',
      'jobTypeCode',
      'enterpriseCreditCode',
      'examDate',
      'passed',
      '错误原因',
    ]);
    expect(records.map((r) => r.values.name)).toEqual(['孙三', '李四', '周五']);
    for (const r of records) expect(r.values['错误原因']).toMatch(/[\u4e00-\u9fff]/);
    expect(records[1].values['错误原因']).toContain('姓名与该身份证号码的实名认证信息不一致');
    expect(records[0].values.examDate).toBe(examDate);
    // and the file can be uploaded again as it is: the page drops the reason column
    await page
      .locator('input[name=csv]')
      .first()
      .setInputFiles(await download.path());
    await page.getByRole('button', { name: '上传并导入' }).first().click();
    await page.locator('.summary').first().getByText('共 3 行').waitFor();
    await countIs(rows().filter({ hasText: '失败' }), 3);
  }, 60_000);
});
