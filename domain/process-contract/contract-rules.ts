/**
 * Our contract rules (processes/README.md) over one process: every job type has a worker with
 * its headers, every check code exists, every user task is a Camunda user task with candidate
 * groups and an existing form, and every variable a worker needs is set before it runs — as far
 * as the graph shows: by the start, or by an element on some path to it.
 */
import type { DiagramElement, DiagramProcess } from './diagram-model';
import { USER_TASK_WRITES } from './job-contract';
import type { DiagramProblem, ProcessContract } from './problems';

const JOB_TASKS = new Set(['bpmn:ServiceTask', 'bpmn:SendTask']);

type Report = (e: DiagramElement, code: string, message: string, warning?: boolean) => void;

function headerProblems(e: DiagramElement, contract: ProcessContract, report: Report): void {
  const job = contract.jobTypes[e.jobType!];
  if (!e.headers.step)
    report(e, 'step-missing', '缺少任务头“step”（时间线步骤代码），办件时间线将无此步骤', true);
  for (const h of job.headers) {
    const value = e.headers[h.key];
    if (value === undefined || value === '') {
      if (h.required) report(e, 'header-missing', `缺少“${h.title}”（任务头 ${h.key}）`);
      continue;
    }
    const allowed =
      h.kind === 'enum'
        ? h.options!.map((o) => o.value)
        : h.kind === 'state'
          ? contract.states.map((s) => s.value)
          : h.kind === 'template'
            ? contract.messageTemplates.map((t) => t.code)
            : undefined;
    if (allowed && !allowed.includes(value))
      report(e, 'header-invalid', `“${h.title}”的值“${value}”不存在（任务头 ${h.key}）`);
    if (h.kind === 'checks') {
      const known = new Set(contract.checks.map((c) => c.code));
      const codes = value.split(',').map((c) => c.trim());
      for (const code of codes)
        if (!known.has(code)) report(e, 'check-unknown', `检测条件代码“${code}”不存在`);
      if (codes.length !== new Set(codes).size)
        report(e, 'check-duplicate', '检测条件有重复', true);
    }
  }
}

function jobProblems(e: DiagramElement, contract: ProcessContract, report: Report): void {
  if (!e.jobType) {
    if (JOB_TASKS.has(e.type))
      report(e, 'job-type-missing', '未选择业务构件（缺少作业类型），请应用一个元素模板');
    return;
  }
  if (!contract.jobTypes[e.jobType]) {
    report(e, 'job-type-unknown', `作业类型“${e.jobType}”没有对应的处理程序，该任务将永远不会执行`);
    return;
  }
  headerProblems(e, contract, report);
}

function userTaskProblems(e: DiagramElement, contract: ProcessContract, report: Report): void {
  if (!e.zeebeUserTask)
    report(
      e,
      'user-task-not-camunda',
      '人工任务须为 Camunda 用户任务（zeebe:userTask），否则待办任务中看不到',
    );
  const groups = (e.candidateGroups ?? '').replace(/^=\s*\[\s*\]$/, '').trim();
  if (!groups) report(e, 'candidate-group-missing', '人工任务未指定候选组，没有人能办理');
  if (!e.formId) report(e, 'form-missing', '人工任务未关联表单');
  else if (!contract.forms.includes(e.formId)) report(e, 'form-unknown', `表单“${e.formId}”不存在`);
}

/** What an element sets for the elements after it. */
function writesOf(e: DiagramElement, contract: ProcessContract): readonly string[] {
  const job = e.jobType ? contract.jobTypes[e.jobType] : undefined;
  const own = e.type === 'bpmn:UserTask' ? USER_TASK_WRITES : (job?.writes ?? []);
  return [...own, ...e.outputs];
}

function variableProblems(p: DiagramProcess, contract: ProcessContract, report: Report): void {
  const start = contract.startVariables[p.id];
  if (!start) return;
  const byId = new Map(p.elements.map((e) => [e.id, e]));
  for (const e of p.elements) {
    const job = e.jobType ? contract.jobTypes[e.jobType] : undefined;
    if (!job) continue;
    const set = new Set(start);
    const seen = new Set<string>();
    const queue = [...e.predecessors];
    while (queue.length) {
      const id = queue.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const before = byId.get(id);
      if (!before) continue;
      for (const v of writesOf(before, contract)) set.add(v);
      queue.push(...before.predecessors);
    }
    for (const v of job.needs)
      if (!set.has(v))
        report(e, 'variable-not-set', `“${job.title}”需要的变量“${v}”在此之前未被设置`);
  }
}

export function contractProblems(p: DiagramProcess, contract: ProcessContract): DiagramProblem[] {
  const problems: DiagramProblem[] = [];
  const report: Report = (e, code, message, warning) =>
    problems.push({ elementId: e.id, severity: warning ? 'warning' : 'error', code, message });
  if (!contract.startVariables[p.id])
    problems.push({
      elementId: p.id,
      severity: 'warning',
      code: 'process-not-started-by-system',
      message: `流程“${p.id}”不由本系统启动（未登记启动变量），无法检查变量是否已设置`,
    });
  for (const e of p.elements) {
    jobProblems(e, contract, report);
    if (e.type === 'bpmn:UserTask') userTaskProblems(e, contract, report);
  }
  variableProblems(p, contract, report);
  return problems;
}
