import * as b from './bpmn-builder';
import * as dmn from './dmn-builder';
import { driver, eventually, Harness, startHarness } from './engine-harness';
import { engineAuthHeader } from './engine-credentials';

/**
 * DMN as Zeebe 8.8 runs it: `.dmn` deployments (versioned graphs and decisions), decision
 * tables with every hit policy, literal expressions, required decisions, evaluation through
 * the SDK's `evaluateDecision`, business rule tasks with `zeebe:calledDecision`, and the
 * incidents Zeebe raises.
 */
describe('engine/elements - DMN decisions and business rule tasks', () => {
  let h: Harness;
  let d: ReturnType<typeof driver>;
  beforeAll(async () => {
    h = await startHarness();
    d = driver(h);
  });
  afterAll(() => h.stop());

  const firstIncident = (pik: string) => eventually(async () => (await d.incidents(pik))[0]);
  const deployDmn = (name: string, xml: string) =>
    h.client.deployResources([{ name, content: xml }]);
  const evaluate = (decisionDefinitionId: string, variables: Record<string, unknown>) =>
    h.client.evaluateDecision({ decisionDefinitionId, variables } as never) as Promise<{
      output: string;
      failedDecisionDefinitionId: string;
      failureMessage: string;
      decisionDefinitionKey: string;
      evaluatedDecisions: { decisionDefinitionId: string; matchedRules: unknown[] }[];
    }>;

  // A table of "score" rules over age, each hit policy on the same rules.
  const rules = [
    ['>= 18', '"adult"', '1'],
    ['>= 65', '"senior"', '2'],
    ['< 18', '"minor"', '3'],
    ['-', '"anyone"', '4'],
  ];
  const hit = (policy: string, aggregation?: string, single = false) =>
    dmn.drd(
      `g_${policy.replace(' ', '_')}_${aggregation ?? 'none'}`,
      dmn.table(
        `hp_${policy.replace(' ', '_')}_${aggregation ?? 'none'}`,
        ['age'],
        single ? ['n'] : ['group', 'n'],
        single ? rules.map(([i, , n]) => [i, n]) : rules,
        {
          hitPolicy: policy,
          aggregation,
          outputValues: single ? undefined : ['"senior","adult","minor","anyone"'],
        },
      ),
    );

  it.each([
    ['FIRST', '', false, { group: 'adult', n: 1 }],
    ['PRIORITY', '', false, { group: 'senior', n: 2 }],
    [
      'RULE ORDER',
      '',
      false,
      [
        { group: 'adult', n: 1 },
        { group: 'senior', n: 2 },
        { group: 'anyone', n: 4 },
      ],
    ],
    [
      'OUTPUT ORDER',
      '',
      false,
      [
        { group: 'senior', n: 2 },
        { group: 'adult', n: 1 },
        { group: 'anyone', n: 4 },
      ],
    ],
    ['COLLECT', '', true, [1, 2, 4]],
    ['COLLECT', 'SUM', true, 7],
    ['COLLECT', 'COUNT', true, 3],
    ['COLLECT', 'MIN', true, 1],
    ['COLLECT', 'MAX', true, 4],
  ])(
    'should evaluate hit policy %s %s for a 70-year-old',
    async (policy, aggregation, single, expected) => {
      // given
      const xml = hit(policy, aggregation || undefined, single);
      await deployDmn(`${policy}-${aggregation}.dmn`, xml);
      // when
      const r = await evaluate(`hp_${policy.replace(' ', '_')}_${aggregation || 'none'}`, {
        age: 70,
      });
      // then
      expect(JSON.parse(r.output)).toEqual(expected);
      expect(r.failedDecisionDefinitionId).toBe('');
    },
  );

  it('should evaluate UNIQUE and ANY, and report a failed evaluation as Zeebe does', async () => {
    // given
    await deployDmn(
      'unique.dmn',
      dmn.drd(
        'g_unique',
        dmn.table(
          'unique',
          ['age'],
          ['group'],
          [
            ['< 18', '"minor"'],
            ['>= 18', '"adult"'],
            ['> 60', '"senior"'],
          ],
          { hitPolicy: 'UNIQUE' },
        ),
        dmn.table(
          'any',
          ['age'],
          ['ok'],
          [
            ['> 10', 'true'],
            ['> 20', 'true'],
            ['> 80', 'false'],
          ],
          { hitPolicy: 'ANY' },
        ),
      ),
    );
    // when / then
    expect(JSON.parse((await evaluate('unique', { age: 30 })).output)).toBe('adult');
    expect(JSON.parse((await evaluate('any', { age: 30 })).output)).toBe(true);
    const failed = await evaluate('unique', { age: 70 });
    expect(failed).toMatchObject({
      output: '',
      failedDecisionDefinitionId: 'unique',
      failureMessage: `Expected to evaluate decision 'unique', but multiple values aren't allowed for UNIQUE hit policy. found: '["adult","senior"]'`,
    });
    expect((await evaluate('any', { age: 90 })).failureMessage).toBe(
      `Expected to evaluate decision 'any', but different values aren't allowed for ANY hit policy. found: '[true, false]'`,
    );
  });

  it('should deploy a graph of decisions, evaluate the required ones first, and version on change', async () => {
    // given: a table that reads a literal expression's result
    const graph = (factor: number) =>
      dmn.drd(
        'g_fee',
        dmn.literal('base', `years * ${factor}`),
        dmn.table(
          'fee',
          ['base'],
          ['fee'],
          [
            ['> 100', '"high"'],
            ['<= 100', '"low"'],
          ],
          { requires: ['base'] },
        ),
      );
    const first = await deployDmn('fee.dmn', graph(10));
    const again = await deployDmn('fee.dmn', graph(10));
    const changed = await deployDmn('fee.dmn', graph(50));
    // then
    const fee = (x: typeof first) => x.decisions.find((dd) => dd.decisionDefinitionId === 'fee')!;
    expect(first.decisionRequirements[0]).toMatchObject({
      decisionRequirementsId: 'g_fee',
      version: 1,
    });
    expect(fee(again).decisionDefinitionKey).toBe(fee(first).decisionDefinitionKey);
    expect(fee(changed)).toMatchObject({ version: 2 });
    const r = await evaluate('fee', { years: 3 });
    expect(JSON.parse(r.output)).toBe('high');
    expect(r.decisionDefinitionKey).toBe(fee(changed).decisionDefinitionKey);
    expect(r.evaluatedDecisions.map((e) => e.decisionDefinitionId)).toEqual(['base', 'fee']);
  });

  it('should run a business rule task: the result in its variable, decision instances recorded', async () => {
    // given
    await deployDmn(
      'route.dmn',
      dmn.drd(
        'g_route',
        dmn.table(
          'route',
          ['amount'],
          ['office'],
          [
            ['< 1000', '"local"'],
            ['>= 1000', '"city"'],
          ],
          { hitPolicy: 'FIRST' },
        ),
      ),
    );
    await h.deploy(
      'brt.bpmn',
      b.process(
        'brt',
        b.start('s'),
        b.flow('s', 'decide'),
        b.decisionTask('decide', 'route', 'office'),
        b.flow('decide', 'next'),
        b.serviceTask('next', 'brt-next'),
        b.flow('next', 'e'),
        b.end('e'),
      ),
    );
    // when
    const pik = await d.start('brt', { amount: 5000 });
    const job = await d.complete('brt-next');
    // then
    expect(job.variables).toMatchObject({ office: 'city' });
    await d.waitState(pik, 'COMPLETED');
    const res = await fetch(`${h.address}/v2/decision-instances/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...engineAuthHeader },
      body: JSON.stringify({ filter: { processInstanceKey: pik } }),
    });
    const found = ((await res.json()) as { items: unknown[] }).items;
    expect(found).toEqual([
      expect.objectContaining({
        decisionDefinitionId: 'route',
        state: 'EVALUATED',
        result: '"city"',
        processInstanceKey: pik,
      }),
    ]);
  });

  it('should raise CALLED_DECISION_ERROR for a missing decision and go on once it is deployed', async () => {
    // given
    await h.deploy(
      'brt-missing.bpmn',
      b.process(
        'brt-missing',
        b.start('s'),
        b.flow('s', 'decide'),
        b.decisionTask('decide', 'later', 'answer'),
        b.flow('decide', 'e'),
        b.end('e'),
      ),
    );
    const pik = await d.start('brt-missing', { x: 2 });
    const incident = await firstIncident(pik);
    expect(incident).toMatchObject({
      errorType: 'CALLED_DECISION_ERROR',
      errorMessage: `Expected to evaluate decision 'later', but no decision found for id 'later'`,
    });
    // when
    await deployDmn('later.dmn', dmn.drd('g_later', dmn.literal('later', 'x * 21')));
    await h.client.resolveIncident(incident.incidentKey);
    // then
    await d.waitState(pik, 'COMPLETED');
    expect(await d.variables(pik)).toEqual({ x: 2, answer: 42 });
  });

  it('should raise DECISION_EVALUATION_ERROR when the evaluation fails', async () => {
    // given
    await deployDmn(
      'strict.dmn',
      dmn.drd(
        'g_strict',
        dmn.table(
          'strict',
          ['n'],
          ['r'],
          [
            ['> 0', '"a"'],
            ['> 1', '"b"'],
          ],
        ),
      ),
    );
    await h.deploy(
      'brt-fail.bpmn',
      b.process(
        'brt-fail',
        b.start('s'),
        b.flow('s', 'decide'),
        b.decisionTask('decide', 'strict', 'r'),
        b.flow('decide', 'e'),
        b.end('e'),
      ),
    );
    // when
    const pik = await d.start('brt-fail', { n: 5 });
    // then
    const incident = await firstIncident(pik);
    expect(incident).toMatchObject({
      errorType: 'DECISION_EVALUATION_ERROR',
      errorMessage: `Expected to evaluate decision 'strict', but multiple values aren't allowed for UNIQUE hit policy. found: '["a","b"]'`,
    });
  });

  it('should refuse a DMN resource that is not valid', async () => {
    await expect(
      deployDmn(
        'broken.dmn',
        dmn.drd('g_broken', dmn.table('needs', ['x'], ['y'], [], { requires: ['ghost'] })),
      ),
    ).rejects.toMatchObject({ statusCode: 400 });
  });
});
