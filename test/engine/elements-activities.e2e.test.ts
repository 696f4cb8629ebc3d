import * as b from './bpmn-builder';
import { driver, Harness, startHarness } from './engine-harness';

describe('engine/elements - subprocesses, call activities, multi-instance, mappings', () => {
  let h: Harness;
  let d: ReturnType<typeof driver>;
  beforeAll(async () => {
    h = await startHarness();
    d = driver(h);
  });
  afterAll(() => h.stop());

  it('should catch an error end event of a subprocess on its boundary', async () => {
    await h.deploy(
      'sub.bpmn',
      b.process(
        'sub',
        b.start('s'),
        b.flow('s', 'inner'),
        b.subProcess(
          'inner',
          b.start('is'),
          b.flow('is', 'it'),
          b.serviceTask('it', 'sub-task'),
          b.flow('it', 'ie'),
          b.end('ie', b.errorDef('BAD')),
        ),
        b.boundary('caught', 'inner', b.errorDef('BAD')),
        b.flow('inner', 'e'),
        b.flow('caught', 'handled'),
        b.end('e'),
        b.end('handled'),
      ),
    );
    const pik = await d.start('sub');
    await d.complete('sub-task');
    await d.waitState(pik, 'COMPLETED');
    expect(await d.elements(pik)).toContain('handled');
    expect(await d.elements(pik, 'TERMINATED')).toContain('inner');
  });

  it('should call another process and propagate variables both ways', async () => {
    await h.deploy(
      'child.bpmn',
      b.process(
        'child',
        b.start('s'),
        b.flow('s', 't'),
        b.serviceTask('t', 'child-task'),
        b.flow('t', 'e'),
        b.end('e'),
      ),
    );
    await h.deploy(
      'parent.bpmn',
      b.process(
        'parent',
        b.start('s'),
        b.flow('s', 'call'),
        b.callActivity('call', 'child'),
        b.flow('call', 'e'),
        b.end('e'),
      ),
    );
    const pik = await d.start('parent', { input: 5 });
    const job = await d.complete('child-task', { output: 10 });
    expect(job.variables).toMatchObject({ input: 5 });
    await d.waitState(pik, 'COMPLETED');
    expect(await d.variables(pik)).toMatchObject({ input: 5, output: 10 });
    const children = await h.client.searchProcessInstances({
      filter: { parentProcessInstanceKey: pik },
    });
    expect(children.items[0]).toMatchObject({ processDefinitionId: 'child', state: 'COMPLETED' });
  });

  it.each([
    ['parallel', false],
    ['sequential', true],
  ])('should run a %s multi-instance task and collect its outputs', async (name, sequential) => {
    await h.deploy(
      `mi-${name}.bpmn`,
      b.process(
        `mi-${name}`,
        b.start('s'),
        b.flow('s', 't'),
        b.serviceTask('t', `mi-${name}`, {
          multi: {
            collection: '=items',
            element: 'item',
            output: 'results',
            outputElement: '=doubled',
            sequential,
          },
        }),
        b.flow('t', 'e'),
        b.end('e'),
      ),
    );
    const pik = await d.start(`mi-${name}`, { items: [1, 2, 3] });
    for (let i = 0; i < 3; i++) {
      const [job] = await d.jobs(`mi-${name}`, 1);
      await h.client.completeJob({
        jobKey: job.jobKey,
        variables: { doubled: ((job.variables as Record<string, unknown>).item as number) * 2 },
      });
    }
    await d.waitState(pik, 'COMPLETED');
    expect((await d.variables(pik)).results).toEqual([2, 4, 6]);
  });

  it('should apply input and output mappings with Zeebe scoping', async () => {
    await h.deploy(
      'io.bpmn',
      b.process(
        'io',
        b.start('s'),
        b.flow('s', 't'),
        b.serviceTask('t', 'io-task', {
          inputs: [['=order.total', 'total']],
          outputs: [['=result * 2', 'final']],
          headers: { channel: 'web' },
        }),
        b.flow('t', 'e'),
        b.end('e'),
      ),
    );
    const pik = await d.start('io', { order: { total: 9 } });
    const [job] = await d.jobs('io-task', 1);
    expect(job.variables).toMatchObject({ total: 9 });
    expect(job.customHeaders).toEqual({ channel: 'web' });
    await h.client.completeJob({ jobKey: job.jobKey, variables: { result: 21 } });
    await d.waitState(pik, 'COMPLETED');
    const vars = await d.variables(pik);
    expect(vars.final).toBe(42);
    expect(vars).not.toHaveProperty('result');
    expect(vars).not.toHaveProperty('total');
  });

  it('should raise an incident when a required FEEL value is missing, and go on after resolving', async () => {
    await h.deploy(
      'feel.bpmn',
      b.process(
        'feel',
        b.start('s'),
        b.flow('s', 't'),
        b.serviceTask('t', '=kind'),
        b.flow('t', 'e'),
        b.end('e'),
      ),
    );
    const pik = await d.start('feel');
    const [incident] = await d.incidents(pik);
    expect(incident).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 't' });
    await h.client.updateElementInstanceVariables({
      elementInstanceKey: pik,
      variables: { kind: 'feel-task' },
    });
    await h.client.resolveIncident(incident.incidentKey);
    await d.complete('feel-task');
    await d.waitState(pik, 'COMPLETED');
  });

  it('should evaluate a FEEL script task inline', async () => {
    await h.deploy(
      'script.bpmn',
      b.process(
        'script',
        b.start('s'),
        b.flow('s', 't'),
        `<bpmn:scriptTask id="t"><bpmn:extensionElements><zeebe:script expression="=a + b" resultVariable="sum"/></bpmn:extensionElements></bpmn:scriptTask>`,
        b.flow('t', 'e'),
        b.end('e'),
      ),
    );
    const pik = await d.start('script', { a: 1, b: 2 });
    await d.waitState(pik, 'COMPLETED');
    expect((await d.variables(pik)).sum).toBe(3);
  });
});
