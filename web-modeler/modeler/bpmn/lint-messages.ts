/**
 * Chinese for the findings of @camunda/linting (bpmnlint + camunda-compat for 8.8), by rule:
 * its own messages are English. A rule not listed here still shows, with a general sentence.
 */
const RULES: Readonly<Record<string, string>> = {
  'called-element': '调用活动缺少被调用流程的编号',
  'collapsed-subprocess': 'Camunda 8.8 不支持折叠的子流程',
  'duplicate-task-headers': '任务头的键重复',
  'element-type': 'Camunda 8.8 不支持此元素类型',
  'error-reference': '错误事件缺少错误引用或错误代码',
  'escalation-reference': '升级事件缺少升级引用或代码',
  'event-based-gateway-target': '事件网关之后只能连接捕获事件或接收任务',
  'executable-process': '流程必须是可执行的',
  feel: 'FEEL 表达式有语法错误',
  'feel-compatibility': 'FEEL 表达式与 Camunda 8.8 不兼容',
  implementation: '任务缺少实现（作业类型或 Camunda 用户任务）',
  'inclusive-gateway': '包容网关的用法不受支持',
  'io-mapping': '输入/输出映射不完整',
  'link-event': '链接事件配置不完整',
  'loop-characteristics': '多实例缺少输入集合',
  'message-reference': '消息事件缺少消息引用',
  'no-candidate-users': '不支持候选用户',
  'no-expression': '此处不能使用表达式',
  'no-loop': '不支持循环标记',
  'no-multiple-none-start-events': '只能有一个空开始事件',
  'no-template': '不支持此元素模板',
  'no-zeebe-properties': '不支持扩展属性',
  'no-zeebe-user-task': '不支持 Camunda 用户任务',
  'sequence-flow-condition': '排他/包容网关的出线缺少条件（或不是默认流）',
  secrets: '不能直接写入密钥',
  'signal-reference': '信号事件缺少信号引用',
  subscription: '消息缺少关联键',
  timer: '定时器定义缺失或格式不正确',
  'user-task-definition': '人工任务定义不完整',
  'user-task-form': '人工任务的表单配置不完整',
  'variable-name': '变量名不合法',
  'zeebe-user-task': '人工任务须为 Camunda 用户任务',
  'ad-hoc-sub-process': '特定子流程配置不完整',
  'conditional-event': '条件事件缺少条件',
  'event-based-gateway': '事件网关之后至少需要两个出线',
  'event-sub-process-typed-start-event': '事件子流程的开始事件须有类型',
  'no-duplicate-sequence-flows': '有重复的顺序流',
  'sub-process-blank-start-event': '子流程须以空开始事件开始',
  'single-blank-start-event': '只能有一个空开始事件',
};

/** The Chinese message for a lint report of `rule` (e.g. `camunda-compat/timer`). */
export function lintMessage(rule: string): string {
  const name = rule.replace(/^.*\//, '');
  return RULES[name] ?? `不符合 Camunda 8.8 建模规则（${name}）`;
}
