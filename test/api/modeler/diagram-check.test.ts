import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JOB_CONTRACT } from '../../../domain/process-contract';
import { checkDiagram } from '../../../api/use-cases/modeler/diagram-check';
import { PROCESSES_DIR, processContract } from '../../../api/use-cases/modeler/process-contract';
import { JOB_HANDLERS } from '../../../workers/runtime/handlers';
import { processFiles } from '../../processes/process-files';

const read = (file: string) => readFileSync(path.join(PROCESSES_DIR, file), 'utf8');
const newIssue = read('new-issue.bpmn');

describe('api/modeler - the contract check of diagrams (shared with the problems panel)', () => {
  it('should describe exactly the job types the workers serve', () => {
    expect(Object.keys(JOB_CONTRACT).sort()).toEqual(Object.keys(JOB_HANDLERS).sort());
    expect(Object.keys(processContract().jobTypes).sort()).toEqual(
      Object.keys(JOB_HANDLERS).sort(),
    );
  });

  it.each(processFiles('.bpmn'))('should find no problem in %s as it is', async (file) => {
    // when
    const { problems } = await checkDiagram(read(file), []);

    // then
    expect(problems).toEqual([]);
  });

  it.each([
    [
      'a typo in a check code',
      (x: string) => x.replace('realname,photo,employed', 'realname,phot,employed'),
      { elementId: 'checks-operation', code: 'check-unknown', message: '检测条件代码“phot”不存在' },
    ],
    [
      'a job type without a worker',
      (x: string) => x.replace('type="certificate-issue"', 'type="certificate-isue"'),
      { elementId: 'certificate-issued', code: 'job-type-unknown' },
    ],
    [
      'a user task without candidate groups',
      (x: string) => x.replace('candidateGroups="regulator"', 'candidateGroups=""'),
      { elementId: 'regulator-review', code: 'candidate-group-missing' },
    ],
    [
      'a form that does not exist',
      (x: string) => x.replace('formId="review-decision"', 'formId="review-decisoin"'),
      { elementId: 'regulator-review', code: 'form-unknown' },
    ],
    [
      'a message template that does not exist',
      (x: string) =>
        x.replace(
          'key="template" value="certificate-issued"',
          'key="template" value="certificate-isued"',
        ),
      { elementId: 'notify-issued', code: 'header-invalid' },
    ],
    [
      'a missing check list',
      (x: string) =>
        x.replace(
          /<zeebe:header key="checks" value="realname,photo,employed,holding-rules,age,employer-categories" \/>/,
          '',
        ),
      { elementId: 'checks', code: 'header-missing' },
    ],
    [
      'a worker whose variable is set by no element before it',
      // certificate-issue needs examResultId, which only new-issue's start sets
      (x: string) => x.replace(/'new-issue'|id="new-issue"/, 'id="other-issue"'),
      { code: 'process-not-started-by-system' },
    ],
    [
      'an element the engine refuses',
      (x: string) =>
        x
          .replace(/<bpmn:exclusiveGateway id="([^"]+)"/, '<bpmn:complexGateway id="$1"')
          .replace(/<\/bpmn:exclusiveGateway>/, '</bpmn:complexGateway>'),
      { code: 'element-not-supported', severity: 'error' },
    ],
  ])('should flag %s', async (_what, change, expected) => {
    // given a changed new-issue diagram
    const xml = change(newIssue);
    expect(xml).not.toBe(newIssue);

    // when
    const { problems } = await checkDiagram(xml, []);

    // then
    expect(problems).toContainEqual(expect.objectContaining(expected));
  });

  it('should flag a variable a worker needs that no element before it sets', async () => {
    // given the checks' results read by an issue that now comes before the checks
    const xml = read('employment-termination.bpmn').replace(
      'type="employment-end"',
      'type="certificate-issue"',
    );

    // when
    const { problems } = await checkDiagram(xml, []);

    // then
    expect(problems).toContainEqual(
      expect.objectContaining({
        code: 'variable-not-set',
        severity: 'error',
        elementId: 'employment-ended',
      }),
    );
  });

  it('should accept a form id that the draft itself brings', async () => {
    const xml = newIssue.replace('formId="review-decision"', 'formId="review-decision-2"');
    expect((await checkDiagram(xml, ['review-decision-2'])).problems).toEqual([]);
  });

  it('should answer one problem for XML that is not BPMN', async () => {
    const { problems } = await checkDiagram('<not-bpmn', []);
    expect(problems).toEqual([expect.objectContaining({ code: 'not-bpmn', severity: 'error' })]);
  });
});
