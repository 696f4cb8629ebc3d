import { sdkClient } from '../engine/engine-credentials';
import { makeCertificate } from '../migrations/fixtures';
import { eventually } from '../workers/worker-harness';
import { startApi } from './api-harness';
import { newIssueAwaitingReview } from './new-issue-fixture';
import { ProcessApi, startProcessApi } from './process-api-harness';

interface TimelineEntry {
  step: string;
  stepName: string;
  actor: string;
  at: string;
  comment: string | null;
}

/* Issue 8 item 7: states that tell the truth, a Chinese timeline from the submission on, and an
 * operator's cancellation that ends the application — through HTTP, the engine and the workers. */
describe('api/applications - states, timeline and cancellation that tell the truth', () => {
  let api: ProcessApi;
  let association: string;
  let regulator: string;
  let training: string;
  let admin: string;

  beforeAll(async () => {
    api = await startProcessApi();
    [association, regulator, training, admin] = await Promise.all([
      api.staff('association'),
      api.staff('regulator'),
      api.staff('training'),
      api.staff('admin'),
    ]);
  });
  afterEach(() => expect(api.h.errors).toEqual([]));
  afterAll(() => api.stopAll());

  /** An employed person with a photo and a new-issue application awaiting the regulator. */
  const newIssue = (name: string, certificateType = 'C') =>
    newIssueAwaitingReview(api, { training, association }, name, certificateType);

  const detail = (token: string, id: string) =>
    api.request('GET', `/api/applications/${id}`, { token });
  const listed = async (token: string, id: string) =>
    (await api.request('GET', '/api/applications', { token })).body.find(
      (a: { id: string }) => a.id === id,
    );
  const cancel = (token: string, id: string, reason: unknown) =>
    api.request('POST', `/api/operations/applications/${id}/cancellation`, {
      token,
      body: { reason },
    });

  it('should show an incident to the regulator and 处理中 to the person instead of 待审核', async () => {
    // given a new issue whose checks job will fail: an operator set a broken variable
    const { p, applicationId, processInstanceKey } = await newIssue('周敏');
    await api.h.client.updateElementInstanceVariables({
      elementInstanceKey: processInstanceKey,
      variables: { certificateType: 'Z' },
    });
    // when the regulator approves, the checks job fails until its retries are gone
    expect((await api.decide(regulator, applicationId, 'approve')).status).toBe(200);
    await eventually(async () => (await api.h.d.incidents(processInstanceKey)).length > 0, 8000);
    expect(api.h.errors.every((m) => m.includes('Unknown certificate type: Z'))).toBe(true);
    api.h.errors.length = 0;
    // then staff see the incident, in the detail and in the list
    const staffView = (await detail(regulator, applicationId)).body;
    expect(staffView).toMatchObject({
      state: 'awaiting-review',
      stateName: '流程异常（待运维处理）',
      incident: {
        elementId: 'checks',
        elementName: '检测条件（主要负责人、安全生产管理人员）',
        message: expect.stringContaining('Unknown certificate type'),
        since: expect.any(String),
      },
    });
    expect(await listed(regulator, applicationId)).toMatchObject({
      stateName: '流程异常（待运维处理）',
      incident: { elementId: 'checks' },
    });
    // and the person reads 处理中, without the technical details
    const own = (await detail(p.token, applicationId)).body;
    expect(own.stateName).toBe('处理中');
    expect(own).not.toHaveProperty('incident');
    expect((await listed(p.token, applicationId)).stateName).toBe('处理中');
  });

  it('should show the stored state, not an error, while the engine does not answer', async () => {
    // given an API whose engine is unreachable (nothing listens on port 9)
    const { p, applicationId } = await newIssue('蒋云');
    const cut = await startApi({ camunda: sdkClient('http://127.0.0.1:9') }, api.h.db);
    try {
      // when
      const list = await cut.request('GET', '/api/applications', { token: regulator });
      const one = await cut.request('GET', `/api/applications/${applicationId}`, {
        token: p.token,
      });
      // then
      expect(list.status).toBe(200);
      expect(list.body.find((a: { id: string }) => a.id === applicationId)).toMatchObject({
        stateName: '待审核',
        incident: null,
      });
      expect(one.status).toBe(200);
      expect(one.body.stateName).toBe('待审核');
      expect(one.body.timeline[0]).toMatchObject({ step: 'submitted', stepName: '提交申请' });
    } finally {
      await cut.stop();
    }
  });

  it('should start the timeline with the submission and name every step in Chinese', async () => {
    // given
    const { p, applicationId } = await newIssue('吴芳');
    // when
    await api.decide(regulator, applicationId, 'approve');
    await api.finished(applicationId);
    // then
    const shown = (await detail(p.token, applicationId)).body;
    expect(shown.state).toBe('completed');
    const timeline = shown.timeline as TimelineEntry[];
    expect(timeline[0]).toEqual({
      step: 'submitted',
      stepName: '提交申请',
      actor: expect.stringMatching(/^培训机构（training\d+）$/),
      at: shown.createdAt,
      decision: null,
      comment: null,
    });
    expect(timeline.find((e) => e.step === 'regulator-review')).toMatchObject({
      stepName: '主管部门审核考试成绩',
      actor: expect.stringContaining('主管部门'),
    });
    expect(timeline.find((e) => e.step === 'certificate-issued')?.stepName).toBe('核发证书');
    expect(timeline.filter((e) => e.step === 'submitted')).toHaveLength(1);
    for (const e of timeline) expect(e.stepName).toMatch(/[\u4e00-\u9fff]/);
  });

  it('should end the application cancelled when an admin cancels it, freeing its certificate, once', async () => {
    // given an application awaiting review that holds a certificate busy
    const { e, p, applicationId, processInstanceKey } = await newIssue('郑强', 'B');
    const certificate = await makeCertificate(api.h.sql, {
      person_id: p.personId,
      unit_enterprise_id: e.enterpriseId,
      type: 'C',
      busy_application_id: applicationId,
    });
    // when
    const first = await cancel(admin, applicationId, '考试机构撤回成绩，流程无法继续');
    // then
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      applicationId,
      state: 'cancelled',
      stateName: '已撤销',
      instanceCancellation: 'done',
    });
    expect(await api.h.d.state(processInstanceKey)).toBe('TERMINATED');
    const cert = await api.h.sql('certificates').where({ id: certificate.id }).first();
    expect(cert.busy_application_id).toBeNull();
    const shown = (await detail(p.token, applicationId)).body;
    expect(shown).toMatchObject({ state: 'cancelled', stateName: '已撤销' });
    expect(shown.completedAt).not.toBeNull();
    expect(shown.timeline.at(-1)).toMatchObject({
      step: 'cancelled',
      stepName: '撤销办件',
      actor: expect.stringMatching(/^系统管理员（admin\d+）$/),
      comment: '考试机构撤回成绩，流程无法继续',
    });
    // and a second cancellation changes nothing
    const again = await cancel(admin, applicationId, '重复提交的撤销');
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const events = await api.h.sql('application_events').where({ application_id: applicationId });
    expect(events.filter((x) => x.step === 'cancelled')).toHaveLength(1);
    expect(await api.h.sql('outbox').where({ application_id: applicationId })).toEqual([]);
    const audit = await api.h.sql('audit_log').where({ action: 'application.cancel' });
    expect(audit.filter((a) => a.subject_id === applicationId)).toHaveLength(1);
  });

  it('should owe the instance cancellation when the engine does not answer, and send it later', async () => {
    // given an API whose engine is unreachable
    const { applicationId, processInstanceKey } = await newIssue('韩梅');
    const cut = await startApi({ camunda: sdkClient('http://127.0.0.1:9') }, api.h.db);
    try {
      // when
      const res = await cut.request(
        'POST',
        `/api/operations/applications/${applicationId}/cancellation`,
        {
          token: admin,
          body: { reason: '流程卡住，运维撤销' },
        },
      );
      // then the application has ended at once, the cancellation is owed
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ state: 'cancelled', instanceCancellation: 'owed' });
    } finally {
      await cut.stop();
    }
    expect(await api.h.d.state(processInstanceKey)).toBe('ACTIVE');
    // and once the request's lease has run out, the drainer cancels the instance
    await api.h
      .sql('outbox')
      .where({ application_id: applicationId })
      .update({ lease_until: api.h.sql.fn.now() });
    await api.h.outbox.drain();
    expect(await api.h.d.state(processInstanceKey)).toBe('TERMINATED');
    expect(await api.h.sql('outbox').where({ application_id: applicationId })).toEqual([]);
    expect((await detail(admin, applicationId)).body.state).toBe('cancelled');
  });

  it('should refuse a cancellation by others, without a Chinese reason, or of an ended application', async () => {
    // given
    const { p, applicationId } = await newIssue('冯雪');
    // then
    expect((await cancel(regulator, applicationId, '不再办理')).status).toBe(403);
    expect((await cancel(p.token, applicationId, '不再办理')).status).toBe(403);
    const english = await cancel(admin, applicationId, 'stuck');
    expect(english.status).toBe(400);
    expect(english.body.errors[0].message).toBe('撤销理由须用中文填写');
    expect((await cancel(admin, '999999999', '不再办理')).status).toBe(404);
    await api.decide(regulator, applicationId, 'reject', '成绩有误');
    await api.finished(applicationId);
    const ended = await cancel(admin, applicationId, '不再办理');
    expect(ended.status).toBe(409);
    expect(ended.body.code).toBe('application-ended');
    expect((await detail(p.token, applicationId)).body.state).toBe('rejected');
  });

  it('should reconcile an instance cancelled straight through the engine to cancelled', async () => {
    // given an application awaiting review that holds a certificate busy
    const { e, p, applicationId, processInstanceKey } = await newIssue('陈立', 'B');
    const certificate = await makeCertificate(api.h.sql, {
      person_id: p.personId,
      unit_enterprise_id: e.enterpriseId,
      type: 'C',
      busy_application_id: applicationId,
    });
    // when an operator cancels the instance in the engine (as Operate does)
    await api.h.client.cancelProcessInstance({ processInstanceKey });
    const ended = await api.h.outbox.reconcile();
    // then
    expect(ended).toBeGreaterThanOrEqual(1);
    const shown = (await detail(regulator, applicationId)).body;
    expect(shown).toMatchObject({ state: 'cancelled', stateName: '已撤销', incident: null });
    expect(shown.timeline.at(-1)).toMatchObject({
      step: 'instance-terminated',
      stepName: '流程终止',
      actor: '系统',
      comment: '流程实例已被运维人员终止',
    });
    const cert = await api.h.sql('certificates').where({ id: certificate.id }).first();
    expect(cert.busy_application_id).toBeNull();
    // and reconciling again writes nothing more
    await api.h.outbox.reconcile();
    const events = await api.h.sql('application_events').where({ application_id: applicationId });
    expect(events.filter((x) => x.step === 'instance-terminated')).toHaveLength(1);
  });
});
