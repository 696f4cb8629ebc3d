import fs from 'node:fs';
import path from 'node:path';
import { eventually } from '../workers/worker-harness';
import { newIssueAwaitingReview } from './new-issue-fixture';
import { ProcessApi, startProcessApi } from './process-api-harness';

/* Issue 11 item 3: the operator's instances, their repair and the stuck applications, through
 * HTTP, the SDK, the engine and the real workers. */
describe('api/operations - process instances and stuck applications', () => {
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

  const newIssue = (name: string) => newIssueAwaitingReview(api, { training, association }, name);
  const get = (path: string, token = admin) => api.request('GET', path, { token });
  const post = (path: string, body?: unknown, token = admin) =>
    api.request('POST', path, { token, ...(body === undefined ? {} : { body }) });

  /** An application whose checks job has failed to an incident (a broken variable). */
  async function failedAtChecks(name: string) {
    const issue = await newIssue(name);
    await api.h.client.updateElementInstanceVariables({
      elementInstanceKey: issue.processInstanceKey,
      variables: { certificateType: 'Z' },
    });
    expect((await api.decide(regulator, issue.applicationId, 'approve')).status).toBe(200);
    await eventually(
      async () => (await api.h.d.incidents(issue.processInstanceKey)).length > 0,
      8000,
    );
    api.h.errors.length = 0;
    return issue;
  }

  it('should list instances filtered by application, state and incident, with the application', async () => {
    // given
    const { applicationId, processInstanceKey } = await newIssue('林一');
    // when
    const byApplication = await get(
      `/api/operations/process-instances?applicationId=${applicationId}`,
    );
    // then
    expect(byApplication.status).toBe(200);
    expect(byApplication.body).toMatchObject({ total: 1, page: 1, pageSize: 20 });
    expect(byApplication.body.items[0]).toMatchObject({
      processInstanceKey,
      processId: 'new-issue',
      state: 'ACTIVE',
      stateName: '运行中',
      hasIncident: false,
      application: { id: applicationId, typeName: '新发证', stateName: '待审核' },
    });
    const none = await get(
      `/api/operations/process-instances?applicationId=${applicationId}&incident=true`,
    );
    expect(none.body.total).toBe(0);
    const active = await get(
      '/api/operations/process-instances?processId=new-issue&state=active&pageSize=1',
    );
    expect(active.body.items).toHaveLength(1);
    expect(active.body.total).toBeGreaterThanOrEqual(1);
    const processes = await get('/api/operations/processes');
    expect(processes.body).toContainEqual(
      expect.objectContaining({ processId: 'new-issue', versions: [1] }),
    );
  });

  it('should refuse others than the admin and bad filters in Chinese', async () => {
    expect((await get('/api/operations/process-instances', regulator)).status).toBe(403);
    expect((await get('/api/operations/stuck-applications', regulator)).status).toBe(403);
    expect((await post('/api/operations/incidents/1/retry', undefined, regulator)).status).toBe(
      403,
    );
    const bad = await get('/api/operations/process-instances?state=running&startedFrom=2024-02-30');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'startedFrom',
      'state',
    ]);
    expect((await get('/api/operations/process-instances/123456789')).status).toBe(404);
  });

  it('should show the instance, retry its incident after a variable fix, and the application moves on', async () => {
    // given an application whose checks failed
    const { applicationId, processInstanceKey } = await failedAtChecks('林二');
    const stuck = await get('/api/operations/stuck-applications');
    expect(stuck.body).toContainEqual(
      expect.objectContaining({
        application: expect.objectContaining({ id: applicationId }),
        cause: 'incident',
        causeName: '流程异常',
        detail: expect.stringContaining('Unknown certificate type'),
        repairs: ['retry', 'restart', 'close'],
      }),
    );
    // when the operator reads the instance
    const shown = await get(`/api/operations/process-instances/${processInstanceKey}`);
    // then it has the diagram, the path, the incident, the variables and the restartable steps
    expect(shown.status).toBe(200);
    expect(shown.body.xml).toContain('<bpmn:process id="new-issue"');
    expect(shown.body.hasIncident).toBe(true);
    expect(shown.body.elements.map((e: { elementId: string }) => e.elementId)).toEqual(
      expect.arrayContaining(['regulator-review', 'checks']),
    );
    expect(shown.body.activeCounts.checks).toBeGreaterThanOrEqual(1);
    const [incident] = shown.body.incidents;
    expect(incident).toMatchObject({ elementId: 'checks', jobKey: expect.any(String) });
    expect(shown.body.incidents[0].elementName).toMatch(/检测条件/);
    expect(shown.body.variables).toContainEqual({
      name: 'certificateType',
      value: '"Z"',
      truncated: false,
    });
    expect(shown.body.restartableSteps.map((s: { elementId: string }) => s.elementId)).toContain(
      'regulator-review',
    );
    // when it fixes the variable and retries the incident
    const set = await api.request(
      'PUT',
      `/api/operations/process-instances/${processInstanceKey}/variables`,
      { token: admin, body: { variables: { certificateType: 'C' } } },
    );
    expect(set.status).toBe(200);
    const retry = await post(`/api/operations/incidents/${incident.incidentKey}/retry`);
    expect(retry.status).toBe(200);
    // then the application moves on to its end and the retry is audit-logged
    await api.finished(applicationId);
    expect((await get(`/api/applications/${applicationId}`)).body.state).toBe('completed');
    const audit = await api.h.sql('audit_log').where({ action: 'process-instance.retry' });
    expect(audit.map((a) => a.subject_id)).toContain(processInstanceKey);
    expect((await post(`/api/operations/incidents/${incident.incidentKey}/retry`)).status).toBe(
      404,
    );
  });

  it("should restart a failed instance at the review, on the applicant's timeline", async () => {
    // given
    const { p, applicationId, processInstanceKey } = await failedAtChecks('林三');
    await api.h.client.updateElementInstanceVariables({
      elementInstanceKey: processInstanceKey,
      variables: { certificateType: 'C' },
    });
    // when
    const restart = await post(`/api/operations/process-instances/${processInstanceKey}/restart`, {
      elementId: 'regulator-review',
      reason: '检测条件配置错误已修正，请重新审核',
    });
    // then the review is open again, the incident gone, the applicant told
    expect(restart.status).toBe(200);
    expect(restart.body.stepName).toBe('主管部门审核考试成绩');
    await api.taskOf(regulator, applicationId);
    expect(await api.h.d.incidents(processInstanceKey)).toEqual([]);
    const own = (await get(`/api/applications/${applicationId}`, p.token)).body;
    expect(own.timeline.at(-1)).toMatchObject({
      step: 'process-restarted',
      stepName: '重新办理',
      comment: '自「主管部门审核考试成绩」环节重新办理：检测条件配置错误已修正，请重新审核',
    });
    const wrong = await post(`/api/operations/process-instances/${processInstanceKey}/restart`, {
      elementId: 'no-such-step',
      reason: '试一试',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('not-a-step');
  });

  it('should close an application whose instance was cancelled with a reason the applicant reads', async () => {
    // given an instance cancelled behind the application's back, then reconciled
    const { p, applicationId, processInstanceKey } = await newIssue('林四');
    await api.h.client.cancelProcessInstance({ processInstanceKey });
    await api.h.outbox.reconcile();
    const stuck = (await get('/api/operations/stuck-applications')).body;
    expect(stuck).toContainEqual(
      expect.objectContaining({
        application: expect.objectContaining({ id: applicationId, stateName: '已撤销' }),
        cause: 'closed-unexplained',
        repairs: ['explain'],
      }),
    );
    // when the operator closes it with a reason
    const closed = await post(`/api/operations/applications/${applicationId}/closure`, {
      reason: '考试成绩录入错误，请重新参加考试',
    });
    // then the applicant reads it and the application leaves the list
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ state: 'cancelled', outcome: 'explained' });
    const own = (await get(`/api/applications/${applicationId}`, p.token)).body;
    expect(own.timeline.at(-1)).toMatchObject({
      step: 'cancellation-explained',
      stepName: '撤销说明',
      comment: '考试成绩录入错误，请重新参加考试',
    });
    const after = (await get('/api/operations/stuck-applications')).body;
    expect(after.map((s: { application: { id: string } }) => s.application.id)).not.toContain(
      applicationId,
    );
    expect(
      (await post(`/api/operations/applications/${applicationId}/closure`, { reason: '再说一次' }))
        .status,
    ).toBe(409);
  });

  it('should batch-cancel over a filter with a result per instance, the application closed with the reason', async () => {
    // given
    const { p, applicationId, processInstanceKey } = await newIssue('林五');
    // when
    const res = await post('/api/operations/process-instances/batch-cancellation', {
      filter: { applicationId },
      reason: '重复办件，予以撤销',
    });
    // then
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      total: 1,
      succeeded: 1,
      failed: 0,
      results: [
        {
          processInstanceKey,
          ok: true,
          code: 'ok',
          message: `已终止，办件 ${applicationId} 已撤销`,
        },
      ],
    });
    const own = (await get(`/api/applications/${applicationId}`, p.token)).body;
    expect(own).toMatchObject({ state: 'cancelled' });
    expect(own.timeline.at(-1)).toMatchObject({ step: 'cancelled', comment: '重复办件，予以撤销' });
    // and a batch retry over a filter without incidents does nothing, saying so
    const retry = await post('/api/operations/process-instances/batch-retry', {
      filter: { applicationId },
    });
    expect(retry.body).toEqual({ total: 0, succeeded: 0, failed: 0, results: [] });
    const unknown = await post('/api/operations/process-instances/batch-retry', {
      filter: { colour: 'red' },
    });
    expect(unknown.status).toBe(400);
  });
  it('should migrate the waiting instances to a new version with a result each', async () => {
    // given a waiting new issue and a second version of its diagram (the review renamed)
    const { applicationId, processInstanceKey } = await newIssue('林六');
    const xml = fs
      .readFileSync(path.join(__dirname, '../../processes/new-issue.bpmn'), 'utf8')
      .replace('name="主管部门审核考试成绩"', 'name="主管部门审核考试成绩（第二版）"');
    await api.h.client.deployResources([{ content: xml, name: 'new-issue.bpmn' }]);
    // when the operator reads the plan
    const plan = await get(
      '/api/operations/migration-plan?processId=new-issue&sourceVersion=1&targetVersion=2',
    );
    // then the review is where the instances wait, the same step proposed in version 2
    expect(plan.status).toBe(200);
    expect(plan.body.waiting).toContainEqual(
      expect.objectContaining({
        elementId: 'regulator-review',
        proposedTarget: 'regulator-review',
      }),
    );
    expect(plan.body.instances).toContain(processInstanceKey);
    // when it migrates this instance with the proposed mapping
    const mappings = plan.body.waiting.map((w: { elementId: string; proposedTarget: string }) => ({
      sourceElementId: w.elementId,
      targetElementId: w.proposedTarget,
    }));
    const res = await post('/api/operations/migration', {
      processId: 'new-issue',
      sourceVersion: '1',
      targetVersion: '2',
      mappings,
      processInstanceKeys: [processInstanceKey],
    });
    // then it runs on version 2, and its task goes on there
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 1, succeeded: 1, failed: 0 });
    const shown = await get(`/api/operations/process-instances/${processInstanceKey}`);
    expect(shown.body.version).toBe(2);
    expect(shown.body.xml).toContain('（第二版）');
    expect((await api.decide(regulator, applicationId, 'approve')).status).toBe(200);
    await api.waitState(applicationId, 'completed');
    // and a mapping the engine refuses is that instance's result, in the engine's words (new
    // applications start on version 2: this one is moved back)
    const other = await newIssue('林七');
    const refused = await post('/api/operations/migration', {
      processId: 'new-issue',
      sourceVersion: '2',
      targetVersion: '1',
      mappings: [{ sourceElementId: 'regulator-review', targetElementId: 'checks' }],
      processInstanceKeys: [other.processInstanceKey],
    });
    expect(refused.body.results[0]).toMatchObject({ ok: false, code: 'migration-refused' });
    expect(
      (
        await get(
          '/api/operations/migration-plan?processId=new-issue&sourceVersion=1&targetVersion=1',
        )
      ).body.code,
    ).toBe('same-version');
  });
});
