/**
 * How a user task is shown: the engine's task, the application it decides and its processing
 * time limit (SPEC §7 last paragraph) — one shape for the list, the task page and the answers
 * of claim and unclaim.
 */
import type { Application } from '../../repositories/applications';
import { todayInChina } from '../../domain/calendar-date';
import { TaskActor, WORKING_DAY_LIMITS, dueStatus } from '../../domain/working-days';
import { candidateGroupsOf } from '../auth/policy';
import type { Principal } from '../auth/principal';
import { TYPE_NAMES } from './applications';

export interface EngineTask {
  userTaskKey: string;
  name?: string | null;
  state: string;
  assignee?: string | null;
  elementId: string;
  candidateGroups?: string[];
  processDefinitionId: string;
  processName?: string | null;
  processInstanceKey: string;
  creationDate?: string;
  formKey?: string | null;
}

/** Whether the caller may act on the task: open, and one of its candidate groups is theirs. */
export const mayAct = (principal: Principal, t: EngineTask) => {
  const mine = candidateGroupsOf(principal);
  return t.state === 'CREATED' && (t.candidateGroups ?? []).some((g) => mine.includes(g));
};

/** Who must act, by the task's candidate groups; a person's consent has no working-day limit. */
export function actorOf(t: EngineTask): TaskActor | null {
  const groups = t.candidateGroups ?? [];
  if (groups.includes('regulator')) return 'regulator';
  if (groups.includes('association')) return 'association';
  if (groups.some((g) => g.startsWith('enterprise:'))) return 'enterprise';
  return null;
}

/** The exam-result review of a new issue, the one task 批量审核 may approve (issue 10). */
export const isBatchApprovable = (t: EngineTask) =>
  t.processDefinitionId === 'new-issue' && t.elementId === 'regulator-review';

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/** The party an application is about: the practitioner, else the enterprise. */
export function applicantOf(a: Application): string | null {
  return text(a.subject.personName) ?? text(a.subject.holderName) ?? text(a.subject.enterpriseName);
}

export function applicationOfTask(a: Application | undefined) {
  if (!a) return null;
  return {
    id: a.id,
    type: a.type,
    typeName: TYPE_NAMES[a.type] ?? a.type,
    state: a.state,
    subject: a.subject,
    applicant: applicantOf(a),
    certificateNumber: text(a.subject.certificateNumber),
    submittedAt: a.createdAt,
  };
}

export type TaskView = ReturnType<typeof taskView>;

/** The task as the API answers it, its due date seen on `today` (China date). */
export function taskView(t: EngineTask, application: Application | undefined, today: string) {
  const actor = actorOf(t);
  const limitDays = actor ? WORKING_DAY_LIMITS[actor] : null;
  const due =
    limitDays !== null && t.creationDate
      ? dueStatus(todayInChina(new Date(t.creationDate)), limitDays, today)
      : null;
  return {
    key: String(t.userTaskKey),
    name: t.name ?? t.elementId,
    elementId: t.elementId,
    processId: t.processDefinitionId,
    processName: t.processName ?? null,
    processInstanceKey: String(t.processInstanceKey),
    candidateGroups: t.candidateGroups ?? [],
    assignee: t.assignee ?? null,
    createdAt: t.creationDate ?? null,
    limitDays,
    dueDate: due?.dueDate ?? null,
    warning: due?.warning ?? false,
    overdue: due?.overdue ?? false,
    batchApprovable: isBatchApprovable(t),
    application: applicationOfTask(application),
  };
}
