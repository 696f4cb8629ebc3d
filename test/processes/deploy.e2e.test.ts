import { join } from 'node:path';
import { driver, eventually, Harness, startHarness } from '../engine/engine-harness';
import { processesDir, processFiles } from './process-files';

/*
 * Every diagram and form of processes/ deploys to the embedded engine through the SDK's
 * deployResourcesFromFiles, and instances reach their user tasks with the linked form, the
 * candidate groups and the job contract (types and headers) of processes/README.md. No workers
 * run here: the test plays them by completing jobs.
 */
describe('processes - deployment to the engine (via @camunda8/sdk)', () => {
  let h: Harness;
  let d: ReturnType<typeof driver>;
  let deployment: Awaited<ReturnType<Harness['client']['deployResourcesFromFiles']>>;
  const files = [...processFiles('.bpmn'), ...processFiles('.form')];

  beforeAll(async () => {
    h = await startHarness();
    d = driver(h);
    deployment = await h.client.deployResourcesFromFiles(files.map((f) => join(processesDir, f)));
  });
  afterAll(() => h.stop());

  const formKey = (formId: string) => deployment.forms.find((f) => f.formId === formId)?.formKey;

  async function userTask(processInstanceKey: string) {
    return eventually(async () => {
      const r = await h.client.searchUserTasks({ filter: { processInstanceKey } } as never);
      return r.items.find((t) => t.state === 'CREATED');
    });
  }

  /** Completes the next job of a type, checking it came from the instance; returns its headers. */
  async function completeJob(
    processInstanceKey: string,
    type: string,
    variables: Record<string, unknown> = {},
  ): Promise<Record<string, unknown>> {
    const [job] = await d.jobs(type, 1);
    expect(job).toBeDefined();
    expect(job.processInstanceKey).toBe(processInstanceKey);
    await h.client.completeJob({ jobKey: job.jobKey, variables: variables as never });
    return { elementId: job.elementId, retries: job.retries, ...(job.customHeaders as object) };
  }

  it('should deploy every diagram as a process definition and every form', () => {
    // then
    expect(deployment.processes.map((p) => p.processDefinitionId).sort()).toEqual(
      processFiles('.bpmn').map((f) => f.replace(/\.bpmn$/, '')),
    );
    expect(deployment.forms.map((f) => f.formId).sort()).toEqual(
      processFiles('.form').map((f) => f.replace(/\.form$/, '')),
    );
    for (const p of deployment.processes) expect(p.processDefinitionKey).toMatch(/^\d+$/);
  });

  it('should keep the Chinese names of the diagrams', async () => {
    // when
    const r = await h.client.searchProcessDefinitions({ filter: {} } as never);

    // then
    const names = Object.fromEntries(r.items.map((p) => [p.processDefinitionId, p.name]));
    expect(names).toMatchObject({
      'category-registration': '经营类别登记',
      'category-change': '经营类别变更',
      'employment-proposal': '聘用确认',
      'employment-termination': '解除聘用',
      'new-issue': '新发证',
    });
  });

  it('should bring a category registration to the association with the review form, then apply it', async () => {
    // given
    const pi = await d.start('category-registration', {
      applicationId: '101',
      enterpriseId: '7',
      creditCode: '91630100MA752XKQ0J',
      categories: ['G', 'P'],
    });

    // when the instance reaches its user task
    const task = await userTask(pi);

    // then it is linked to the deployed form and offered to the association
    expect(task.formKey).toBe(formKey('review-decision'));
    expect(task.candidateGroups).toEqual(['association']);
    expect(task.name).toBe('协会审核经营类别登记');

    // when the association approves
    await h.client.completeUserTask({
      userTaskKey: task.userTaskKey,
      variables: { decision: 'approve', comment: '' },
    });

    // then the apply job and the message job run with their headers, and the instance ends
    expect(await completeJob(pi, 'category-registration-apply')).toMatchObject({
      retries: 3,
      step: 'category-registration-applied',
      applicationState: 'completed',
    });
    expect(await completeJob(pi, 'message-send')).toMatchObject({
      step: 'notify-enterprise-approved',
      recipient: 'enterprise',
      category: 'business-category',
      template: 'category-registration-approved',
    });
    await d.waitState(pi, 'COMPLETED');
  });

  it('should reject a category change when the association does not agree', async () => {
    // given
    const pi = await d.start('category-change', {
      applicationId: '102',
      enterpriseId: '7',
      creditCode: '91630100MA752XKQ0J',
      categories: ['G'],
    });
    const task = await userTask(pi);

    // when
    await h.client.completeUserTask({
      userTaskKey: task.userTaskKey,
      variables: { decision: 'reject', comment: '材料不全' },
    });

    // then
    expect(await completeJob(pi, 'application-reject')).toMatchObject({
      applicationState: 'rejected',
    });
    expect(await completeJob(pi, 'message-send')).toMatchObject({
      template: 'category-change-rejected',
    });
    await d.waitState(pi, 'COMPLETED');
  });

  it('should offer an employment proposal to the person with the consent form, and lapse it after 30 days', async () => {
    // given
    const pi = await d.start('employment-proposal', {
      applicationId: '103',
      employmentId: '9',
      personId: '5',
      idNumber: '11010519491231002X',
      enterpriseId: '7',
      creditCode: '91630100MA752XKQ0J',
    });
    expect(await completeJob(pi, 'message-send')).toMatchObject({
      recipient: 'person',
      template: 'employment-proposed',
    });

    // when
    const task = await userTask(pi);

    // then
    expect(task.formKey).toBe(formKey('consent-decision'));
    expect(task.candidateGroups).toEqual(['person:11010519491231002X']);

    // when 30 days pass unanswered
    await h.client.pinInternalClock(Date.now() + 31 * 24 * 3600 * 1000);
    try {
      // then
      expect(await completeJob(pi, 'employment-lapse')).toMatchObject({
        applicationState: 'lapsed',
      });
    } finally {
      await h.client.resetClock();
    }
    expect(await completeJob(pi, 'message-send')).toMatchObject({
      recipient: 'person,enterprise',
      template: 'employment-lapsed',
    });
    await d.waitState(pi, 'COMPLETED');
  });

  it('should ask the enterprise to confirm a termination', async () => {
    // given
    const pi = await d.start('employment-termination', {
      applicationId: '104',
      employmentId: '9',
      personId: '5',
      idNumber: '11010519491231002X',
      enterpriseId: '7',
      creditCode: '91630100MA752XKQ0J',
    });
    await completeJob(pi, 'message-send');

    // when
    const task = await userTask(pi);
    await h.client.completeUserTask({
      userTaskKey: task.userTaskKey,
      variables: { decision: 'approve' },
    });

    // then
    expect(task.candidateGroups).toEqual(['enterprise:91630100MA752XKQ0J']);
    expect(task.formKey).toBe(formKey('review-decision'));
    expect(await completeJob(pi, 'employment-end')).toMatchObject({ step: 'employment-ended' });
    expect(await completeJob(pi, 'message-send')).toMatchObject({ template: 'employment-ended' });
    await d.waitState(pi, 'COMPLETED');
  });

  const newIssue = (certificateType: string, examDate: string) => ({
    applicationId: `2${certificateType}${examDate}`,
    examResultId: '11',
    personId: '5',
    idNumber: '11010519491231002X',
    enterpriseId: '7',
    creditCode: '91630100MA752XKQ0J',
    certificateType,
    jobTypeCode: certificateType === 'C' ? '04' : null,
    examDate,
  });

  it('should check a C certificate with category-covers, wait after a failure, re-check on a data change and issue', async () => {
    // given a new issue the regulator approves
    const vars = newIssue('C', new Date().toISOString().slice(0, 10));
    const pi = await d.start('new-issue', vars);
    const task = await userTask(pi);
    expect(task.candidateGroups).toEqual(['regulator']);
    expect(task.formKey).toBe(formKey('review-decision'));
    await h.client.completeUserTask({
      userTaskKey: task.userTaskKey,
      variables: { decision: 'approve' },
    });

    // when the checks fail
    const checks = await completeJob(pi, 'application-checks', {
      checkResults: [{ code: 'photo', passed: false, message: '未上传证件照' }],
      allChecksPassed: false,
      checkResultsChanged: true,
    });
    expect(checks.checks).toBe(
      'realname,photo,employed,holding-rules,age,employer-categories,category-covers',
    );
    expect(await completeJob(pi, 'message-send')).toMatchObject({ template: 'checks-failed' });

    // and the person's data changes
    await eventually(async () => (await d.elements(pi, 'ACTIVE')).includes('wait-for-change'));
    await h.client.publishMessage({
      name: 'application-data-changed',
      correlationKey: vars.applicationId,
      variables: {},
      timeToLive: 0,
    } as never);

    // then the checks run again, pass, and the certificate is issued
    await completeJob(pi, 'application-checks', { allChecksPassed: true });
    expect(await completeJob(pi, 'certificate-issue')).toMatchObject({
      applicationState: 'completed',
    });
    expect(await completeJob(pi, 'message-send')).toMatchObject({
      recipient: 'person,enterprise',
      template: 'certificate-issued',
    });
    await d.waitState(pi, 'COMPLETED');
  });

  it('should check an A certificate without category-covers and lapse it one year after the exam', async () => {
    // given an exam more than a year ago
    const pi = await d.start('new-issue', newIssue('A', '2024-01-15'));
    const task = await userTask(pi);
    await h.client.completeUserTask({
      userTaskKey: task.userTaskKey,
      variables: { decision: 'approve' },
    });

    // when the checks fail with the same result as before (no message)
    const checks = await completeJob(pi, 'application-checks', {
      allChecksPassed: false,
      checkResultsChanged: false,
    });

    // then
    expect(checks.checks).toBe('realname,photo,employed,holding-rules,age,employer-categories');
    expect(await completeJob(pi, 'application-lapse')).toMatchObject({
      applicationState: 'lapsed',
    });
    expect(await completeJob(pi, 'message-send')).toMatchObject({
      template: 'application-lapsed',
    });
    await d.waitState(pi, 'COMPLETED');
  });
});
