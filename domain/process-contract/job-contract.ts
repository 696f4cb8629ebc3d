/**
 * What each job type of the workers expects from a diagram (processes/README.md is the prose of
 * this table): its Chinese name for the modeler, the variables it needs set before it runs, the
 * variables it writes and its task headers. The workers' registry (workers/runtime/handlers.ts)
 * decides which of these exist; test/domain/process-contract keeps the two equal.
 */

/** A task header a job reads. `checks`: a comma list of check codes; `enum`: one of `options`. */
export interface HeaderSpec {
  key: string;
  title: string;
  required: boolean;
  kind: 'text' | 'checks' | 'enum' | 'state' | 'template';
  /** For `enum`: the allowed values and their Chinese labels. */
  options?: readonly { value: string; label: string }[];
}

export interface JobContract {
  /** The building block's Chinese name (element template name). */
  title: string;
  /** Variables that must be set before the job runs (a missing one fails the job). */
  needs: readonly string[];
  /** Variables the job sets (for the tasks after it). */
  writes: readonly string[];
  /** Headers beyond `step`, which every job has. */
  headers: readonly HeaderSpec[];
  /** `bpmn:ServiceTask` or `bpmn:SendTask` (messages are send tasks). */
  element: 'bpmn:ServiceTask' | 'bpmn:SendTask';
}

const state = (required = true): HeaderSpec => ({
  key: 'applicationState',
  title: '设置办件状态',
  required,
  kind: 'state',
});

const checks: HeaderSpec = { key: 'checks', title: '检测条件', required: true, kind: 'checks' };

const job = (
  title: string,
  needs: readonly string[],
  writes: readonly string[] = [],
  headers: readonly HeaderSpec[] = [state()],
): JobContract => ({ title, needs, writes, headers, element: 'bpmn:ServiceTask' });

/** The job types, keyed by `zeebe:taskDefinition type` (= the worker's file name). */
export const JOB_CONTRACT: Readonly<Record<string, JobContract>> = {
  'message-send': {
    title: '发送消息',
    needs: ['applicationId'],
    writes: [],
    element: 'bpmn:SendTask',
    headers: [
      {
        key: 'recipient',
        title: '收件人',
        required: true,
        kind: 'enum',
        options: [
          { value: 'person', label: '从业人员' },
          { value: 'enterprise', label: '企业' },
          { value: 'person,enterprise', label: '从业人员和企业' },
        ],
      },
      {
        key: 'category',
        title: '消息类别',
        required: true,
        kind: 'enum',
        options: [
          { value: 'employment', label: '聘用' },
          { value: 'business-category', label: '经营类别' },
          { value: 'certificate', label: '证书' },
          { value: 'application', label: '办件' },
        ],
      },
      { key: 'template', title: '消息模板', required: true, kind: 'template' },
    ],
  },
  'application-reject': job(
    '驳回申请',
    ['applicationId'],
    [],
    [
      state(),
      {
        key: 'because',
        title: '驳回原因',
        required: false,
        kind: 'enum',
        options: [{ value: 'checks', label: '复检未通过（列出未通过的检测条件）' }],
      },
    ],
  ),
  'application-checks': job(
    '检测条件',
    ['applicationId'],
    ['checkResults', 'allChecksPassed', 'checkResultsChanged'],
    [checks, state()],
  ),
  'application-lapse': job('办件失效', ['applicationId']),
  'certificate-issue': job(
    '签发证书',
    ['applicationId', 'examResultId', 'personId', 'enterpriseId', 'certificateType', 'jobTypeCode'],
    ['certificateId', 'certificateNumber'],
  ),
  'employment-activate': job('聘用生效', ['employmentId']),
  'employment-decline': job('拒绝聘用', ['employmentId']),
  'employment-lapse': job('聘用失效', ['employmentId']),
  'employment-end': job('解除聘用', ['employmentId']),
  'category-registration-apply': job('登记经营类别', ['enterpriseId', 'categories']),
  'category-change-apply': job('变更经营类别', ['enterpriseId', 'categories']),
  'work-unit-change-apply': job(
    '换发证书（工作单位变更）',
    ['applicationId', 'certificateId', 'enterpriseId'],
    ['certificateNumber'],
  ),
  'name-change-apply': job(
    '换发证书（姓名变更）',
    ['applicationId', 'certificateId'],
    ['certificateNumber'],
  ),
  'renewal-apply': job(
    '换发证书（证书延期）',
    ['applicationId', 'certificateId'],
    ['certificateNumber', 'validityEnd'],
  ),
  'certificate-cancel': job('注销证书', ['certificateId']),
  'enterprise-rename-apply': job(
    '换发证书（企业名称变更）',
    ['applicationId', 'enterpriseId', 'enterpriseName'],
    ['reissuedCount', 'notReissuedCount'],
    [checks, state()],
  ),
  'ce-review': job(
    '继续教育自动复核',
    ['applicationId'],
    ['reviewPassed', 'reviewFailed', 'reviewSkipped'],
    [],
  ),
  'ce-review-notify': { ...job('通知复核结果', ['applicationId']), element: 'bpmn:SendTask' },
};

/** What completing a user task sets (the review forms and `POST /api/tasks/{key}/complete`). */
export const USER_TASK_WRITES = ['decision', 'comment'] as const;

/** The states a job may move an application to (header `applicationState`). */
export const JOB_SETTABLE_STATES = [
  'awaiting-review',
  'approved',
  'rejected',
  'lapsed',
  'completed',
] as const;
