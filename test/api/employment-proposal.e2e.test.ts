import { count, expectProblem, registeredEnterprise, registeredPerson } from './api-harness';
import {
  ProcessApi,
  contractFile,
  employed,
  personWithPhoto,
  startProcessApi,
} from './process-api-harness';
import { image, minimalPdf } from './use-cases/sample-files';

/* POST /api/enterprises/me/employments → employment-proposal → the person's consent task. */
describe('api/employment-proposal - through the engine', () => {
  let api: ProcessApi;

  beforeAll(async () => {
    api = await startProcessApi();
  });
  afterEach(() => expect(api.h.errors).toEqual([]));
  afterAll(() => api.stopAll());

  const propose = (token: string, over: Record<string, unknown>) =>
    api.request('POST', '/api/enterprises/me/employments', {
      token,
      body: {
        contractStart: '2026-01-01',
        contractEnd: '2028-12-31',
        commitmentAccepted: true,
        contractFile,
        ...over,
      },
    });

  it('should activate the employment when the person consents through their task', async () => {
    // given
    const e = await registeredEnterprise(api);
    const p = await personWithPhoto(api, '赵丽', 'F');
    // when
    const res = await propose(e.token, { idNumber: p.idNumber, name: '赵丽' });
    expect(res.status).toBe(201);
    const pending = await api.request('GET', '/api/persons/me/employments', { token: p.token });
    expect(pending.body.pending).toEqual([expect.objectContaining({ id: res.body.employmentId })]);
    const consent = await api.decide(p.token, res.body.applicationId, 'approve');
    // then
    expect(consent.status).toBe(200);
    await api.finished(res.body.applicationId);
    const mine = await api.request('GET', '/api/persons/me/employments', { token: p.token });
    expect(mine.body.current).toMatchObject({ id: res.body.employmentId, state: 'active' });
    const staff = await api.request('GET', '/api/enterprises/me/staff', { token: e.token });
    expect(staff.body).toEqual([expect.objectContaining({ name: '赵丽' })]);
    const contract = await api.request(
      'GET',
      `/api/employments/${res.body.employmentId}/contract`,
      {
        token: p.token,
      },
    );
    expect(contract.status).toBe(200);
    const detail = await api.request('GET', `/api/applications/${res.body.applicationId}`, {
      token: e.token,
    });
    expect(detail.body.timeline.map((s: { step: string }) => s.step)).toEqual([
      'submitted',
      'notify-person-proposed',
      'consent',
      'employment-activated',
      'notify-enterprise-activated',
    ]);
    expect(detail.body.timeline[0]).toMatchObject({
      stepName: '提交申请',
      actor: '西宁燃气有限公司',
    });
    expect(detail.body.timeline[2]).toMatchObject({ actor: '赵丽', decision: 'approved' });
  });

  it('should decline the proposal when the person refuses with a reason', async () => {
    const e = await registeredEnterprise(api);
    const p = await registeredPerson(api, '钱七');
    const res = await propose(e.token, { idNumber: p.idNumber, name: '钱七' });
    const refuse = await api.decide(p.token, res.body.applicationId, 'reject', '已另有工作安排');
    expect(refuse.status).toBe(200);
    await api.finished(res.body.applicationId);
    const mine = await api.request('GET', '/api/persons/me/employments', { token: p.token });
    expect(mine.body).toMatchObject({ current: null, history: [{ state: 'declined' }] });
    const detail = await api.request('GET', `/api/applications/${res.body.applicationId}`, {
      token: p.token,
    });
    expect(detail.body).toMatchObject({ state: 'rejected' });
  });

  it('should answer 422 listing every failed condition and write nothing', async () => {
    // given a person already employed elsewhere
    const first = await registeredEnterprise(api);
    const p = await personWithPhoto(api, '孙八');
    await employed(api, first, p);
    const second = await registeredEnterprise(api, '海东燃气有限公司');
    const before = [await count(api, 'employments'), await count(api, 'applications')];
    // when
    const res = await propose(second.token, {
      idNumber: p.idNumber,
      name: '孙九',
      commitmentAccepted: false,
    });
    // then
    expectProblem(res, 422, 'conditions-not-met');
    expect(res.body.errors.map((x: { code: string }) => x.code)).toEqual([
      'person-name-mismatch',
      'commitment-not-accepted',
    ]);
    // with the right name, the employment elsewhere is a reason too
    const named = await propose(second.token, { idNumber: p.idNumber, name: '孙八' });
    expect(named.body.errors.map((x: { code: string }) => x.code)).toEqual([
      'person-already-employed',
    ]);
    expect([await count(api, 'employments'), await count(api, 'applications')]).toEqual(before);
  });

  it('should not reveal the verified name or employment of an ID number to a wrong name', async () => {
    // given a person employed elsewhere
    const first = await registeredEnterprise(api);
    const p = await personWithPhoto(api, '钱七');
    await employed(api, first, p);
    const second = await registeredEnterprise(api, '玉树燃气有限公司');
    // when an enterprise that knows only the ID number proposes
    const res = await propose(second.token, { idNumber: p.idNumber, name: '猜名字' });
    // then
    expectProblem(res, 422, 'conditions-not-met');
    expect(res.body.errors).toEqual([
      { field: '', code: 'person-name-mismatch', message: '姓名与实名认证的姓名不一致' },
    ]);
    expect(JSON.stringify(res.body)).not.toContain('钱七');
  });

  it('should answer 422 for a person who has not verified', async () => {
    const e = await registeredEnterprise(api);
    const res = await propose(e.token, { idNumber: '11010519491231002X', name: '某人' });
    expectProblem(res, 422, 'conditions-not-met');
    expect(res.body.errors.map((x: { code: string }) => x.code)).toEqual(['person-not-verified']);
  });

  it('should end the other proposal as lapsed, telling its enterprise, when the person accepts one', async () => {
    // given two proposals to the same person
    const a = await registeredEnterprise(api);
    const b = await registeredEnterprise(api, '格尔木燃气有限公司');
    const p = await registeredPerson(api, '周一');
    const ra = await propose(a.token, { idNumber: p.idNumber, name: '周一' });
    const rb = await propose(b.token, { idNumber: p.idNumber, name: '周一' });
    await api.taskOf(p.token, rb.body.applicationId);
    // when
    await api.decide(p.token, ra.body.applicationId, 'approve');
    // then
    await api.finished(ra.body.applicationId);
    await api.finished(rb.body.applicationId);
    await api.waitState(rb.body.applicationId, 'lapsed');
    const messages = await api.request('GET', '/api/messages', { token: b.token });
    expect(JSON.stringify(messages.body)).toContain('已受聘于其他单位');
    const tasks = await api.request('GET', '/api/tasks', { token: p.token });
    expect(tasks.body).toMatchObject({ items: [], total: 0 });
  });

  it.each([
    {
      case: 'an invalid ID number',
      over: { idNumber: '630102199005171230', name: '某人' },
      field: 'idNumber',
    },
    {
      case: 'a wrong type',
      over: { idNumber: '11010519491231002X', name: '某人', commitmentAccepted: 'yes' },
      field: 'commitmentAccepted',
    },
    {
      case: 'a non-base64 file',
      over: {
        idNumber: '11010519491231002X',
        name: '某人',
        contractFile: { ...contractFile, contentBase64: '不是文件' },
      },
      field: 'contractFile.contentBase64',
    },
    {
      case: 'an unsupported file type',
      over: {
        idNumber: '11010519491231002X',
        name: '某人',
        contractFile: { ...contractFile, mime: 'text/html' },
      },
      field: 'contractFile.mime',
    },
  ])('should refuse $case with 400 and write nothing', async ({ over, field }) => {
    const e = await registeredEnterprise(api);
    const before = await count(api, 'employments');
    const res = await propose(e.token, over);
    expectProblem(res, 400, 'validation-failed');
    expect(res.body.errors.map((x: { field: string }) => x.field)).toContain(field);
    expect(await count(api, 'employments')).toBe(before);
  });

  it.each([
    {
      case: 'text named .pdf',
      file: {
        name: '劳动合同.pdf',
        mime: 'application/pdf',
        bytes: Buffer.from('labour contract'),
      },
      code: 'contract-unreadable',
    },
    {
      case: 'a PDF header with nothing behind it',
      file: { name: '劳动合同.pdf', mime: 'application/pdf', bytes: Buffer.from('%PDF-1.4 合同') },
      code: 'contract-unreadable',
    },
    {
      case: 'the 3 bytes of a JPEG start',
      file: { name: '合同.jpg', mime: 'image/jpeg', bytes: Buffer.from([0xff, 0xd8, 0xff]) },
      code: 'contract-unreadable',
    },
    {
      case: 'a PDF declared as PNG',
      file: { name: '合同.png', mime: 'image/png', bytes: minimalPdf() },
      code: 'contract-wrong-format',
    },
  ])('should refuse a contract file that is $case and write nothing', async ({ file, code }) => {
    // given
    const e = await registeredEnterprise(api);
    const before = await count(api, 'employments');
    // when
    const res = await propose(e.token, {
      idNumber: '11010519491231002X',
      name: '某人',
      contractFile: {
        name: file.name,
        mime: file.mime,
        contentBase64: file.bytes.toString('base64'),
      },
    });
    // then
    expectProblem(res, 422, code);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'contractFile.contentBase64', code }),
    ]);
    expect(await count(api, 'employments')).toBe(before);
  });

  it('should take a JPEG scan of the contract and keep its bytes', async () => {
    // given
    const e = await registeredEnterprise(api);
    const p = await personWithPhoto(api, '钱七', 'M');
    const scan = await image(1240, 1754, 'jpeg');
    // when
    const res = await propose(e.token, {
      idNumber: p.idNumber,
      name: '钱七',
      contractFile: {
        name: '合同.jpg',
        mime: 'image/jpeg',
        contentBase64: scan.toString('base64'),
      },
    });
    // then
    expect(res.status).toBe(201);
    const row = await api.t
      .db('employments')
      .where({ id: res.body.employmentId })
      .first('contract_file', 'contract_file_mime');
    expect(row.contract_file_mime).toBe('image/jpeg');
    expect(Buffer.compare(row.contract_file, scan)).toBe(0);
  });

  it('should refuse an oversized contract file with 413', async () => {
    const e = await registeredEnterprise(api);
    const res = await propose(e.token, {
      idNumber: '11010519491231002X',
      name: '某人',
      contractFile: { ...contractFile, contentBase64: 'A'.repeat(8 * 1024 * 1024) },
    });
    expectProblem(res, 413, 'payload-too-large');
  });

  it('should keep the consent task from the enterprise and other persons', async () => {
    const e = await registeredEnterprise(api);
    const p = await registeredPerson(api, '吴二');
    const other = await registeredPerson(api, '郑三');
    const res = await propose(e.token, { idNumber: p.idNumber, name: '吴二' });
    const key = await api.taskOf(p.token, res.body.applicationId);
    for (const token of [e.token, other.token]) {
      const done = await api.request('POST', `/api/tasks/${key}/complete`, {
        token,
        body: { decision: 'approve' },
      });
      expectProblem(done, 404, 'not-found');
    }
    expectProblem(
      await api.request('GET', `/api/applications/${res.body.applicationId}`, {
        token: other.token,
      }),
      404,
      'not-found',
    );
    expectProblem(
      await propose(p.token, { idNumber: other.idNumber, name: '郑三' }),
      403,
      'forbidden',
    );
  });
});
