import type { Command } from './command';
import type { Definition } from './definitions';
import { activateNode, enqueue } from './lifecycle';
import { openEventSubProcesses } from '../elements/event-sub-process';
import type { ElementInstance, ProcessInstance } from './types';
import { setLocal } from './variables';

export interface CreateOptions {
  variables?: Record<string, unknown> | null;
  /** The start event to start at (message/timer/signal start), default the none start. */
  startElementId?: string;
  /** Start before these elements instead of at a start event. */
  startInstructions?: string[];
  parent?: { processInstanceKey: string; elementInstanceKey: string };
}

/** Creates a process instance in memory (root scope, variables) and starts its first token. */
export function createInstance(
  cmd: Command,
  def: Definition,
  options: CreateOptions,
): ProcessInstance {
  const pi: ProcessInstance = {
    key: cmd.key(),
    processDefinitionKey: def.key,
    bpmnProcessId: def.bpmnProcessId,
    version: def.version,
    state: 'ACTIVE',
    startDate: cmd.now,
    endDate: null,
    parentProcessInstanceKey: options.parent?.processInstanceKey ?? null,
    parentElementInstanceKey: options.parent?.elementInstanceKey ?? null,
    hasIncident: false,
    tenantId: def.tenantId,
    rev: null,
  };
  cmd.instances.set(pi.key, pi);
  cmd.models.set(def.key, def.model);
  const root: ElementInstance = {
    key: pi.key,
    processInstanceKey: pi.key,
    processDefinitionKey: def.key,
    bpmnProcessId: def.bpmnProcessId,
    elementId: def.bpmnProcessId,
    elementName: def.name,
    type: 'PROCESS',
    state: 'ACTIVE',
    flowScopeKey: null,
    startDate: cmd.now,
    endDate: null,
    incidentKey: null,
    data: {},
    tenantId: def.tenantId,
  };
  cmd.addElement(root);
  for (const [k, v] of Object.entries(options.variables ?? {})) setLocal(cmd, root.key, k, v);
  const model = def.model;
  if (model.eventSubProcesses.length) enqueue(cmd, () => openEventSubProcesses(cmd, root));
  const starts = options.startInstructions?.length
    ? options.startInstructions
    : [
        options.startElementId ??
          model.startEvents.find((id) => model.elements.get(id)?.event?.kind === 'none') ??
          model.startEvents[0],
      ];
  for (const id of starts) activateNode(cmd, model.elements.get(id)!, root);
  return pi;
}
