/**
 * The practitioner's phone pages, the verification page and the root page in Chromium at
 * 390 × 844 against the whole system (engine, workers, database, API serving the built
 * pages). Screenshots go to /tmp/web-shots/ (WEB_SHOTS to change) to be looked at.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureWebBuilt } from '../../../api/web/build-web';
import { addDays, todayInChina } from '../../../domain/calendar-date';
import { launchBrowser } from '../../helpers/browser';
import { samplePhotoPng } from '../../documents/certificate-fixture';
import { PASSWORD, registeredPerson } from '../../api/api-harness';
import { Holder, Staff, certificated, staffAccounts } from '../../api/certificate-business-harness';
import {
  ProcessApi,
  employed,
  proposeEmployment,
  personWithPhoto,
  startProcessApi,
} from '../../api/process-api-harness';
import { PHONE, expectChineseOnly, qrText, shoot } from './phone-page';

describe('web-modeler/mobile - the practitioner on a phone', () => {
  let api: ProcessApi;
  let browser: Browser;
  let staff: Staff;
  let holder: Holder;
  let context: BrowserContext;
  let page: Page;

  async function signIn(idNumber: string) {
    await context?.close();
    context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true });
    page = await context.newPage();
    await page.goto(`${api.base}/mobile/`);
    await page.locator('input[name=username]').fill(idNumber);
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('证书业务').waitFor();
  }

  const tab = (label: string) => page.locator('.van-tabbar-item', { hasText: label }).click();

  /** The certificate's page, reached as a person does (the token lives in the page only). */
  async function openCertificate(number: string) {
    await tab('证书');
    await page.getByText(number).first().click();
    await page.locator('img.qr').waitFor();
  }

  beforeAll(async () => {
    await ensureWebBuilt(['mobile']);
    api = await startProcessApi();
    staff = await staffAccounts(api);
    // The regulator approves the exam result through the API (the Tasklist's own test does it
    // through its page); the certificate is issued by the real workers.
    holder = await certificated(api, staff, '马晓东');
    browser = await launchBrowser();
  }, 300_000);
  afterEach(() => expect(api.h.errors).toEqual([]));
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await api?.stopAll();
  });

  it('should show the approved certificate with its PDF and QR code on the phone', async () => {
    // given the login page on a phone
    context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true });
    page = await context.newPage();
    await page.goto(`${api.base}/mobile/`);
    await page.getByRole('button', { name: '登录' }).waitFor();
    await shoot(page, 'mobile-login');
    await expectChineseOnly(page);
    // when the holder signs in
    await signIn(holder.person.idNumber);
    // then the home page counts the certificate and the unread message of its issue
    await page.locator('[data-count=certificates]', { hasText: '1' }).waitFor();
    expect(Number(await page.locator('[data-count=unread]').innerText())).toBeGreaterThan(0);
    await shoot(page, 'mobile-home');
    await expectChineseOnly(page);
    // and the certificate page shows its number, the QR code of its verification link, the PDF
    await openCertificate(holder.number);
    expect(await page.locator('.detail').innerText()).toContain('燃气用户检修工');
    await shoot(page, 'mobile-certificate');
    await expectChineseOnly(page);
    const [pdf] = await Promise.all([
      context.waitForEvent('page'),
      page.getByRole('button', { name: '查看电子证书（PDF）' }).click(),
    ]);
    expect(pdf.url()).toMatch(/^blob:/);
    await pdf.close();
    // and the QR code's link is the certificate's verification page
    const link = await page.locator('a.verify-link').getAttribute('href');
    expect(link).toMatch(/^\/api\/verify\//);
    expect(await qrText(page.locator('img.qr'))).toBe(`${api.base}${link}`);
  }, 60_000);

  it('should list the messages to know and mark one read when opened', async () => {
    // given the holder's unread messages (the employment, the certificate issued)
    const unread = Number(await page.locator('.van-tabbar-item .van-badge').innerText());
    expect(unread).toBeGreaterThan(0);
    // when it opens the messages: nothing to act on, so the notices show
    await tab('消息');
    await page.locator('.message.unread').first().waitFor();
    await shoot(page, 'mobile-messages');
    await expectChineseOnly(page);
    await page.locator('.message.unread').first().click();
    // then that message is read and the badge counts one less
    await page.locator('.detail').waitFor();
    const left = await api.request('GET', '/api/messages?unread=true', {
      token: holder.person.token,
    });
    expect(left.body).toHaveLength(unread - 1);
  }, 30_000);

  it('should show the personal information with the photo, and the resume', async () => {
    await tab('我的');
    await page.locator('img.photo').waitFor();
    expect(await page.locator('.profile').innerText()).toContain(holder.person.idNumber);
    await shoot(page, 'mobile-profile');
    await expectChineseOnly(page);
    // when the holder replaces the ID photo from the phone
    const before = await api.request('GET', '/api/persons/me', { token: holder.person.token });
    await page.locator('.upload input').setInputFiles({
      name: '证件照.png',
      mimeType: 'image/png',
      buffer: samplePhotoPng(),
    });
    await page.getByText('证件照已上传').waitFor();
    const after = await api.request('GET', '/api/persons/me', { token: holder.person.token });
    expect(after.body.photoUpdatedAt).not.toBe(before.body.photoUpdatedAt);
    // when the holder adds a resume entry
    await page.locator('.van-cell', { hasText: '我的履历' }).click();
    await page.getByRole('button', { name: '添加履历' }).click();
    await page.locator('input[name=organisation]').fill('西宁燃气有限公司');
    await page.locator('input[name=position]').fill('燃气用户检修工');
    await page.locator('input[name=startDate]').fill('2020-03-01');
    await page.getByRole('button', { name: '保存' }).click();
    // then it is listed and stored
    await page.locator('.resume .van-cell', { hasText: '2020-03-01 至 今' }).waitFor();
    const resume = await api.request('GET', '/api/persons/me/resume', {
      token: holder.person.token,
    });
    expect(resume.body).toEqual([expect.objectContaining({ organisation: '西宁燃气有限公司' })]);
    await shoot(page, 'mobile-resume');
    await expectChineseOnly(page);
  }, 30_000);

  it('should show a rejection with its reason in the applicant timeline', async () => {
    // given a practitioner whose exam result the regulator rejects with a reason
    const person = await personWithPhoto(api, '韩雪梅', 'F');
    await employed(api, holder.enterprise, person);
    const res = await api.request('POST', '/api/exam-results', {
      token: staff.training,
      body: {
        results: [
          {
            idNumber: person.idNumber,
            name: person.name,
            certificateType: 'C',
            jobTypeCode: '04',
            examDate: addDays(todayInChina(new Date()), -3),
            passed: true,
          },
        ],
      },
    });
    const applicationId = res.body.results[0].applicationId as string;
    const rejected = await api.decide(
      staff.regulator,
      applicationId,
      'reject',
      '准考证信息与身份证不符',
    );
    expect(rejected.status).toBe(200);
    await api.waitState(applicationId, 'rejected');
    // when she opens her applications on the phone
    await signIn(person.idNumber);
    await tab('办件');
    await page.locator('.application', { hasText: '新发证' }).click();
    // then the timeline says who refused and why, and the progress ends where it ended
    await page.getByText('意见：准考证信息与身份证不符').waitFor();
    const detail = await page.locator('.detail').innerText();
    expect(detail).toContain('主管部门审核考试成绩');
    expect(detail).toContain('不同意');
    expect(detail).toContain('未通过');
    expect(await page.locator('.progress .step-done').count()).toBeGreaterThan(1);
    await shoot(page, 'mobile-rejected');
    await expectChineseOnly(page);
  }, 90_000);

  it('should let a practitioner consent to an employment from the messages', async () => {
    // given an enterprise proposing to employ a registered person
    const person = { ...(await registeredPerson(api, '罗文杰')), name: '罗文杰' };
    const proposed = await proposeEmployment(api, holder.enterprise, person);
    await api.taskOf(person.token, proposed.body.applicationId);
    // when he opens the task from the messages' 待办理 and consents
    await signIn(person.idNumber);
    await page.locator('.van-tabbar-item .van-badge').waitFor();
    await tab('消息');
    await page.locator('.task').first().click();
    await page.getByText('同意聘用').waitFor();
    await shoot(page, 'mobile-consent');
    await expectChineseOnly(page);
    await page.getByRole('button', { name: '提交' }).click();
    // then the employment becomes active
    await api.waitState(proposed.body.applicationId, 'completed');
    await page.locator('.detail').waitFor();
    const mine = await api.request('GET', '/api/persons/me/employments', { token: person.token });
    expect(mine.body.current.enterprise.id).toBe(holder.enterprise.enterpriseId);
    // and his employment page shows it, with the way to ask for its end
    await tab('我的');
    await page.locator('.van-cell', { hasText: '聘用关系' }).click();
    await page.getByRole('button', { name: '申请解除聘用' }).waitFor();
    expect(await page.locator('.employment').innerText()).toContain('西宁燃气有限公司');
    await shoot(page, 'mobile-employment');
    await expectChineseOnly(page);
  }, 60_000);

  it('should refuse a renewal per check in Chinese and start a cancellation at 390 × 844', async () => {
    // given the holder on the certificate page
    await signIn(holder.person.idNumber);
    await openCertificate(holder.number);
    // when it asks for a renewal years before the window
    await page.locator('.van-cell', { hasText: '证书延期' }).click();
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('button', { name: '确认提交' }).click();
    // then every failed check is listed in Chinese, nothing is started
    await page.locator('.failure').first().waitFor();
    const codes = await page
      .locator('.failure')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(codes).toEqual(expect.arrayContaining(['renewal-window', 'ce-record']));
    await shoot(page, 'mobile-renewal-refused');
    await expectChineseOnly(page);
    // when it files a cancellation instead
    await page.locator('.van-nav-bar__left').click();
    await page.locator('.van-cell', { hasText: '证书注销' }).click();
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('button', { name: '确认提交' }).click();
    // then the application's progress shows the employer's confirmation as the current step
    await page.locator('.progress .step-current').waitFor();
    expect(await page.locator('.progress .step-current').innerText()).toContain('确认');
    expect(await page.locator('.progress').innerText()).toContain('主管部门');
    await shoot(page, 'mobile-cancellation-progress');
    await expectChineseOnly(page);
    // and it can withdraw it while nobody has decided
    await page.getByRole('button', { name: '撤回申请' }).click();
    await page.getByRole('button', { name: '确认撤回' }).click();
    await page.locator('.van-tag', { hasText: '已撤回' }).waitFor();
    await shoot(page, 'mobile-withdrawn');
  }, 90_000);

  it('should verify a valid certificate in green and an abnormal one in warning red', async () => {
    // given the holder's valid certificate and one made abnormal by its unit's category change
    const valid = await api.request('GET', `/api/certificates/${holder.certificateId}`, {
      token: holder.person.token,
    });
    const other = await certificated(api, staff, '祁永红', { categories: ['G'] });
    const change = await api.request('POST', '/api/enterprises/me/category-changes', {
      token: other.enterprise.token,
      body: { categories: ['J'] },
    });
    expect(change.status).toBe(201);
    await api.decide(staff.association, change.body.applicationId, 'approve');
    await api.waitState(change.body.applicationId, 'completed');
    const abnormal = await api.request('GET', `/api/certificates/${other.certificateId}`, {
      token: other.person.token,
    });
    expect(abnormal.body.state).toBe('abnormal');
    const phone = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true });
    const p = await phone.newPage();
    // when anyone opens the valid one's QR link
    await p.goto(`${api.base}${valid.body.verifyPath}`);
    // then the verdict comes first, green, with the issuing authority and the time of the check
    expect(await p.locator('.verdict').getAttribute('class')).toContain('ok');
    expect(await p.locator('.verdict').innerText()).toContain('证书有效');
    const text = await p.locator('body').innerText();
    expect(text).toContain('青海省住房和城乡建设厅');
    expect(text).toMatch(/核验时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    expect(text).toMatch(/6301\*+\d{3}[\dX]/);
    await shoot(p, 'verify-valid');
    await expectChineseOnly(p);
    // when the abnormal one's
    await p.goto(`${api.base}${abnormal.body.verifyPath}`);
    // then it says not usable, in the warning colour, with the reason
    const verdict = p.locator('.verdict');
    expect(await verdict.getAttribute('class')).toContain('warn');
    expect(await verdict.innerText()).toContain('证书不可使用');
    expect(await verdict.innerText()).toContain('企业经营类别已不包含证书工种');
    const colour = await p.evaluate("getComputedStyle(document.querySelector('.verdict')).color");
    expect(colour).toBe('rgb(168, 7, 26)');
    await shoot(p, 'verify-abnormal');
    await expectChineseOnly(p);
    // and an unknown code is no certificate at all
    await p.goto(`${api.base}/api/verify/not-a-real-token`);
    expect(await p.locator('.verdict').innerText()).toContain('未查询到该证书');
    await shoot(p, 'verify-unknown');
    await phone.close();
  }, 120_000);

  it('should lead every kind of user from the root page to their app', async () => {
    const phone = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true });
    const p = await phone.newPage();
    // when anyone opens the root page
    const res = await p.goto(`${api.base}/`);
    expect(res?.status()).toBe(200);
    // then each kind of user finds its app, and the API documentation
    const links = await p
      .locator('a.card')
      .evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
    expect(links.map(([, href]) => href)).toEqual([
      '/mobile/',
      '/tasklist/',
      '/portal/',
      '/training/',
      '/docs',
    ]);
    await shoot(p, 'root-page');
    await expectChineseOnly(p);
    // and the practitioner's card opens the phone pages' sign-in
    await p.locator('a.card', { hasText: '从业人员' }).click();
    await p.getByRole('button', { name: '登录' }).waitFor();
    await phone.close();
  }, 30_000);
});
