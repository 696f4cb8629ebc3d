/* GET /api/applications/{id}/progress: the diagram's main path along the real instance. */
import { registeredPerson } from './api-harness';
import { Holder, Staff, certificated, staffAccounts } from './certificate-business-harness';
import { ProcessApi, startProcessApi } from './process-api-harness';
import { eventually } from '../workers/worker-harness';

describe('api/applications - progress along the diagram', () => {
  let api: ProcessApi;
  let staff: Staff;
  let holder: Holder;

  beforeAll(async () => {
    api = await startProcessApi();
    staff = await staffAccounts(api);
    holder = await certificated(api, staff, '马晓东');
  }, 120_000);
  afterEach(() => expect(api.h.errors).toEqual([]));
  afterAll(() => api?.stopAll());

  const progress = (id: string, token = holder.person.token) =>
    api.request('GET', `/api/applications/${id}/progress`, { token });
  const current = async (id: string) =>
    (await progress(id)).body.steps.find((s: { status: string }) => s.status === 'current')?.name;

  it('should show a cancellation done, current and ahead, moving with each decision', async () => {
    // given a cancellation filed by an employed holder
    const filed = await api.request(
      'POST',
      `/api/certificates/${holder.certificateId}/cancellations`,
      { token: holder.person.token },
    );
    expect(filed.status).toBe(201);
    const id = filed.body.applicationId;
    // then the employer's confirmation is current, the regulator's and the rest ahead
    await eventually(async () => (await current(id)) === '聘用单位确认证书注销', 8000);
    const first = await progress(id);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ applicationId: id, available: true });
    expect(
      first.body.steps.map((s: { name: string; status: string }) => [s.name, s.status]),
    ).toEqual([
      ['从业人员申请证书注销', 'done'],
      ['聘用单位确认证书注销', 'current'],
      ['主管部门审批证书注销', 'pending'],
      ['检测条件（有聘用单位）', 'pending'],
      ['注销证书', 'pending'],
      ['办结', 'pending'],
    ]);
    // when the employer confirms, the regulator's review is current
    await api.decide(holder.enterprise.token, id, 'approve');
    await eventually(async () => (await current(id)) === '主管部门审批证书注销', 8000);
    // when the regulator rejects, the path ends where the rejection ends
    await api.decide(staff.regulator, id, 'reject', '材料不全');
    await api.waitState(id, 'rejected');
    await api.finished(id);
    const ended = await progress(id);
    expect(ended.body.steps.map((s: { name: string }) => s.name).at(-1)).toBe('申请未通过');
    expect(ended.body.steps.every((s: { status: string }) => s.status === 'done')).toBe(true);
  }, 60_000);

  it('should show a withdrawn application stopped where it was', async () => {
    const filed = await api.request(
      'POST',
      `/api/certificates/${holder.certificateId}/cancellations`,
      { token: holder.person.token },
    );
    const id = filed.body.applicationId;
    await eventually(async () => (await current(id)) !== undefined, 8000);
    await api.request('POST', `/api/applications/${id}/withdrawal`, {
      token: holder.person.token,
      body: {},
    });
    await eventually(
      async () =>
        (await progress(id)).body.steps.some((s: { status: string }) => s.status === 'stopped'),
      8000,
    );
  }, 30_000);

  it('should not show another person the progress of an application', async () => {
    const apps = await api.request('GET', '/api/applications', { token: holder.person.token });
    const stranger = await registeredPerson(api, '路人');
    const res = await progress(apps.body[0].id, stranger.token);
    expect(res.status).toBe(404);
    expect((await api.request('GET', `/api/applications/${apps.body[0].id}/progress`)).status).toBe(
      401,
    );
  });
});
