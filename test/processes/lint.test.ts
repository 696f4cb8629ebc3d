import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LintResult } from './lint-diagrams';
import { processesDir, processFiles } from './process-files';

const run = promisify(execFile);

/** Lints in a child node (see lint-diagrams.ts for why), with bpmnlint's own Linter. */
async function lintAll(files: string[]): Promise<LintResult[]> {
  const script = join(__dirname, 'lint-diagrams.ts');
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script, ...files], {
    cwd: join(__dirname, '../..'),
    maxBuffer: 10 * 1024 * 1024,
  });
  return JSON.parse(stdout) as LintResult[];
}

describe('processes - bpmnlint recommended + camunda-cloud-8-8 (.bpmnlintrc)', () => {
  const diagrams = processFiles('.bpmn');
  let results: Map<string, LintResult>;

  beforeAll(async () => {
    const list = await lintAll(diagrams.map((f) => join(processesDir, f)));
    results = new Map(list.map((r) => [r.file.slice(processesDir.length + 1), r]));
  });

  it('should find the diagrams of issue 4', () => {
    expect(diagrams).toEqual(
      expect.arrayContaining([
        'category-change.bpmn',
        'category-registration.bpmn',
        'employment-proposal.bpmn',
        'employment-termination.bpmn',
        'new-issue.bpmn',
      ]),
    );
  });

  it.each(diagrams)(
    'should parse %s with the zeebe extension and lint it without errors',
    (file) => {
      // given the lint result of the diagram
      const result = results.get(file);

      // then
      expect(result).toBeDefined();
      if (result!.warnings.length > 0)
        console.warn(`${file} lint warnings:\n${result!.warnings.map((w) => `  ${w}`).join('\n')}`);
      expect(result!.parseWarnings).toEqual([]);
      expect(result!.errors).toEqual([]);
    },
  );

  it('should report errors for a diagram that breaks the rules (the linter really runs)', async () => {
    // given a diagram with a service task lacking its job type
    const bad = join(__dirname, 'fixtures/service-task-without-type.bpmn');

    // when
    const [result] = await lintAll([bad]);

    // then
    expect(result.errors).toEqual(
      expect.arrayContaining([expect.stringMatching(/^camunda-compat\/implementation /)]),
    );
  });
});
