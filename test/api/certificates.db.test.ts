import { createStaffUser } from '../../api/use-cases/staff';
import { Inserted, makeCertificate } from '../migrations/fixtures';
import {
  ApiHarness,
  PASSWORD,
  expectProblem,
  login,
  registeredEnterprise,
  registeredPerson,
  startApi,
} from './api-harness';

describe('api/certificates - reading and public verification', () => {
  let api: ApiHarness;
  let holder: Awaited<ReturnType<typeof registeredPerson>>;
  let unit: Awaited<ReturnType<typeof registeredEnterprise>>;
  let certificate: Inserted;
  beforeAll(async () => {
    api = await startApi();
    holder = await registeredPerson(api, '张三');
    unit = await registeredEnterprise(api, '西宁燃气有限公司');
    certificate = await makeCertificate(api.t.db, {
      person_id: holder.personId,
      unit_enterprise_id: unit.enterpriseId,
      holder_name: '张三',
    });
    await createStaffUser(api.t.db, {
      role: 'regulator',
      username: 'regulator',
      password: PASSWORD,
    });
    await createStaffUser(api.t.db, {
      role: 'association',
      username: 'association',
      password: PASSWORD,
    });
  });
  afterAll(() => api.stop());

  it('should show the certificate to its holder, its unit and the regulator', async () => {
    const regulator = await login(api, 'regulator', PASSWORD);
    for (const token of [holder.token, unit.token, regulator]) {
      const res = await api.request('GET', `/api/certificates/${certificate.id}`, { token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: certificate.id,
        number: certificate.number,
        type: 'B',
        typeName: '安全生产管理人员',
        holder: { name: '张三', idNumber: holder.idNumber },
        unit: { enterpriseId: unit.enterpriseId },
        validityStart: '2024-03-01',
        validityEnd: '2029-02-28',
        state: 'valid',
        stateName: '正常',
        abnormalReasons: [],
        verifyPath: `/api/verify/${certificate.verify_token}`,
      });
    }
  });

  it('should answer 404 to another person or enterprise, and 403 to the association', async () => {
    const stranger = await registeredPerson(api);
    const otherUnit = await registeredEnterprise(api);
    for (const token of [stranger.token, otherUnit.token]) {
      const res = await api.request('GET', `/api/certificates/${certificate.id}`, { token });
      expectProblem(res, 404, 'not-found');
      expect(res.body.detail).toBe('证书不存在');
    }
    // and a missing certificate looks the same
    expectProblem(
      await api.request('GET', '/api/certificates/999999', { token: stranger.token }),
      404,
      'not-found',
    );
    const association = await login(api, 'association', PASSWORD);
    expectProblem(
      await api.request('GET', `/api/certificates/${certificate.id}`, { token: association }),
      403,
      'forbidden',
    );
    expectProblem(
      await api.request('GET', `/api/certificates/${certificate.id}`),
      401,
      'unauthenticated',
    );
  });

  it('should list certificates of the holder and of the unit', async () => {
    const mine = await api.request('GET', '/api/persons/me/certificates', { token: holder.token });
    const units = await api.request('GET', '/api/enterprises/me/certificates', {
      token: unit.token,
    });
    expect(mine.body.map((c: { id: string }) => c.id)).toEqual([certificate.id]);
    expect(units.body.map((c: { id: string }) => c.id)).toEqual([certificate.id]);
    const other = await registeredEnterprise(api);
    expect(
      (await api.request('GET', '/api/enterprises/me/certificates', { token: other.token })).body,
    ).toEqual([]);
  });

  it('should verify a genuine certificate publicly with the ID number masked', async () => {
    // when
    const res = await api.request('GET', `/api/verify/${certificate.verify_token}`);
    // then
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      genuine: true,
      detail: expect.stringContaining('正常'),
      usable: true,
      reasons: [],
      issuingAuthority: '青海省住房和城乡建设厅',
      checkedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      number: certificate.number,
      state: 'valid',
      stateName: '正常',
      holderName: '张三',
      idNumberMasked: `${holder.idNumber.slice(0, 4)}**********${holder.idNumber.slice(-4)}`,
      type: 'B',
      typeName: '安全生产管理人员',
      jobType: null,
      jobTypeName: null,
      unitName: '西宁燃气有限公司',
      firstIssueDate: '2024-03-01',
      validityStart: '2024-03-01',
      validityEnd: '2029-02-28',
    });
    expect(JSON.stringify(res.body)).not.toContain(holder.idNumber);
  });

  it('should show an abnormal certificate as genuine but abnormal, and its reasons to the holder', async () => {
    const c = await makeCertificate(api.t.db, {
      person_id: holder.personId,
      unit_enterprise_id: unit.enterpriseId,
      type: 'C',
      job_type: '04',
      state: 'abnormal',
    });
    await api.t
      .db('certificate_abnormal_reasons')
      .insert({ certificate_id: c.id, reason: 'ce-not-completed' });
    const owner = await api.request('GET', `/api/certificates/${c.id}`, { token: holder.token });
    expect(owner.body).toMatchObject({
      jobTypeName: '燃气用户检修工',
      state: 'abnormal',
      abnormalReasons: [{ code: 'ce-not-completed', name: '证书未按规定时间完成继续教育' }],
    });
    const pub = await api.request('GET', `/api/verify/${c.verify_token}`);
    expect(pub.body).toMatchObject({
      genuine: true,
      state: 'abnormal',
      stateName: '异常',
      usable: false,
      reasons: ['证书未按规定时间完成继续教育'],
    });
    // and the page says so first, in the warning style, with the reason
    const page = await api.request('GET', `/api/verify/${c.verify_token}`, {
      headers: { accept: 'text/html' },
    });
    expect(page.body.indexOf('证书不可使用')).toBeLessThan(page.body.indexOf('证书编号'));
    expect(page.body).toContain('class="verdict warn"');
    expect(page.body).toContain('证书未按规定时间完成继续教育');
  });

  it('should show a browser the same verification as a page, with the ID number masked', async () => {
    // when a phone opens the QR link
    const res = await api.request('GET', `/api/verify/${certificate.verify_token}`, {
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    // then
    expect(res.type).toContain('text/html');
    expect(res.body).toContain('证书有效');
    expect(res.body).toContain('class="verdict ok"');
    expect(res.body).toContain('发证机关');
    expect(res.body).toMatch(/核验时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.body).toContain(certificate.number);
    expect(res.body).toContain(`${holder.idNumber.slice(0, 4)}**********`);
    expect(res.body).not.toContain(holder.idNumber);
    const fake = await api.request('GET', `/api/verify/${'f'.repeat(32)}`, {
      headers: { accept: 'text/html' },
    });
    expect(fake.body).toContain('未查询到该证书');
  });

  it('should escape what it prints on the page', async () => {
    const c = await makeCertificate(api.t.db, { unit_name: '<script>alert(1)</script>燃气' });
    const res = await api.request('GET', `/api/verify/${c.verify_token}`, {
      headers: { accept: 'text/html' },
    });
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;燃气');
    expect(res.body).not.toContain('<script>alert');
  });

  it('should answer "not genuine" for an unknown token', async () => {
    const res = await api.request('GET', `/api/verify/${'0'.repeat(32)}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      genuine: false,
      detail: expect.stringContaining('未查询到'),
      checkedAt: expect.any(String),
    });
  });
});
