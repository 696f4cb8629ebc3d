import type { FlowNode } from '../bpmn/model';
import type { Command } from '../runtime/command';
import type { ElementInstance } from '../runtime/types';

/**
 * What one BPMN element kind does once the shared lifecycle has activated it: wait (create a
 * job, a user task, a subscription) or complete right away via `completeElement`.
 */
export interface Behaviour {
  activate(cmd: Command, ei: ElementInstance, node: FlowNode): Promise<void> | void;
}
