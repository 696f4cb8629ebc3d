import type { EngineContext } from '../runtime/engine-context';
import type { Command } from '../runtime/command';
import { lockInstanceOf } from '../sql/load-instance';
import { completeElement, deliverVariables } from '../runtime/lifecycle';
import { invalidArgument, invalidState, notFound } from '../rest/engine-error';

const VERB: Record<string, string> = {
  COMPLETE: 'complete',
  ASSIGN: 'assign',
  CLAIM: 'claim',
  UPDATE: 'update',
};

/** Locks the task's instance, then reads the task; only CREATED tasks take commands. */
async function lockTask(cmd: Command, key: string, intent: string) {
  const missing = () =>
    notFound(
      intent,
      `Expected to ${VERB[intent]} user task with key '${key}', but no such user task was found`,
    );
  if (!/^\d+$/.test(key)) throw missing();
  const { row } = await lockInstanceOf(cmd, 'engine_user_tasks', key);
  const task = row as { key: string; state: string; assignee: string | null; eik: string } | null;
  if (!task || task.state === 'COMPLETED' || task.state === 'CANCELED') throw missing();
  if (task.state !== 'CREATED')
    throw invalidState(
      intent,
      `Expected to ${VERB[intent]} user task with key '${key}', but it is in state '${task.state}'`,
    );
  return task;
}

/** https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/complete-user-task/ */
export function completeUserTask(
  engine: EngineContext,
  key: string,
  variables: unknown,
): Promise<void> {
  if (
    variables !== undefined &&
    variables !== null &&
    (typeof variables !== 'object' || Array.isArray(variables))
  )
    throw invalidArgument('Expected variables to be a JSON object');
  return engine.run(async (cmd) => {
    const task = await lockTask(cmd, key, 'COMPLETE');
    const ei = cmd.elements.get(task.eik);
    if (!ei || ei.state !== 'ACTIVE')
      throw notFound('COMPLETE', `User task '${key}' is not active`);
    cmd.update('engine_user_tasks', key, { state: 'COMPLETED', completion_date: cmd.now });
    deliverVariables(cmd, ei, variables as Record<string, unknown> | null);
    await completeElement(cmd, ei);
  });
}

/** https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/assign-user-task/ */
export function assignUserTask(
  engine: EngineContext,
  key: string,
  assignee: string | null,
  allowOverride: boolean,
): Promise<void> {
  if (assignee !== null && (typeof assignee !== 'string' || assignee.trim() === ''))
    throw invalidArgument('No assignee provided.');
  return engine.run(async (cmd) => {
    const task = await lockTask(cmd, key, 'ASSIGN');
    if (assignee !== null && !allowOverride && task.assignee && task.assignee !== assignee)
      throw invalidState(
        'CLAIM',
        `Expected to claim user task with key '${key}', but it has already been assigned`,
      );
    cmd.update('engine_user_tasks', key, { assignee });
  });
}

export interface Changeset {
  dueDate?: string | null;
  followUpDate?: string | null;
  candidateUsers?: string[] | null;
  candidateGroups?: string[] | null;
  priority?: number | null;
}

function date(field: string, v: string): Date | null {
  if (v === '') return null;
  const d = new Date(v);
  if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(v))
    throw invalidArgument(
      `The provided ${field} '${v}' cannot be parsed as a date according to RFC 3339, section 5.6.`,
    );
  return d;
}

/** https://docs.camunda.io/docs/apis-tools/camunda-api-rest/specifications/update-user-task/ */
export function updateUserTask(
  engine: EngineContext,
  key: string,
  changeset: Changeset | null | undefined,
  action?: string | null,
): Promise<void> {
  const c = changeset ?? {};
  const set: Record<string, unknown> = {};
  if (c.dueDate !== undefined && c.dueDate !== null) set.due_date = date('dueDate', c.dueDate);
  if (c.followUpDate !== undefined && c.followUpDate !== null)
    set.follow_up_date = date('followUpDate', c.followUpDate);
  if (Array.isArray(c.candidateUsers)) set.candidate_users = JSON.stringify(c.candidateUsers);
  if (Array.isArray(c.candidateGroups)) set.candidate_groups = JSON.stringify(c.candidateGroups);
  if (c.priority !== undefined && c.priority !== null) {
    if (!Number.isInteger(c.priority) || c.priority < 0 || c.priority > 100)
      throw invalidArgument(
        `The value for priority is '${c.priority}' but must be within the [0,100] range.`,
      );
    set.priority = c.priority;
  }
  if (Object.keys(set).length === 0 && !action)
    throw invalidArgument(
      'No update data provided. Provide at least an "action" or a non-null value for a supported attribute in the "changeset".',
    );
  return engine.run(async (cmd) => {
    await lockTask(cmd, key, 'UPDATE');
    if (Object.keys(set).length) cmd.update('engine_user_tasks', key, set);
  });
}
