import * as b from './bpmn-builder';
import { driver, Harness, startHarness } from './engine-harness';

describe('engine/elements - gateways', () => {
  let h: Harness;
  let d: ReturnType<typeof driver>;
  beforeAll(async () => {
    h = await startHarness();
    d = driver(h);
  });
  afterAll(() => h.stop());

  it('should fork and join with parallel gateways', async () => {
    // given
    await h.deploy(
      'par.bpmn',
      b.process(
        'par',
        b.start('s'),
        b.flow('s', 'fork'),
        b.and('fork'),
        b.flow('fork', 'a'),
        b.flow('fork', 'b'),
        b.serviceTask('a', 'par-a'),
        b.serviceTask('b', 'par-b'),
        b.flow('a', 'join'),
        b.flow('b', 'join'),
        b.and('join'),
        b.flow('join', 'e'),
        b.end('e'),
      ),
    );
    const pik = await d.start('par');
    // when
    await d.complete('par-a', { a: 1 });
    const midway = await d.state(pik);
    await d.complete('par-b', { b: 2 });
    // then
    expect(midway).toBe('ACTIVE');
    await d.waitState(pik, 'COMPLETED');
    expect((await d.elements(pik)).filter((e) => e === 'join')).toHaveLength(1);
    expect(await d.variables(pik)).toMatchObject({ a: 1, b: 2 });
  });

  it('should raise a CONDITION_ERROR incident when no exclusive flow matches, and retry on resolve', async () => {
    // given
    await h.deploy(
      'xor.bpmn',
      b.process(
        'xor',
        b.start('s'),
        b.flow('s', 'gw'),
        b.xor('gw'),
        b.flow('gw', 'big', '=x > 10'),
        b.flow('gw', 'small', '=x < 5'),
        b.end('big'),
        b.end('small'),
      ),
    );
    const pik = await d.start('xor', { x: 7 });
    // when
    const [incident] = await d.incidents(pik);
    await h.client.updateElementInstanceVariables({ elementInstanceKey: pik, variables: { x: 3 } });
    await h.client.resolveIncident(incident.incidentKey);
    // then
    expect(incident).toMatchObject({ errorType: 'CONDITION_ERROR', elementId: 'gw' });
    await d.waitState(pik, 'COMPLETED');
    expect(await d.elements(pik)).toContain('small');
  });

  it('should take every inclusive flow whose condition holds and join them', async () => {
    // given
    await h.deploy(
      'incl.bpmn',
      b.process(
        'incl',
        b.start('s'),
        b.flow('s', 'fork'),
        b.or('fork', 'f_fork_c'),
        b.flow('fork', 'a', '=wantA'),
        b.flow('fork', 'b', '=wantB'),
        b.flow('fork', 'c'),
        b.serviceTask('a', 'incl-a'),
        b.serviceTask('b', 'incl-b'),
        b.serviceTask('c', 'incl-c'),
        b.flow('a', 'join'),
        b.flow('b', 'join'),
        b.flow('c', 'join'),
        b.or('join'),
        b.flow('join', 'e'),
        b.end('e'),
      ),
    );
    const pik = await d.start('incl', { wantA: true, wantB: false });
    // when
    await d.complete('incl-a');
    // then
    await d.waitState(pik, 'COMPLETED');
    const seen = await d.elements(pik);
    expect(seen).toContain('a');
    expect(seen).not.toContain('b');
    expect(seen).not.toContain('c');
  });

  it('should follow the first event of an event-based gateway and drop the others', async () => {
    // given
    await h.deploy(
      'ebg.bpmn',
      b.process(
        'ebg',
        b.start('s'),
        b.flow('s', 'gw'),
        b.eventGateway('gw'),
        b.flow('gw', 'msg'),
        b.flow('gw', 'late'),
        b.catchEvent('msg', b.messageDef('answer'), '=id'),
        b.catchEvent('late', b.timerDef('timeDuration', 'PT1H')),
        b.flow('msg', 'answered'),
        b.flow('late', 'timedOut'),
        b.end('answered'),
        b.end('timedOut'),
      ),
    );
    const pik = await d.start('ebg', { id: 'q1' });
    // when
    await h.client.correlateMessage({
      name: 'answer',
      correlationKey: 'q1',
      variables: { reply: 'yes' },
    });
    // then
    await d.waitState(pik, 'COMPLETED');
    expect(await d.elements(pik)).toEqual(['s', 'gw', 'msg', 'answered']);
    expect(await d.variables(pik)).toMatchObject({ reply: 'yes' });
    const timers = await h.db.db('engine_timers').count({ n: '*' }).first();
    expect(Number(timers?.n)).toBe(0);
  });
});
