import { parseBpmn } from '../../../engine/bpmn/parse';
import * as b from '../bpmn-builder';

const wrap = (...elements: string[]) =>
  b.process('p', b.start('s'), b.flow('s', elements.length ? 'x' : 's'), ...elements);

describe('engine/bpmn/parse - deploy validation names each element and its problem', () => {
  it.each([
    [
      'a service task without type',
      ['<bpmn:serviceTask id="x"/>'],
      'x',
      "Must have exactly one 'zeebe:taskDefinition' extension element",
    ],
    [
      'an unsupported element',
      ['<bpmn:complexGateway id="x"/>'],
      'x',
      "Elements of type 'ComplexGateway' are currently not supported",
    ],
    [
      'an event subprocess without start event',
      ['<bpmn:subProcess id="x" triggeredByEvent="true"/>'],
      'x',
      'Must have exactly one start event',
    ],
    ['FEEL that does not parse', [b.serviceTask('x', '=a +* b')], 'x', 'cannot be parsed'],
    [
      'a message catch without correlation key',
      [b.catchEvent('x', b.messageDef('m'))],
      'x',
      'Must have a correlation key',
    ],
    [
      'a bad timer duration',
      [b.catchEvent('x', b.timerDef('timeDuration', 'PT1X'))],
      'x',
      "Invalid duration 'PT1X'",
    ],
    [
      'an error end event without code',
      ['<bpmn:endEvent id="x"><bpmn:errorEventDefinition/></bpmn:endEvent>'],
      'x',
      'error code',
    ],
    ['a subprocess without start event', [b.subProcess('x')], 'x', 'none start event'],
    [
      'execution listeners',
      [
        '<bpmn:task id="x"><bpmn:extensionElements><zeebe:executionListeners><zeebe:executionListener eventType="start" type="l"/></zeebe:executionListeners></bpmn:extensionElements></bpmn:task>',
      ],
      'x',
      'Execution listeners',
    ],
    [
      'a call activity without called element',
      ['<bpmn:callActivity id="x"/>'],
      'x',
      'zeebe:calledElement',
    ],
  ])('should reject %s', async (_what, elements, id, message) => {
    const r = await parseBpmn(wrap(...elements));
    const entry = r.errors.find((e) => e.startsWith(`- Element: ${id}\n`));
    expect(entry).toContain(message);
  });

  it('should name a gateway flow that has neither condition nor default', async () => {
    const r = await parseBpmn(
      b.process(
        'p',
        b.start('s'),
        b.flow('s', 'g'),
        b.xor('g'),
        b.flow('g', 'a', '=x'),
        b.flow('g', 'c', undefined, 'bare'),
        b.end('a'),
        b.end('c'),
      ),
    );
    expect(r.errors.join('\n')).toContain(
      "- Element: bare\n    - ERROR: Must have a condition or be default flow of gateway 'g'",
    );
  });

  it('should accept a valid diagram and build the executable model', async () => {
    const r = await parseBpmn(
      b.process(
        'p',
        b.start('s'),
        b.flow('s', 't'),
        b.serviceTask('t', 'job', { retries: '5', headers: { h: 'v' } }),
        b.boundary('bt', 't', b.errorDef('E')),
        b.flow('t', 'e'),
        b.end('e'),
        b.flow('bt', 'e2'),
        b.end('e2'),
      ),
    );
    expect(r.errors).toEqual([]);
    const t = r.processes[0].elements.get('t')!;
    expect(t).toMatchObject({
      kind: 'jobTask',
      taskType: 'job',
      retries: '5',
      headers: { h: 'v' },
      boundaries: ['bt'],
    });
    expect(r.processes[0].elements.get('bt')?.event).toEqual({ kind: 'error', errorCode: 'E' });
  });

  it('should reject text that is not BPMN', async () => {
    expect((await parseBpmn('<not-bpmn/>')).errors.length).toBeGreaterThan(0);
  });
});
