import { addDays, todayInChina } from '../../domain/calendar-date';
import { count, expectProblem } from './api-harness';
import {
  ProcessApi,
  employed,
  enterpriseWithCategories,
  personWithPhoto,
  startProcessApi,
} from './process-api-harness';

/* POST /api/exam-results: JSON and CSV batches, one answer per row, who may import. */
describe('api/exam-results - batches', () => {
  let api: ProcessApi;
  let association: string;
  let regulator: string;
  let training: string;
  const examDate = addDays(todayInChina(new Date()), -3);

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

  async function employedPerson(name: string) {
    const e = await enterpriseWithCategories(api, association);
    const p = await personWithPhoto(api, name);
    await employed(api, e, p);
    return { e, p };
  }

  it('should report each row and let one bad row not stop the others', async () => {
    // given
    const { p } = await employedPerson('周一');
    const unemployed = await personWithPhoto(api, '吴二');
    const before = await count(api, 'exam_results');
    // when
    const res = await api.request('POST', '/api/exam-results', {
      token: regulator,
      body: {
        batchId: 'b-2026-01',
        results: [
          { idNumber: p.idNumber, name: p.name, certificateType: 'C', examDate, passed: true },
          { idNumber: p.idNumber, name: '别人', certificateType: 'B', examDate, passed: true },
          { idNumber: '630102199005171230', name: '某人', certificateType: 'D', passed: 'yes' },
          {
            idNumber: unemployed.idNumber,
            name: unemployed.name,
            certificateType: 'B',
            examDate,
            passed: true,
          },
          { idNumber: p.idNumber, name: p.name, certificateType: 'B', examDate, passed: false },
          {
            idNumber: p.idNumber,
            name: p.name,
            certificateType: 'B',
            examDate,
            passed: true,
          },
        ],
      },
    });
    // then
    expect(res.status).toBe(200);
    expect(res.body.batchId).toBe('b-2026-01');
    const rows = res.body.results;
    expect(rows.map((r: { ok: boolean }) => r.ok)).toEqual([
      false,
      false,
      false,
      false,
      true,
      false,
    ]);
    expect(rows[0].errors.map((e: { code: string }) => e.code)).toEqual(['required']);
    expect(rows[1].errors.map((e: { code: string }) => e.code)).toEqual(['person-name-mismatch']);
    // the verified name of the ID number is not revealed to the importer
    expect(rows[1].errors[0].message).toBe('姓名与该身份证号码的实名认证信息不一致');
    expect(JSON.stringify(res.body.results.slice(1))).not.toContain(p.name);
    expect(rows[2].errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'certificateType',
      'examDate',
      'idNumber',
      'passed',
    ]);
    expect(rows[3].errors.map((e: { code: string }) => e.code)).toEqual(['person-not-employed']);
    expect(rows[4]).toMatchObject({ ok: true, applicationId: null });
    // the failed result of row 5 and the passed one of row 6 are the same exam
    expect(rows[5].errors.map((e: { code: string }) => e.code)).toEqual(['exam-result-duplicate']);
    expect(await count(api, 'exam_results')).toBe(before + 1);
  });

  it('should refuse a CSV batch over 2000 rows with the JSON batch’s answer', async () => {
    // given 30,000 rows, within the 2 MB body limit
    const line = `630102199005171230,某人,B,,,${examDate},true`;
    const header = 'idNumber,name,certificateType,jobTypeCode,enterpriseCreditCode,examDate,passed';
    const csv = [header, ...Array(30_000).fill(line)].join('\n');
    const before = await count(api, 'exam_results');
    // when
    const fromCsv = await api.request('POST', '/api/exam-results', {
      token: training,
      raw: csv,
      contentType: 'text/csv',
    });
    const fromJson = await api.request('POST', '/api/exam-results', {
      token: training,
      body: { results: Array(2001).fill({ idNumber: '630102199005171230' }) },
    });
    // then
    expectProblem(fromCsv, 400, 'validation-failed');
    expect(fromCsv.body.errors).toEqual([
      { field: 'results', code: 'too-many', message: '考核结果最多2000项' },
    ]);
    expect({ ...fromCsv.body, instance: '' }).toEqual({ ...fromJson.body, instance: '' });
    expect(await count(api, 'exam_results')).toBe(before);
  });

  it('should import a CSV batch with a header row, reporting file line numbers', async () => {
    const { p } = await employedPerson('郑三');
    const csv = [
      'idNumber,name,certificateType,jobTypeCode,enterpriseCreditCode,examDate,passed',
      `${p.idNumber},${p.name},C,05,,${examDate},true`,
      `${p.idNumber},"${p.name}",C,99,,${examDate},true`,
    ].join('\r\n');
    const res = await api.request('POST', '/api/exam-results', {
      token: training,
      raw: '\uFEFF' + csv + '\r\n',
      contentType: 'text/csv; charset=utf-8',
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      expect.objectContaining({ row: 2, ok: true, applicationId: expect.any(String) }),
      expect.objectContaining({
        row: 3,
        ok: false,
        errors: [expect.objectContaining({ field: 'jobTypeCode', code: 'enum' })],
      }),
    ]);
    const list = await api.request('GET', '/api/applications?type=new-issue', { token: regulator });
    expect(list.body.map((a: { id: string }) => a.id)).toContain(res.body.results[0].applicationId);
  });

  it.each([
    {
      case: 'a CSV without the required columns',
      raw: 'foo,bar\n1,2',
      type: 'text/csv',
      status: 400,
      code: 'csv-invalid',
    },
    {
      case: 'plain text',
      raw: 'hello',
      type: 'text/plain',
      status: 415,
      code: 'unsupported-media-type',
    },
    {
      case: 'malformed JSON',
      raw: '{"results": [',
      type: 'application/json',
      status: 400,
      code: 'malformed-json',
    },
    {
      case: 'an empty batch',
      raw: '{"results": []}',
      type: 'application/json',
      status: 400,
      code: 'validation-failed',
    },
  ])('should refuse $case and write nothing', async ({ raw, type, status, code }) => {
    const before = await count(api, 'exam_results');
    const res = await api.request('POST', '/api/exam-results', {
      token: training,
      raw,
      contentType: type,
    });
    expectProblem(res, status, code);
    expect(await count(api, 'exam_results')).toBe(before);
  });

  it('should let only the regulator and training bodies import, and only the regulator review', async () => {
    const { e, p } = await employedPerson('王五');
    for (const token of [p.token, e.token, association]) {
      expectProblem(
        await api.request('POST', '/api/exam-results', { token, body: { results: [] } }),
        403,
        'forbidden',
      );
    }
    const [r] = (
      await api.request('POST', '/api/exam-results', {
        token: training,
        body: {
          results: [
            { idNumber: p.idNumber, name: p.name, certificateType: 'B', examDate, passed: true },
          ],
        },
      })
    ).body.results;
    const key = await api.taskOf(regulator, r.applicationId);
    for (const token of [p.token, e.token, association, training]) {
      const done = await api.request('POST', `/api/tasks/${key}/complete`, {
        token,
        body: { decision: 'approve' },
      });
      expectProblem(done, 404, 'not-found');
    }
    expectProblem(
      await api.request('GET', `/api/applications/${r.applicationId}`, { token: association }),
      404,
      'not-found',
    );
  });
});
