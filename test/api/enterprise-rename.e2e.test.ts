import { addDays, todayInChina } from '../../domain/calendar-date';
import { runChecks } from '../../domain/checks/run-checks';
import { RENAME_CHECKS } from '../../domain/enterprise-rename';
import { certificateCheckContext } from '../../repositories/check-context';
import { inspectPdf } from '../documents/pdf-inspect';
import { count, expectProblem, registeredEnterprise } from './api-harness';
import {
  ProcessApi,
  employed,
  enterpriseWithCategories,
  personWithPhoto,
  startProcessApi,
} from './process-api-harness';

/*
 * POST /api/enterprises/me/rename-preview and /renames → enterprise-rename → the regulator's
 * task → the re-check and the reissue of every passing certificate (SPEC §7.3).
 */
describe('api/enterprise-rename - through the engine', () => {
  let api: ProcessApi;
  let association: string;
  let regulator: string;
  let training: string;
  const examDate = addDays(todayInChina(new Date()), -7);
  const OLD = '西宁燃气有限公司';

  beforeAll(async () => {
    api = await startProcessApi();
    [association, regulator, training] = await Promise.all([
      api.staff('association'),
      api.staff('regulator'),
      api.staff('training'),
    ]);
  });
  afterEach(() => expect(api.h.errors).toEqual([]));
  afterAll(() => api.stopAll());

  /** A person employed at `e` holding a C certificate issued through the API. */
  async function certifiedStaff(e: { token: string }, name: string) {
    const p = await personWithPhoto(api, name);
    const employment = await employed(api, e, p);
    const res = await api.request('POST', '/api/exam-results', {
      token: training,
      body: {
        results: [
          {
            idNumber: p.idNumber,
            name: p.name,
            certificateType: 'C',
            jobTypeCode: '04',
            examDate,
            passed: true,
          },
        ],
      },
    });
    const [r] = res.body.results;
    await api.decide(regulator, r.applicationId, 'approve');
    await api.waitState(r.applicationId, 'completed');
    const certs = await api.request('GET', '/api/persons/me/certificates', { token: p.token });
    return {
      ...p,
      employmentId: employment.employmentId,
      certificateId: certs.body[0].id as string,
      number: certs.body[0].number as string,
    };
  }

  /** The holder files a cancellation (the employer confirms first): the certificate is busy. */
  async function busyElsewhere(person: { token: string }, certificateId: string) {
    const res = await api.request('POST', `/api/certificates/${certificateId}/cancellations`, {
      token: person.token,
    });
    expect(res.status).toBe(201);
    return res.body.applicationId as string;
  }

  const preview = (token: string, name: unknown) =>
    api.request('POST', '/api/enterprises/me/rename-preview', { token, body: { name } });
  const submit = (token: string, body: Record<string, unknown>) =>
    api.request('POST', '/api/enterprises/me/renames', { token, body });
  const issuances = (certificateId: string) =>
    api.h.sql('certificate_issuances').where({ certificate_id: certificateId }).orderBy('id');
  const pdfText = async (token: string, certificateId: string) => {
    const pdf = await api.request('GET', `/api/certificates/${certificateId}/pdf`, { token });
    expect(pdf.status).toBe(200);
    return (await inspectPdf(pdf.body as Buffer)).text.replace(/\n/g, '');
  };
  const messagesOf = async (token: string) =>
    (await api.request('GET', '/api/messages', { token })).body as Array<{
      title: string;
      body: string;
    }>;

  it('should preview, then rename and reissue the passing certificates once approved', async () => {
    // given an enterprise with two certified staff, one certificate busy with another business
    const e = await enterpriseWithCategories(api, association, ['G'], OLD);
    const ready = await certifiedStaff(e, '赵丽');
    const busy = await certifiedStaff(e, '钱伟');
    await busyElsewhere(busy, busy.certificateId);
    const NEW = '青海新能燃气有限公司';

    // when the enterprise previews
    const applicationsBefore = await count(api, 'applications');
    const seen = await preview(e.token, NEW);
    // then every certificate is listed with its own results, and nothing is written
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ currentName: OLD, newName: NEW, passing: 1, failing: 1 });
    const listed = new Map(
      (seen.body.certificates as Array<{ certificateId: string }>).map((c) => [c.certificateId, c]),
    );
    expect(listed.get(ready.certificateId)).toMatchObject({
      number: ready.number,
      holderName: '赵丽',
      unitName: OLD,
      passed: true,
    });
    expect(
      (
        listed.get(ready.certificateId) as unknown as { checkResults: Array<{ code: string }> }
      ).checkResults.map((r) => r.code),
    ).toEqual([
      'photo',
      'not-busy',
      'cert-valid',
      'age',
      'employer-is-cert-unit',
      'cert-in-province',
    ]);
    expect(listed.get(busy.certificateId)).toMatchObject({
      passed: false,
      checkResults: expect.arrayContaining([
        expect.objectContaining({ code: 'not-busy', passed: false }),
        expect.objectContaining({ code: 'photo', passed: true }),
      ]),
    });
    expect(await count(api, 'applications')).toBe(applicationsBefore);
    // and the batch loader agrees with the per-certificate loader of the other businesses
    for (const c of seen.body.certificates as Array<{
      certificateId: string;
      checkResults: unknown;
    }>) {
      const context = await certificateCheckContext(
        api.h.sql,
        c.certificateId,
        todayInChina(new Date()),
      );
      const results = runChecks(RENAME_CHECKS, context).results;
      expect(results.map((r) => ({ code: r.code, passed: r.ok, message: r.message }))).toEqual(
        c.checkResults,
      );
    }

    // when it submits with the commitment
    const res = await submit(e.token, { name: NEW, commitmentAccepted: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: 'awaiting-review', passing: 1, failing: 1 });
    const applicationId = res.body.applicationId as string;
    // then the passing certificate is busy with it; the results are stored per certificate
    const rows = await api.h
      .sql('certificates')
      .whereIn('id', [ready.certificateId, busy.certificateId])
      .select({ id: api.h.sql.raw('id::text'), busy: api.h.sql.raw('busy_application_id::text') });
    expect(new Map(rows.map((r) => [r.id, r.busy])).get(ready.certificateId)).toBe(applicationId);
    expect(new Map(rows.map((r) => [r.id, r.busy])).get(busy.certificateId)).not.toBe(
      applicationId,
    );
    const stored = await api.h
      .sql('application_certificates')
      .where({ application_id: applicationId })
      .select({ id: api.h.sql.raw('certificate_id::text'), results: 'check_results' });
    expect(stored).toHaveLength(2);

    // when the regulator approves
    expect((await api.decide(regulator, applicationId, 'approve')).status).toBe(200);
    await api.finished(applicationId);

    // then the enterprise has its new name
    expect((await api.request('GET', '/api/enterprises/me', { token: e.token })).body.name).toBe(
      NEW,
    );
    // the passing certificate is reissued: same number, a new PDF with the new name
    const reissued = await issuances(ready.certificateId);
    expect(reissued.map((i) => [i.kind, i.reason])).toEqual([
      ['issue', 'new'],
      ['reissue', 'enterprise-rename'],
    ]);
    expect(reissued[1].number).toBe(ready.number);
    const text = await pdfText(ready.token, ready.certificateId);
    expect(text).toContain(NEW);
    expect(text).not.toContain(OLD);
    const cert = await api.request('GET', `/api/certificates/${ready.certificateId}`, {
      token: ready.token,
    });
    expect(cert.body).toMatchObject({ number: ready.number, state: 'valid' });
    // the failing one is untouched and keeps the old unit name
    expect(await issuances(busy.certificateId)).toHaveLength(1);
    expect(await pdfText(busy.token, busy.certificateId)).toContain(OLD);
    expect(
      (await api.h.sql('certificates').where({ id: busy.certificateId }).first('unit_name'))
        .unit_name,
    ).toBe(OLD);
    // every holder is told, and the enterprise; the lock is released
    expect(await messagesOf(ready.token)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ title: '证书已换发', body: expect.stringContaining(NEW) }),
      ]),
    );
    expect(await messagesOf(busy.token)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          title: '证书未换发',
          body: expect.stringContaining('正在办理其他业务'),
        }),
      ]),
    );
    expect(await messagesOf(e.token)).toEqual(
      expect.arrayContaining([expect.objectContaining({ title: '企业名称变更已办结' })]),
    );
    expect(
      (
        await api.h
          .sql('certificates')
          .where({ id: ready.certificateId })
          .first('busy_application_id')
      ).busy_application_id,
    ).toBeNull();
    const detail = await api.request('GET', `/api/applications/${applicationId}`, {
      token: e.token,
    });
    expect(detail.body).toMatchObject({
      state: 'completed',
      subject: { fromName: OLD, toName: NEW, certificates: 2 },
    });
    expect(detail.body.timeline.map((t: { step: string }) => t.step)).toEqual(
      expect.arrayContaining(['regulator-review', 'enterprise-rename-applied']),
    );
  });

  it('should keep the name and release the certificates when the regulator rejects', async () => {
    // given
    const e = await enterpriseWithCategories(api, association, ['G'], OLD);
    const holder = await certifiedStaff(e, '孙敏');
    const res = await submit(e.token, { name: '西宁城东燃气有限公司', commitmentAccepted: true });
    expect(res.status).toBe(201);
    // when
    await api.decide(regulator, res.body.applicationId, 'reject', '缺少工商变更登记证明');
    await api.finished(res.body.applicationId);
    // then
    expect((await api.request('GET', '/api/enterprises/me', { token: e.token })).body.name).toBe(
      OLD,
    );
    expect(await issuances(holder.certificateId)).toHaveLength(1);
    const row = await api.h
      .sql('certificates')
      .where({ id: holder.certificateId })
      .first('busy_application_id', 'unit_name');
    expect(row).toEqual({ busy_application_id: null, unit_name: OLD });
    expect(await messagesOf(e.token)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          title: '企业名称变更未通过',
          body: expect.stringContaining('缺少工商变更登记证明'),
        }),
      ]),
    );
  });

  it('should not reissue a certificate that fails the re-check after the approval', async () => {
    // given a certificate that passed at submission, whose holder then left the enterprise
    const e = await enterpriseWithCategories(api, association, ['G'], OLD);
    const leaver = await certifiedStaff(e, '吴强');
    const res = await submit(e.token, { name: '西宁城北燃气有限公司', commitmentAccepted: true });
    expect(res.body.passing).toBe(1);
    const termination = await api.request(
      'POST',
      `/api/employments/${leaver.employmentId}/termination`,
      { token: leaver.token },
    );
    expect(termination.status).toBe(201);
    await api.decide(e.token, termination.body.applicationId, 'approve');
    await api.waitState(termination.body.applicationId, 'completed');
    // when
    await api.decide(regulator, res.body.applicationId, 'approve');
    await api.finished(res.body.applicationId);
    // then the enterprise is renamed, the certificate is not reissued and its holder is told why
    expect((await api.request('GET', '/api/enterprises/me', { token: e.token })).body.name).toBe(
      '西宁城北燃气有限公司',
    );
    expect(await issuances(leaver.certificateId)).toHaveLength(1);
    const stored = await api.h
      .sql('application_certificates')
      .where({ application_id: res.body.applicationId })
      .first('check_results');
    expect(stored.check_results).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'employer-is-cert-unit', passed: false }),
      ]),
    );
    expect(await messagesOf(leaver.token)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          title: '证书未换发',
          body: expect.stringContaining('没有聘用单位'),
        }),
      ]),
    );
  });

  it('should let a later rename to the same name reissue a certificate an earlier one left', async () => {
    // given a rename that could not reissue a busy certificate
    const e = await enterpriseWithCategories(api, association, ['G'], OLD);
    const holder = await certifiedStaff(e, '郑洋');
    const cancellation = await busyElsewhere(holder, holder.certificateId);
    const NEW = '西宁城南燃气有限公司';
    const first = await submit(e.token, { name: NEW, commitmentAccepted: true });
    expect(first.body).toMatchObject({ passing: 0, failing: 1 });
    await api.decide(regulator, first.body.applicationId, 'approve');
    await api.finished(first.body.applicationId);
    // and the other business ended (the employer refused the cancellation)
    await api.decide(e.token, cancellation, 'reject', '不同意注销');
    await api.waitState(cancellation, 'rejected');
    // when the enterprise files a rename to the name it already has
    const seen = await preview(e.token, NEW);
    expect(seen.body).toMatchObject({ currentName: NEW, passing: 1, failing: 0 });
    const again = await submit(e.token, { name: NEW, commitmentAccepted: true });
    expect(again.status).toBe(201);
    await api.decide(regulator, again.body.applicationId, 'approve');
    await api.finished(again.body.applicationId);
    // then the certificate catches up
    expect((await issuances(holder.certificateId)).map((i) => i.reason)).toEqual([
      'new',
      'enterprise-rename',
    ]);
    expect(await pdfText(holder.token, holder.certificateId)).toContain(NEW);
    // and with nothing left behind the same name is refused again
    const none = await submit(e.token, { name: NEW, commitmentAccepted: true });
    expectProblem(none, 422, 'conditions-not-met');
    expect(none.body.errors.map((x: { code: string }) => x.code)).toEqual(['name-unchanged']);
  });

  it('should release the certificates when the enterprise withdraws', async () => {
    // given
    const e = await enterpriseWithCategories(api, association, ['G'], OLD);
    const holder = await certifiedStaff(e, '李娜');
    const res = await submit(e.token, { name: '西宁城西燃气有限公司', commitmentAccepted: true });
    expect(res.body.passing).toBe(1);
    // when
    const withdrawn = await api.request(
      'POST',
      `/api/applications/${res.body.applicationId}/withdrawal`,
      { token: e.token, body: { reason: '名称核准未通过' } },
    );
    // then
    expect(withdrawn.status).toBe(200);
    await api.waitState(res.body.applicationId, 'withdrawn');
    const row = await api.h
      .sql('certificates')
      .where({ id: holder.certificateId })
      .first('busy_application_id');
    expect(row.busy_application_id).toBeNull();
    expect((await api.request('GET', '/api/enterprises/me', { token: e.token })).body.name).toBe(
      OLD,
    );
  });

  it('should rename an enterprise that has no certificate to reissue', async () => {
    const e = await enterpriseWithCategories(api, association, ['P'], OLD);
    const res = await submit(e.token, { name: '西宁瓶装燃气有限公司', commitmentAccepted: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ passing: 0, failing: 0, certificates: [] });
    await api.decide(regulator, res.body.applicationId, 'approve');
    await api.finished(res.body.applicationId);
    expect((await api.request('GET', '/api/enterprises/me', { token: e.token })).body.name).toBe(
      '西宁瓶装燃气有限公司',
    );
  });

  it.each([
    {
      case: 'without the commitment',
      body: { name: '新名称燃气有限公司' },
      codes: ['commitment-not-accepted'],
    },
    {
      case: 'with the commitment refused',
      body: { name: '新名称燃气有限公司', commitmentAccepted: false },
      codes: ['commitment-not-accepted'],
    },
    {
      case: 'with the same name',
      body: { name: ` ${OLD} `, commitmentAccepted: true },
      codes: ['name-unchanged'],
    },
    {
      case: 'with a blank name',
      body: { name: '  ', commitmentAccepted: true },
      codes: ['name-invalid'],
    },
    {
      case: 'with a name of 101 characters',
      body: { name: '燃'.repeat(101), commitmentAccepted: true },
      codes: ['name-invalid'],
    },
  ])('should answer 422 $case and start nothing', async ({ body, codes }) => {
    const e = await registeredEnterprise(api, OLD);
    const before = await count(api, 'applications');
    const res = await submit(e.token, body);
    expectProblem(res, 422, 'conditions-not-met');
    expect(res.body.errors.map((x: { code: string }) => x.code)).toEqual(codes);
    expect(await count(api, 'applications')).toBe(before);
  });

  it('should refuse a second rename while one is in progress', async () => {
    const e = await registeredEnterprise(api, OLD);
    expect(
      (await submit(e.token, { name: '甲燃气有限公司', commitmentAccepted: true })).status,
    ).toBe(201);
    const res = await submit(e.token, { name: '乙燃气有限公司', commitmentAccepted: true });
    expectProblem(res, 422, 'conditions-not-met');
    expect(res.body.errors.map((x: { code: string }) => x.code)).toEqual(['rename-in-progress']);
  });

  it('should let only the enterprise itself preview and apply', async () => {
    const person = await personWithPhoto(api, '周杰');
    for (const token of [person.token, regulator, association]) {
      expectProblem(await preview(token, '新燃气有限公司'), 403, 'forbidden');
      expectProblem(
        await submit(token, { name: '新燃气有限公司', commitmentAccepted: true }),
        403,
        'forbidden',
      );
    }
    const anonymous = await api.request('POST', '/api/enterprises/me/rename-preview', {
      body: { name: '新燃气有限公司' },
    });
    expect(anonymous.status).toBe(401);
  });

  it('should answer 400 for a body that is not the schema', async () => {
    const e = await registeredEnterprise(api, OLD);
    expectProblem(
      await submit(e.token, { name: 42, commitmentAccepted: true }),
      400,
      'validation-failed',
    );
    expectProblem(
      await submit(e.token, { name: '甲', commitmentAccepted: 'yes' }),
      400,
      'validation-failed',
    );
    expectProblem(await preview(e.token, undefined), 400, 'validation-failed');
  });
});
