import * as b from './bpmn-builder';
import { driver, Harness, startHarness } from './engine-harness';

describe('engine/elements - errors across call activities, signal throw and boundary, forms', () => {
  let h: Harness;
  let d: ReturnType<typeof driver>;
  beforeAll(async () => {
    h = await startHarness();
    d = driver(h);
  });
  afterAll(() => h.stop());

  it('should catch an error thrown in a called process on the call activity boundary', async () => {
    // given
    await h.deploy(
      'failing-child.bpmn',
      b.process(
        'failing-child',
        b.start('s'),
        b.flow('s', 't'),
        b.serviceTask('t', 'child-fails'),
        b.flow('t', 'e'),
        b.end('e'),
      ),
    );
    await h.deploy(
      'caller.bpmn',
      b.process(
        'caller',
        b.start('s'),
        b.flow('s', 'call'),
        b.callActivity('call', 'failing-child'),
        b.boundary('caught', 'call', b.errorDef('CHILD_FAILED')),
        b.flow('call', 'ok'),
        b.flow('caught', 'handled'),
        b.end('ok'),
        b.end('handled'),
      ),
    );
    const pik = await d.start('caller');
    const [job] = await d.jobs('child-fails', 1);
    // when
    await h.client.errorJob({
      jobKey: job.jobKey,
      errorCode: 'CHILD_FAILED',
      errorMessage: 'no',
      variables: {},
    });
    // then
    await d.waitState(pik, 'COMPLETED');
    expect(await d.elements(pik)).toContain('handled');
    await d.waitState(job.processInstanceKey, 'TERMINATED');
  });

  it('should broadcast a signal from a throw event to a signal boundary event', async () => {
    // given
    await h.deploy(
      'listener.bpmn',
      b.process(
        'listener',
        b.start('s'),
        b.flow('s', 't'),
        b.serviceTask('t', 'listener-task'),
        b.boundary('stop', 't', b.signalDef('halt')),
        b.flow('t', 'e'),
        b.flow('stop', 'halted'),
        b.end('e'),
        b.end('halted'),
      ),
    );
    await h.deploy(
      'thrower.bpmn',
      b.process(
        'thrower',
        b.start('s'),
        b.flow('s', 'throw'),
        b.throwEvent('throw', b.signalDef('halt')),
        b.flow('throw', 'e'),
        b.end('e'),
      ),
    );
    const listener = await d.start('listener');
    // when
    await d.start('thrower');
    // then
    await d.waitState(listener, 'COMPLETED');
    expect(await d.elements(listener)).toContain('halted');
  });

  it('should put an external form reference on the user task', async () => {
    await h.deploy(
      'ext-form.bpmn',
      b.process(
        'ext-form',
        b.start('s'),
        b.flow('s', 'ut'),
        b.userTask('ut', { externalReference: '=formUrl' }),
        b.flow('ut', 'e'),
        b.end('e'),
      ),
    );
    const pik = await d.start('ext-form', { formUrl: 'https://forms.example/apply' });
    const r = await h.client.searchUserTasks({ filter: { processInstanceKey: pik } });
    expect(r.items[0]).toMatchObject({ externalFormReference: 'https://forms.example/apply' });
    expect(r.items[0]).not.toHaveProperty('formKey');
  });

  it('should raise FORM_NOT_FOUND when the linked form is not deployed', async () => {
    await h.deploy(
      'no-form.bpmn',
      b.process(
        'no-form',
        b.start('s'),
        b.flow('s', 'ut'),
        b.userTask('ut', { formId: 'missing-form' }),
        b.flow('ut', 'e'),
        b.end('e'),
      ),
    );
    const pik = await d.start('no-form');
    expect((await d.incidents(pik))[0]).toMatchObject({
      errorType: 'FORM_NOT_FOUND',
      elementId: 'ut',
    });
  });

  it('should run a multi-instance embedded subprocess, one scope per item', async () => {
    await h.deploy(
      'mi-sub.bpmn',
      b.process(
        'mi-sub',
        b.start('s'),
        b.flow('s', 'each'),
        `<bpmn:subProcess id="each"><bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=cities" inputElement="city"/></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>${[
          b.start('is'),
          b.flow('is', 'visit'),
          b.serviceTask('visit', 'visit-city'),
          b.flow('visit', 'ie'),
          b.end('ie'),
        ].join('')}</bpmn:subProcess>`,
        b.flow('each', 'e'),
        b.end('e'),
      ),
    );
    const pik = await d.start('mi-sub', { cities: ['Beijing', 'Hangzhou'] });
    const jobs = await d.jobs('visit-city', 10);
    expect(jobs.map((j) => (j.variables as Record<string, string>).city).sort()).toEqual([
      'Beijing',
      'Hangzhou',
    ]);
    for (const j of jobs) await h.client.completeJob({ jobKey: j.jobKey, variables: {} });
    await d.waitState(pik, 'COMPLETED');
  });

  it('should find instances by an element they passed and by the version tag of their process', async () => {
    const tagged = b
      .process(
        'tagged',
        b.start('s'),
        b.flow('s', 'wait'),
        b.serviceTask('wait', 'tagged-task'),
        b.flow('wait', 'e'),
        b.end('e'),
      )
      .replace(
        '<bpmn:process id="tagged" name="tagged" isExecutable="true">',
        '<bpmn:process id="tagged" name="tagged" isExecutable="true"><bpmn:extensionElements><zeebe:versionTag value="v1.0"/></bpmn:extensionElements>',
      );
    await h.deploy('tagged.bpmn', tagged);
    const pik = await d.start('tagged');
    const r = await h.client.searchProcessInstances({
      filter: {
        elementId: 'wait',
        elementInstanceState: 'ACTIVE',
        processDefinitionVersionTag: 'v1.0',
      },
    } as never);
    expect(r.items.map((i: { processInstanceKey: string }) => i.processInstanceKey)).toEqual([pik]);
  });

  it('should modify an instance: terminate a waiting task and activate another element', async () => {
    // given
    await h.deploy(
      'modify.bpmn',
      b.process(
        'modify',
        b.start('s'),
        b.flow('s', 'stuck'),
        b.serviceTask('stuck', 'stuck-task'),
        b.flow('stuck', 'e'),
        b.serviceTask('fix', 'fix-task'),
        b.flow('fix', 'e'),
        b.end('e'),
      ),
    );
    const pik = await d.start('modify');
    const [stuck] = await h.client
      .searchElementInstances({ filter: { processInstanceKey: pik, elementId: 'stuck' } })
      .then((r) => r.items);
    // when
    await h.client.modifyProcessInstance({
      processInstanceKey: pik,
      activateInstructions: [
        { elementId: 'fix', variableInstructions: [{ variables: { fixed: true } }] },
      ],
      terminateInstructions: [{ elementInstanceKey: stuck.elementInstanceKey }],
    } as never);
    const job = await d.complete('fix-task');
    // then
    expect(job.variables).toMatchObject({ fixed: true });
    await d.waitState(pik, 'COMPLETED');
    expect(await d.elements(pik, 'TERMINATED')).toEqual(['stuck']);
  });
});
