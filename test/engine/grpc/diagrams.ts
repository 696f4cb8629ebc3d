import * as b from '../bpmn-builder';

/** The diagrams the gRPC conformance tests run, one per behaviour. */
export const diagrams = {
  /** One service task: the worker's job. */
  oneTask: (type: string) =>
    b.process(
      `one-${type}`,
      b.start('s'),
      b.flow('s', 't'),
      b.serviceTask('t', type, { retries: '2' }),
      b.flow('t', 'e'),
      b.end('e'),
    ),
  /** A task whose BUSINESS error is caught by a boundary event and ends at `handled`. */
  caught: (type: string) =>
    b.process(
      `caught-${type}`,
      b.start('s'),
      b.flow('s', 't'),
      b.serviceTask('t', type),
      b.boundary('b', 't', b.errorDef('BUSINESS')),
      b.flow('b', 'handled'),
      b.end('handled'),
      b.flow('t', 'e'),
      b.end('e'),
    ),
  /** Waits for message `name` correlated by the variable `orderId`. */
  waits: (name: string) =>
    b.process(
      `waits-${name}`,
      b.start('s'),
      b.flow('s', 'm'),
      b.catchEvent('m', b.messageDef(name), '=orderId'),
      b.flow('m', 'e'),
      b.end('e'),
    ),
  /** Waits for signal `name`. */
  signalled: (name: string) =>
    b.process(
      `signalled-${name}`,
      b.start('s'),
      b.flow('s', 'c'),
      b.catchEvent('c', b.signalDef(name)),
      b.flow('c', 'e'),
      b.end('e'),
    ),
  /** Ends at once, with `doubled` computed from `n`: the result of a with-result creation. */
  immediate: (id: string) =>
    b
      .process(id, b.start('s', ''), b.flow('s', 'e'), b.end('e'))
      .replace(
        '<bpmn:startEvent id="s">',
        '<bpmn:startEvent id="s"><bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=n * 2" target="doubled"/></zeebe:ioMapping></bpmn:extensionElements>',
      ),
  /** Two tasks in a row (a then b), to modify an instance from a to b. */
  twoTasks: (prefix: string) =>
    b.process(
      `two-${prefix}`,
      b.start('s'),
      b.flow('s', 'a'),
      b.serviceTask('a', `${prefix}-a`),
      b.flow('a', 'b'),
      b.serviceTask('b', `${prefix}-b`),
      b.flow('b', 'e'),
      b.end('e'),
    ),
};
