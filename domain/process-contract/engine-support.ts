/**
 * The embedded engine's list of what it refuses to deploy (engine/README.md, "Coverage against
 * Zeebe 8.8"), checked before deploying so the analyst sees it on the element, not as an error
 * of the deployment. Keep in step with that table.
 */
import type { DiagramElement } from './diagram-model';
import type { DiagramProblem } from './problems';

const REFUSED_TYPES: Readonly<Record<string, string>> = {
  'bpmn:AdHocSubProcess': '特定子流程（ad-hoc）',
  'bpmn:Transaction': '事务子流程',
  'bpmn:ComplexGateway': '复杂网关',
};

const REFUSED_EVENTS: Readonly<Record<string, string>> = {
  'bpmn:EscalationEventDefinition': '升级事件',
  'bpmn:CompensateEventDefinition': '补偿事件',
  'bpmn:LinkEventDefinition': '链接事件',
  'bpmn:ConditionalEventDefinition': '条件事件',
  'bpmn:CancelEventDefinition': '取消事件',
};

const THROWS = new Set(['bpmn:IntermediateThrowEvent', 'bpmn:EndEvent']);

/** Why the engine would refuse this element, or undefined when it runs it. */
function refusal(e: DiagramElement): string | undefined {
  if (REFUSED_TYPES[e.type]) return REFUSED_TYPES[e.type];
  if (e.type === 'bpmn:SubProcess' && e.triggeredByEvent) return '事件子流程';
  if (e.loopCharacteristics === 'bpmn:StandardLoopCharacteristics')
    return '循环标记（请改用多实例）';
  if (e.isForCompensation) return '补偿处理任务';
  if (e.calledDecision) return '调用 DMN 决策的业务规则任务';
  if (e.listeners) return '执行监听器或任务监听器';
  if (e.eventDefinitions.length > 1) return '多重事件';
  const event = e.eventDefinitions[0];
  if (event && REFUSED_EVENTS[event]) return REFUSED_EVENTS[event];
  if (event === 'bpmn:MessageEventDefinition' && THROWS.has(e.type))
    return '消息抛出事件或消息结束事件';
  return undefined;
}

export function engineSupportProblems(elements: readonly DiagramElement[]): DiagramProblem[] {
  const problems: DiagramProblem[] = [];
  for (const e of elements) {
    const what = refusal(e);
    if (what)
      problems.push({
        elementId: e.id,
        severity: 'error',
        code: 'element-not-supported',
        message: `流程引擎不支持${what}，无法部署`,
      });
  }
  return problems;
}
