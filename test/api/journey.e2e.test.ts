import { addDays, todayInChina } from '../../domain/calendar-date';
import { maskIdNumber } from '../../domain/id-number';
import { createStaffUser } from '../../api/use-cases/staff';
import { samplePhotoPng } from '../documents/certificate-fixture';
import { login, newCreditCode, newIdNumber } from './api-harness';
import { ProcessApi, contractFile, startProcessApi } from './process-api-harness';

/*
 * The journey of issue 4 ("Done when"), step by step as docs/journey.md tells it with curl:
 * from an enterprise's registration to a certificate whose QR link verifies it.
 */
describe('api/journey - from registration to a verified certificate', () => {
  let api: ProcessApi;

  beforeAll(async () => {
    api = await startProcessApi();
  });
  afterAll(() => api.stopAll());

  it('should walk the whole journey through the API', async () => {
    const req = api.request;
    const ok = (status: number, expected = 200) => expect(status).toBe(expected);
    const task = (token: string, applicationId: string) => api.taskOf(token, applicationId);

    // 1. An enterprise registers and logs in.
    const creditCode = newCreditCode();
    ok(
      (
        await req('POST', '/api/enterprises', {
          body: {
            creditCode,
            name: '西宁市城东燃气有限公司',
            legalRepresentative: { name: '李四', idNumber: newIdNumber() },
            password: 'enterprise-pass-1',
          },
        })
      ).status,
      201,
    );
    const enterprise = await login(api, creditCode, 'enterprise-pass-1');

    // 2. Staff accounts come from the admin use case (npm run admin -- create-user ...).
    for (const [role, username] of [
      ['association', 'xiehui'],
      ['training', 'peixun'],
      ['regulator', 'zhuguan'],
    ])
      await createStaffUser(api.h.sql, { role, username, password: 'staff-pass-123' });
    const association = await login(api, 'xiehui', 'staff-pass-123');
    const training = await login(api, 'peixun', 'staff-pass-123');
    const regulator = await login(api, 'zhuguan', 'staff-pass-123');

    // 3. The enterprise applies for its categories; the association approves its task.
    const registration = await req('POST', '/api/enterprises/me/category-registrations', {
      token: enterprise,
      body: { categories: ['G', 'P'] },
    });
    ok(registration.status, 201);
    const reviewKey = await task(association, registration.body.applicationId);
    ok((await req('POST', `/api/tasks/${reviewKey}/claim`, { token: association })).status);
    ok(
      (
        await req('POST', `/api/tasks/${reviewKey}/complete`, {
          token: association,
          body: { decision: 'approve', comment: '材料齐全' },
        })
      ).status,
    );
    await api.finished(registration.body.applicationId);
    expect((await req('GET', '/api/enterprises/me', { token: enterprise })).body).toMatchObject({
      categories: ['G', 'P'],
      categoryRegistration: 'approved',
    });

    // 4. A person verifies their real name, logs in and uploads an ID photo.
    const idNumber = newIdNumber('F', '19880302');
    ok(
      (
        await req('POST', '/api/persons', {
          body: { name: '赵丽', idNumber, password: 'person-pass-1' },
        })
      ).status,
      201,
    );
    const person = await login(api, idNumber, 'person-pass-1');
    ok(
      (
        await req('PUT', '/api/persons/me/photo', {
          token: person,
          raw: samplePhotoPng(),
          contentType: 'image/png',
        })
      ).status,
    );

    // 5. The enterprise proposes the employment; the person consents through their task.
    const proposal = await req('POST', '/api/enterprises/me/employments', {
      token: enterprise,
      body: {
        idNumber,
        name: '赵丽',
        contractStart: '2026-01-01',
        contractEnd: null,
        commitmentAccepted: true,
        contractFile,
      },
    });
    ok(proposal.status, 201);
    const consentKey = await task(person, proposal.body.applicationId);
    ok(
      (
        await req('POST', `/api/tasks/${consentKey}/complete`, {
          token: person,
          body: { decision: 'approve' },
        })
      ).status,
    );
    await api.finished(proposal.body.applicationId);
    expect(
      (await req('GET', '/api/persons/me/employments', { token: person })).body.current,
    ).toMatchObject({ state: 'active' });

    // 6. The training body records the passed exam (C, job type 04 燃气用户检修工).
    const examDate = addDays(todayInChina(new Date()), -5);
    const imported = await req('POST', '/api/exam-results', {
      token: training,
      body: {
        results: [
          {
            idNumber,
            name: '赵丽',
            certificateType: 'C',
            jobTypeCode: '04',
            examDate,
            passed: true,
          },
        ],
      },
    });
    ok(imported.status);
    const [row] = imported.body.results;
    expect(row).toMatchObject({ row: 1, ok: true });

    // 7. The regulator approves the exam result through its task; checks pass; issued.
    const approvalKey = await task(regulator, row.applicationId);
    ok(
      (
        await req('POST', `/api/tasks/${approvalKey}/complete`, {
          token: regulator,
          body: { decision: 'approve' },
        })
      ).status,
    );
    await api.finished(row.applicationId);

    // 8. The certificate appears for the person; its PDF downloads.
    const certificates = await req('GET', '/api/persons/me/certificates', { token: person });
    expect(certificates.body).toHaveLength(1);
    const [certificate] = certificates.body;
    expect(certificate).toMatchObject({
      type: 'C',
      jobType: '04',
      state: 'valid',
      holder: { name: '赵丽' },
      unit: { name: '西宁市城东燃气有限公司' },
    });
    const pdf = await req('GET', `/api/certificates/${certificate.id}/pdf`, { token: person });
    ok(pdf.status);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');

    // 9. Its QR link verifies it, publicly, with the ID number masked.
    const verified = await req('GET', certificate.verifyPath);
    expect(verified.body).toMatchObject({
      genuine: true,
      number: certificate.number,
      state: 'valid',
      holderName: '赵丽',
      idNumberMasked: maskIdNumber(idNumber),
      unitName: '西宁市城东燃气有限公司',
    });
    expect(verified.body.idNumberMasked).not.toContain(idNumber.slice(6, 14));

    // The application tells the story.
    const story = await req('GET', `/api/applications/${row.applicationId}`, { token: person });
    expect(story.body.timeline.map((s: { step: string }) => s.step)).toEqual(
      expect.arrayContaining([
        'submitted',
        'regulator-review',
        'certificate-issued',
        'notify-issued',
      ]),
    );
    expect(api.h.errors).toEqual([]);
  });
});
