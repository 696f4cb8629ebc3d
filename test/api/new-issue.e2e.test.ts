import { addDays, todayInChina } from '../../domain/calendar-date';
import { samplePhotoPng } from '../documents/certificate-fixture';
import { eventually } from '../workers/worker-harness';
import { registeredPerson } from './api-harness';
import {
  ProcessApi,
  employed,
  enterpriseWithCategories,
  personWithPhoto,
  startProcessApi,
} from './process-api-harness';

/* POST /api/exam-results → new-issue → the regulator's task → checks → certificate. */
describe('api/new-issue - exam results through the engine', () => {
  let api: ProcessApi;
  let association: string;
  let regulator: string;
  let training: string;
  const examDate = addDays(todayInChina(new Date()), -7);

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

  /** An employed person (with photo unless `photo` is false) at an enterprise with G P. */
  async function employedPerson(name: string, photo = true) {
    const e = await enterpriseWithCategories(api, association);
    const p = photo
      ? await personWithPhoto(api, name)
      : { ...(await registeredPerson(api, name)), name };
    await employed(api, e, p);
    return { e, p };
  }

  const row = (p: { idNumber: string; name: string }, over: Record<string, unknown> = {}) => ({
    idNumber: p.idNumber,
    name: p.name,
    certificateType: 'C',
    jobTypeCode: '04',
    examDate,
    passed: true,
    ...over,
  });

  const post = (token: string, results: unknown[]) =>
    api.request('POST', '/api/exam-results', { token, body: { results } });

  it('should issue the certificate after the regulator approves, with its PDF', async () => {
    // given
    const { e, p } = await employedPerson('赵丽');
    // when
    const res = await post(training, [row(p)]);
    expect(res.status).toBe(200);
    const [r] = res.body.results;
    expect(r).toMatchObject({ row: 1, ok: true, examResultId: expect.any(String) });
    const approve = await api.decide(regulator, r.applicationId, 'approve');
    expect(approve.status).toBe(200);
    await api.finished(r.applicationId);
    // then
    const certs = await api.request('GET', '/api/persons/me/certificates', { token: p.token });
    expect(certs.body).toEqual([
      expect.objectContaining({
        type: 'C',
        jobType: '04',
        state: 'valid',
        unit: expect.objectContaining({ enterpriseId: e.enterpriseId }),
      }),
    ]);
    const pdf = await api.request('GET', `/api/certificates/${certs.body[0].id}/pdf`, {
      token: e.token,
    });
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 4).toString()).toBe('%PDF');
    const detail = await api.request('GET', `/api/applications/${r.applicationId}`, {
      token: p.token,
    });
    expect(detail.body.state).toBe('completed');
    expect(detail.body.checkResults.every((c: { passed: boolean }) => c.passed)).toBe(true);
    expect(detail.body.timeline[0]).toMatchObject({ step: 'submitted', stepName: '提交申请' });
    expect(detail.body.timeline[1]).toMatchObject({
      step: 'regulator-review',
      stepName: '主管部门审核考试成绩',
      decision: 'approved',
      actor: expect.stringContaining('主管部门'),
    });
  });

  it('should end the application rejected when the regulator rejects', async () => {
    const { p } = await employedPerson('钱二');
    const [r] = (await post(training, [row(p, { certificateType: 'B', jobTypeCode: null })])).body
      .results;
    await api.decide(regulator, r.applicationId, 'reject', '考试成绩存疑');
    await api.finished(r.applicationId);
    const detail = await api.request('GET', `/api/applications/${r.applicationId}`, {
      token: regulator,
    });
    expect(detail.body).toMatchObject({ state: 'rejected' });
    const certs = await api.request('GET', '/api/persons/me/certificates', { token: p.token });
    expect(certs.body).toEqual([]);
  });

  it('should wait on failed checks and issue once the person uploads the photo', async () => {
    // given a person without photo
    const { p } = await employedPerson('孙三', false);
    const [r] = (await post(training, [row(p)])).body.results;
    await api.decide(regulator, r.applicationId, 'approve');
    const waiting = async () =>
      (await api.request('GET', `/api/applications/${r.applicationId}`, { token: p.token })).body;
    // the instance now waits at the event gateway, with the failed check shown
    await eventually(
      async () =>
        (await api.h.d.elements(r.processInstanceKey, 'ACTIVE')).includes('wait-for-change'),
      8000,
    );
    const shown = await waiting();
    expect(shown.state).toBe('approved');
    expect(shown.checkResults).toContainEqual(
      expect.objectContaining({ code: 'photo', passed: false }),
    );
    // when the photo arrives, the API publishes application-data-changed
    const photo = await api.request('PUT', '/api/persons/me/photo', {
      token: p.token,
      raw: samplePhotoPng(),
      contentType: 'image/png',
    });
    expect(photo.status).toBe(200);
    // then
    await api.finished(r.applicationId);
    expect((await waiting()).state).toBe('completed');
  });
});
