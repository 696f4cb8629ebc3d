import type { FlowNode, ProcessModel } from '../bpmn/model';
import { invalidArgument, invalidState } from '../rest/engine-error';
import type { ElementData, ElementInstance } from './types';

/**
 * Process instance migration, the checks and the plan (pure: models and element instances in,
 * a plan or Zeebe's rejection out). The rules and rejection texts are Camunda 8.8's
 * (docs.camunda.io, concepts/process-instance-migration): every active element needs a mapping
 * to an element of the same type in the same (mapped) flow scope; catch events are migrated when
 * mapped, closed when not, opened when new; joining gateways move with their taken flows.
 */

export interface MappingInstruction {
  sourceElementId: string;
  targetElementId: string;
}

/** What happens to one active element instance. */
export interface ElementMove {
  ei: ElementInstance;
  /** The target element id (the target process id for the process instance itself). */
  targetId: string;
  targetName: string | null;
  /** Subscriptions and timers kept, their element id rewritten (the element's own included). */
  keep: { from: string; to: string }[];
  /** Catch events of the source without a mapping: their subscriptions close. */
  drop: string[];
  /** Catch events of the target nobody maps to: their subscriptions open. */
  open: FlowNode[];
}

export interface MigrationPlan {
  moves: ElementMove[];
  /** Scopes whose join bookkeeping (`data.joins`, `data.take`) is rewritten to target ids. */
  rewritten: { ei: ElementInstance; data: Pick<ElementData, 'joins' | 'take'> }[];
}

/** Element types whose active instances Zeebe 8.8 migrates. */
const SUPPORTED = new Set([
  'PROCESS',
  'SERVICE_TASK',
  'USER_TASK',
  'SUB_PROCESS',
  'CALL_ACTIVITY',
  'INTERMEDIATE_CATCH_EVENT',
  'RECEIVE_TASK',
  'EVENT_SUB_PROCESS',
  'EXCLUSIVE_GATEWAY',
  'EVENT_BASED_GATEWAY',
  'BUSINESS_RULE_TASK',
  'SCRIPT_TASK',
  'SEND_TASK',
  'MULTI_INSTANCE_BODY',
]);
const CATCHABLE = new Set(['timer', 'message', 'signal']);

const exists = (m: ProcessModel, id: string) =>
  id === m.id || m.elements.has(id) || m.flows.has(id);

/** The catch events whose subscriptions an element instance of `node` owns (besides its own). */
function catchEventsOf(model: ProcessModel, node: FlowNode, type: string, open: boolean) {
  const ids: string[] = [];
  const hostsBoundaries = type === 'MULTI_INSTANCE_BODY' || !node.loop;
  if (hostsBoundaries && open) ids.push(...node.boundaries);
  if (node.kind === 'eventBasedGateway' && type !== 'MULTI_INSTANCE_BODY')
    for (const f of node.outgoing) ids.push(model.flows.get(f)!.targetId);
  return ids
    .map((id) => model.elements.get(id)!)
    .filter((n) => n.event && CATCHABLE.has(n.event.kind));
}

