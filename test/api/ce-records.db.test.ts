import { createStaffUser } from '../../api/use-cases/staff';
import { Inserted, makeCertificate } from '../migrations/fixtures';
import {
  ApiHarness,
  PASSWORD,
  count,
  expectProblem,
  login,
  registeredEnterprise,
  registeredPerson,
  startApi,
} from './api-harness';

/*
 * POST /api/ce-records (继续教育合格记录, SPEC §7.5, §7.6): JSON and CSV batches, one outcome per
 * row, re-imports harmless, former numbers resolved; and who may import and read them.
 */
describe('api/ce-records - continuing-education records', () => {
  let api: ApiHarness;
  let regulator: string;
  let training: string;
  let association: string;
  // 10:00 in Xining on 15 June 2026: the business date of every import below.
  let now = new Date('2026-06-15T02:00:00Z');
  let holder: Awaited<ReturnType<typeof registeredPerson>>;
  let unit: Awaited<ReturnType<typeof registeredEnterprise>>;

  beforeAll(async () => {
    api = await startApi({ now: async () => now });
    for (const role of ['regulator', 'training', 'association'] as const)
      await createStaffUser(api.t.db, { role, username: `${role}1`, password: PASSWORD });
    [regulator, training, association] = await Promise.all(
      ['regulator1', 'training1', 'association1'].map((u) => login(api, u, PASSWORD)),
    );
    holder = await registeredPerson(api, '张三');
    unit = await registeredEnterprise(api, '西宁燃气有限公司');
  });
  afterEach(() => {
    now = new Date('2026-06-15T02:00:00Z');
  });
  afterAll(() => api.stop());

  /** A B certificate of `holder` at `unit`, valid 2024-03-01 – 2029-02-28. */
  async function certificate(over: Record<string, unknown> = {}): Promise<Inserted> {
    return makeCertificate(api.t.db, {
      person_id: holder.personId,
      unit_enterprise_id: unit.enterpriseId,
      ...over,
    });
  }

  /** A B certificate of a new holder (one B per person). */
  async function certificateOfNewHolder(name = '李四') {
    const person = await registeredPerson(api, name);
    const c = await makeCertificate(api.t.db, {
      person_id: person.personId,
      unit_enterprise_id: unit.enterpriseId,
      holder_name: name,
    });
    return { person, c, number: String(c.number) };
  }

  const post = (token: string | undefined, body: unknown) =>
    api.request('POST', '/api/ce-records', { token, body });
  const outcomes = (res: { body: { results: Array<{ outcome: string }> } }) =>
    res.body.results.map((r) => r.outcome);
  const codes = (res: { body: { results: Array<{ errors?: Array<{ code: string }> }> } }) =>
    res.body.results.map((r) => r.errors?.map((e) => e.code) ?? []);

  it('should report each row: created, duplicate or failed with its reason, one bad row stopping nothing', async () => {
    // given a certificate renumbered G P → G (its former number stays resolvable)
    const { person, c, number } = await certificateOfNewHolder('周一');
    const current = number.replace('青GPB', '青GB');
    await api.t.db('certificates').where({ id: c.id }).update({ number: current });
    const other = await certificateOfNewHolder('吴二');
    const foreign = await makeCertificate(api.t.db, {
      person_id: (await registeredPerson(api, '郑三')).personId,
      unit_enterprise_id: unit.enterpriseId,
      number: 'JG-2024-0001',
      issued_in_province: false,
    });
    const foreignHolder = await api.t
      .db('persons')
      .where({ id: foreign.person_id })
      .first('id_number');
    const before = await count(api, 'ce_records');
    const id = person.idNumber;
    // when
    const res = await post(training, {
      batchId: 'ce-2026-06',
      records: [
        { idNumber: id, certificateNumber: current, sequence: 1, passDate: '2026-05-20' },
        { idNumber: id, certificateNumber: number, sequence: 2, passDate: '2026-06-15' },
        { idNumber: id, certificateNumber: current, sequence: 1, passDate: '2026-05-20' },
        { idNumber: id, certificateNumber: '青GPB2024999998', sequence: 1, passDate: '2026-05-20' },
        { idNumber: id, certificateNumber: other.number, sequence: 1, passDate: '2026-05-20' },
        {
          idNumber: foreignHolder.id_number,
          certificateNumber: 'JG-2024-0001',
          sequence: 1,
          passDate: '2026-05-20',
        },
        { idNumber: id, certificateNumber: current, sequence: 3, passDate: '2026-05-20' },
        { idNumber: id, certificateNumber: current, sequence: 2, passDate: '2026-06-16' },
        { idNumber: id, certificateNumber: current, sequence: 1, passDate: '2024-02-29' },
        { idNumber: '630102199005171230', certificateNumber: ' ', passDate: '2026-02-30' },
      ],
    });
    // then
    expect(res.status).toBe(200);
    expect(res.body.batchId).toBe('ce-2026-06');
    expect(outcomes(res)).toEqual(['created', 'created', 'duplicate', ...Array(7).fill('failed')]);
    expect(res.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([
      true,
      true,
      true,
      ...Array(7).fill(false),
    ]);
    expect(codes(res).slice(3)).toEqual([
      ['certificate-unknown'],
      ['holder-mismatch'],
      ['certificate-not-in-province'],
      ['enum'],
      ['pass-date-in-future'],
      ['pass-date-before-validity'],
      expect.any(Array),
    ]);
    // a row failing its schema reports every field at once
    const schemaErrors = res.body.results[9].errors as Array<{ field: string; code: string }>;
    expect(Object.fromEntries(schemaErrors.map((e) => [e.field, e.code]))).toEqual({
      idNumber: 'id-number-check-char',
      certificateNumber: 'pattern',
      sequence: 'required',
      passDate: 'format',
    });
    expect(res.body.results[4].errors[0].message).toBe('身份证号码与该证书的持证人不一致');
    expect(res.body.results[8].errors[0].message).toContain('2024-03-01');
    // both rows name the one certificate, whichever of its numbers they cite
    const [first, second, again] = res.body.results;
    expect([first.certificateId, second.certificateId]).toEqual([c.id, c.id]);
    expect(again.ceRecordId).toBe(first.ceRecordId);
    expect(await count(api, 'ce_records')).toBe(before + 2);
    const stored = await api.t.db('ce_records').where({ certificate_id: c.id }).orderBy('id');
    expect(stored.map((r) => [r.certificate_number, r.sequence, r.pass_date, r.batch_id])).toEqual([
      [current, 1, '2026-05-20', 'ce-2026-06'],
      [number, 2, '2026-06-15', 'ce-2026-06'],
    ]);
    // and the import is in the audit log
    const audit = await api.t
      .db('audit_log')
      .where({ action: 'ce-record.import', subject_id: 'ce-2026-06' })
      .first();
    expect(audit).toMatchObject({
      actor: 'training1',
      subject_type: 'ce-record-batch',
      details: { rows: 10, created: 2, duplicate: 1, failed: 7 },
    });
  });

  it('should change nothing when the same batch is imported again', async () => {
    // given
    const { person, number } = await certificateOfNewHolder('王五');
    const batch = {
      records: [
        {
          idNumber: person.idNumber,
          certificateNumber: number,
          sequence: 1,
          passDate: '2025-09-01',
        },
        {
          idNumber: person.idNumber,
          certificateNumber: number,
          sequence: 2,
          passDate: '2026-06-01',
        },
      ],
    };
    const first = await post(regulator, batch);
    const before = await count(api, 'ce_records');
    // when
    const second = await post(regulator, batch);
    // then
    expect(outcomes(first)).toEqual(['created', 'created']);
    expect(outcomes(second)).toEqual(['duplicate', 'duplicate']);
    expect(second.body.results.map((r: { ceRecordId: string }) => r.ceRecordId)).toEqual(
      first.body.results.map((r: { ceRecordId: string }) => r.ceRecordId),
    );
    expect(await count(api, 'ce_records')).toBe(before);
  });

  it('should take the business date in China time: after 16:00 UTC it is already tomorrow', async () => {
    // given 01:00 on 16 June in Xining
    now = new Date('2026-06-15T17:00:00Z');
    const { person, number } = await certificateOfNewHolder('孙八');
    const row = (passDate: string) => ({
      idNumber: person.idNumber,
      certificateNumber: number,
      sequence: 1,
      passDate,
    });
    // when
    const res = await post(training, { records: [row('2026-06-16'), row('2026-06-17')] });
    // then
    expect(outcomes(res)).toEqual(['created', 'failed']);
    expect(codes(res)[1]).toEqual(['pass-date-in-future']);
  });

  it.each([
    ['Chinese', '身份证号码,证书编号,继续教育次数,合格日期'],
    ['English', 'idNumber,certificateNumber,sequence,passDate'],
    ['mixed, reordered', '合格日期,sequence,证书编号,idNumber'],
  ])(
    'should import a CSV batch with %s headers, reporting file line numbers',
    async (_, header) => {
      // given
      const { person, number } = await certificateOfNewHolder('钱七');
      const cells = (seq: string, date: string) => {
        const byField: Record<string, string> = {
          idNumber: person.idNumber,
          身份证号码: person.idNumber,
          certificateNumber: number,
          证书编号: `"${number}"`,
          sequence: seq,
          继续教育次数: seq,
          passDate: date,
          合格日期: date,
        };
        return header
          .split(',')
          .map((h) => byField[h])
          .join(',');
      };
      const csv = [
        header,
        cells('第一次', '2025-09-01'),
        '',
        cells('2', '2026-06-01'),
        cells('三', '2026-06-01'),
      ];
      // when
      const res = await api.request('POST', '/api/ce-records', {
        token: training,
        raw: '\uFEFF' + csv.join('\r\n') + '\r\n',
        contentType: 'text/csv; charset=utf-8',
      });
      // then
      expect(res.status).toBe(200);
      expect(res.body.results).toEqual([
        expect.objectContaining({ row: 2, outcome: 'created' }),
        expect.objectContaining({ row: 4, outcome: 'created' }),
        expect.objectContaining({
          row: 5,
          outcome: 'failed',
          errors: [expect.objectContaining({ field: 'sequence', code: 'type' })],
        }),
      ]);
      const sequences = await api.t
        .db('ce_records')
        .whereIn(
          'id',
          res.body.results.slice(0, 2).map((r: { ceRecordId: string }) => r.ceRecordId),
        )
        .orderBy('id')
        .pluck('sequence');
      expect(sequences).toEqual([1, 2]);
    },
  );

  it.each([
    {
      case: 'a CSV without the required columns',
      raw: '身份证号码,证书编号\n630102199005171230,青GPB2024000001',
      type: 'text/csv',
      status: 400,
      code: 'csv-invalid',
    },
    {
      case: 'a CSV with an unknown column',
      raw: 'idNumber,certificateNumber,sequence,passDate,姓名\n1,2,1,2026-01-01,张三',
      type: 'text/csv',
      status: 400,
      code: 'csv-invalid',
    },
    {
      case: 'a CSV with a header only',
      raw: 'idNumber,certificateNumber,sequence,passDate\n',
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
      raw: '{"records": [',
      type: 'application/json',
      status: 400,
      code: 'malformed-json',
    },
    {
      case: 'an empty batch',
      raw: '{"records": []}',
      type: 'application/json',
      status: 400,
      code: 'validation-failed',
    },
    {
      case: 'the exam import’s shape',
      raw: '{"results": [{}]}',
      type: 'application/json',
      status: 400,
      code: 'validation-failed',
    },
    {
      case: 'more than 2000 rows',
      raw: JSON.stringify({ records: Array(2001).fill({}) }),
      type: 'application/json',
      status: 400,
      code: 'validation-failed',
    },
  ])('should refuse $case and write nothing', async ({ raw, type, status, code }) => {
    const before = await count(api, 'ce_records');
    const res = await api.request('POST', '/api/ce-records', {
      token: training,
      raw,
      contentType: type,
    });
    expectProblem(res, status, code);
    expect(await count(api, 'ce_records')).toBe(before);
  });

  it('should let only the regulator and training bodies import', async () => {
    // given
    const { person, number } = await certificateOfNewHolder('冯九');
    const batch = {
      records: [
        {
          idNumber: person.idNumber,
          certificateNumber: number,
          sequence: 1,
          passDate: '2025-01-01',
        },
      ],
    };
    const before = await count(api, 'ce_records');
    // when / then
    for (const token of [person.token, unit.token, association])
      expectProblem(await post(token, batch), 403, 'forbidden');
    expectProblem(await post(undefined, batch), 401, 'unauthenticated');
    expect(await count(api, 'ce_records')).toBe(before);
  });

  it('should find a certificate’s records for staff by any of its numbers or the holder’s ID number', async () => {
    // given records imported under the first number, then the certificate renumbered
    const { person, c, number } = await certificateOfNewHolder('陈十');
    await post(training, {
      records: [
        {
          idNumber: person.idNumber,
          certificateNumber: number,
          sequence: 1,
          passDate: '2025-01-01',
        },
      ],
    });
    const current = number.replace('青GPB', '青PB');
    await api.t.db('certificates').where({ id: c.id }).update({ number: current });
    await post(training, {
      records: [
        {
          idNumber: person.idNumber,
          certificateNumber: current,
          sequence: 2,
          passDate: '2026-06-01',
        },
      ],
    });
    // when
    const replies = await Promise.all([
      api.request('GET', `/api/ce-records?certificateNumber=${encodeURIComponent(number)}`, {
        token: regulator,
      }),
      api.request('GET', `/api/ce-records?certificateNumber=${encodeURIComponent(current)}`, {
        token: training,
      }),
      api.request('GET', `/api/ce-records?idNumber=${person.idNumber}`, { token: regulator }),
    ]);
    // then
    for (const res of replies) {
      expect(res.status).toBe(200);
      expect(res.body).toEqual([
        expect.objectContaining({
          certificateId: c.id,
          certificateNumber: number,
          currentNumber: current,
          holderName: '陈十',
          idNumber: person.idNumber,
          sequence: 1,
          sequenceName: '第一次',
          passDate: '2025-01-01',
          usedByRenewal: false,
        }),
        expect.objectContaining({
          certificateNumber: current,
          sequence: 2,
          sequenceName: '第二次',
        }),
      ]);
    }
    const unknown = await api.request('GET', '/api/ce-records?certificateNumber=青GPB2024999997', {
      token: regulator,
    });
    expect(unknown.body).toEqual([]);
    expectProblem(
      await api.request('GET', '/api/ce-records', { token: regulator }),
      400,
      'validation-failed',
    );
    expectProblem(
      await api.request('GET', '/api/ce-records?idNumber=123', { token: regulator }),
      400,
      'validation-failed',
    );
    expectProblem(
      await api.request('GET', `/api/ce-records?idNumber=${person.idNumber}`, {
        token: person.token,
      }),
      403,
      'forbidden',
    );
    expectProblem(
      await api.request('GET', `/api/ce-records?idNumber=${person.idNumber}`),
      401,
      'unauthenticated',
    );
  });

  it('should show a certificate’s records to its holder, its unit and the regulator only', async () => {
    // given
    const c = await certificate();
    await post(regulator, {
      records: [
        {
          idNumber: holder.idNumber,
          certificateNumber: c.number,
          sequence: 1,
          passDate: '2025-03-01',
        },
      ],
    });
    const path = `/api/certificates/${c.id}/ce-records`;
    // when / then
    for (const token of [holder.token, unit.token, regulator]) {
      const res = await api.request('GET', path, { token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual([
        expect.objectContaining({ certificateId: c.id, sequence: 1, passDate: '2025-03-01' }),
      ]);
    }
    const stranger = await registeredPerson(api, '路人');
    const otherUnit = await registeredEnterprise(api, '海东燃气有限公司');
    for (const token of [stranger.token, otherUnit.token])
      expectProblem(await api.request('GET', path, { token }), 404, 'not-found');
    expectProblem(await api.request('GET', path, { token: association }), 403, 'forbidden');
    expectProblem(await api.request('GET', path), 401, 'unauthenticated');
    expectProblem(
      await api.request('GET', '/api/certificates/999999/ce-records', { token: regulator }),
      404,
      'not-found',
    );
  });
});