export function planMigration(
  pik: string,
  source: ProcessModel,
  target: ProcessModel,
  elements: ElementInstance[],
  instructions: MappingInstruction[],
): MigrationPlan {
  const prefix = `Expected to migrate process instance '${pik}' but`;
  const mapping = new Map<string, string>();
  const duplicates = new Set<string>();
  for (const m of instructions) {
    if (mapping.has(m.sourceElementId)) duplicates.add(m.sourceElementId);
    mapping.set(m.sourceElementId, m.targetElementId);
  }
  if (duplicates.size)
    throw invalidArgument(
      `${prefix} the mapping instructions contain duplicate source element ids '[${[...duplicates].join(', ')}]'.`,
    );
  for (const m of instructions) {
    if (!exists(source, m.sourceElementId))
      throw invalidArgument(
        `${prefix} mapping instructions contain a non-existing source element id '${m.sourceElementId}'. Elements provided in mapping instructions must exist in the source process definition.`,
      );
    if (!exists(target, m.targetElementId))
      throw invalidArgument(
        `${prefix} mapping instructions contain a non-existing target element id '${m.targetElementId}'. Elements provided in mapping instructions must exist in the target process definition.`,
      );
  }
  const reject = (reason: string) => invalidState('MIGRATE', `${prefix} ${reason}`);
  const byKey = new Map(elements.map((e) => [e.key, e]));
  const targetOf = (ei: ElementInstance) =>
    ei.type === 'PROCESS' ? target.id : mapping.get(ei.elementId);
  const typeIn = (n: FlowNode, asBody: boolean) => (asBody ? 'MULTI_INSTANCE_BODY' : n.type);

  /** Zeebe's checks for one element (or a joining gateway) moving from `id` to `targetId`. */
  const checkMove = (id: string, type: string, scope: ElementInstance | undefined) => {
    const targetId = mapping.get(id);
    if (targetId === undefined)
      throw reject(
        `no mapping instruction defined for active element with id '${id}'. Elements cannot be migrated without a mapping.`,
      );
    const t = target.elements.get(targetId);
    const tType = t ? typeIn(t, type === 'MULTI_INSTANCE_BODY') : 'SEQUENCE_FLOW';
    if (!t || tType !== type || (type === 'MULTI_INSTANCE_BODY' && !t.loop))
      throw reject(
        `active element with id '${id}' and type '${type}' is mapped to an element with id '${targetId}' and different type '${t && !t.loop && type === 'MULTI_INSTANCE_BODY' ? t.type : tType}'. Elements must be mapped to elements of the same type.`,
      );
    // The inner instances of a multi-instance body live in the body: the body's check holds.
    if (scope && scope.type !== 'MULTI_INSTANCE_BODY') {
      const expected = targetOf(scope)!;
      const actual = t.scopeId ?? target.id;
      if (expected !== actual)
        throw reject(
          `the flow scope of active element with id '${id}' is changed. The flow scope of the active element is expected to be '${expected}' but was '${actual}'. The flow scope of an element cannot be changed during migration yet.`,
        );
    }
    return t;
  };

  const moves: ElementMove[] = [];
  const rewritten: MigrationPlan['rewritten'] = [];
  // Breadth first from the process instance, as Zeebe migrates.
  const root = elements.find((e) => e.type === 'PROCESS')!;
  for (let queue = [root], ei = queue.shift(); ei; ei = queue.shift()) {
    queue.push(...elements.filter((c) => c.flowScopeKey === ei!.key && c.state === 'ACTIVE'));
    const scope = ei.flowScopeKey ? byKey.get(ei.flowScopeKey) : undefined;
    if (ei.type === 'PROCESS')
      moves.push({
        ei,
        targetId: target.id,
        targetName: target.name ?? null,
        keep: [],
        drop: [],
        open: [],
      });
    else moves.push(moveElement(ei, scope));
    if (ei.data.joins || ei.data.take) rewritten.push({ ei, data: rewriteJoins(ei) });
  }
  return { moves, rewritten };

  function moveElement(ei: ElementInstance, scope: ElementInstance | undefined): ElementMove {
    const node = source.elements.get(ei.elementId)!;
    if (!SUPPORTED.has(ei.type))
      throw reject(
        `active element with id '${ei.elementId}' has an unsupported type. The migration of a ${ei.type} is not supported.`,
      );
    if (ei.type === 'INTERMEDIATE_CATCH_EVENT' && !CATCHABLE.has(node.event?.kind ?? 'none'))
      throw reject(
        `active element with id '${ei.elementId}' is intermediate catch event of type '${(node.event?.kind ?? 'none').toUpperCase()}'. Migrating active intermediate catch event of this type is not possible yet.`,
      );
    const t = checkMove(ei.elementId, ei.type, scope);
    if (ei.type === 'MULTI_INSTANCE_BODY' && node.loop!.sequential !== t.loop!.sequential)
      throw reject(
        `active element with id '${ei.elementId}' has a different loop characteristics than the target element with id '${t.id}'. Both elements must have either sequential or parallel loop characteristics.`,
      );
    const keep = [{ from: node.id, to: t.id }];
    const drop: string[] = [];
    const open = ei.data.boundariesOpen === true;
    const tCatch = catchEventsOf(target, t, ei.type, open);
    const taken = new Map<string, string>();
    for (const c of catchEventsOf(source, node, ei.type, open)) {
      const to = mapping.get(c.id);
      if (to === undefined) {
        drop.push(c.id);
        continue;
      }
      const tc = tCatch.find((n) => n.id === to);
      if (!tc)
        throw reject(
          `active element with id '${ei.elementId}' is mapped to an element with id '${t.id}' and has a catch event with id '${c.id}' that is mapped to a catch event with id '${to}'. These mappings detach the catch event from the element in the target process. Catch events must stay attached to the same element instance.`,
        );
      if (tc.event!.kind !== c.event!.kind)
        throw reject(
          `active element with id '${ei.elementId}' has a catch event with id '${c.id}' of event type '${c.event!.kind.toUpperCase()}' that is mapped to a catch event with id '${to}' of different event type '${tc.event!.kind.toUpperCase()}'. Catch events must be mapped to catch events of the same event type.`,
        );
      if (taken.has(to))
        throw reject(
          `active element with id '${ei.elementId}' has catch events with ids '${taken.get(to)}' and '${c.id}' that are both mapped to the catch event with id '${to}'. Each catch event can only be the target of one mapping instruction.`,
        );
      taken.set(to, c.id);
      keep.push({ from: c.id, to });
    }
    return {
      ei,
      targetId: t.id,
      targetName: t.name ?? null,
      keep,
      drop,
      open: tCatch.filter((n) => !taken.has(n.id)),
    };
  }

  /** Tokens waiting at joining gateways of a scope move with the gateway and their flows. */
  function rewriteJoins(scope: ElementInstance): Pick<ElementData, 'joins' | 'take'> {
    const joins: NonNullable<ElementData['joins']> = {};
    for (const [gwId, counts] of Object.entries(scope.data.joins ?? {})) {
      if (Object.values(counts).every((n) => n <= 0)) continue;
      const gw = source.elements.get(gwId)!;
      const t = checkMove(gwId, gw.type, scope);
      if (t.incoming.length < gw.incoming.length)
        throw reject(
          `the target gateway with id '${t.id}' has fewer incoming sequence flows than the active gateway with id '${gwId}'. The target gateway must have at least the same number of incoming sequence flows.`,
        );
      const moved: Record<string, number> = {};
      for (const [flowId, n] of Object.entries(counts)) {
        if (n <= 0) continue;
        const to = mapping.get(flowId) ?? flowId;
        if (!t.incoming.includes(to))
          throw reject(
            `the taken sequence flow with id '${flowId}' of the active gateway with id '${gwId}' is not mapped to an incoming sequence flow of the target gateway with id '${t.id}'. Taken sequence flows must be mapped to incoming sequence flows of the target gateway.`,
          );
        moved[to] = (moved[to] ?? 0) + n;
      }
      joins[t.id] = moved;
    }
    return {
      joins: scope.data.joins ? joins : undefined,
      take: scope.data.take?.map((f) => mapping.get(f) ?? f),
    };
  }
}
