import { parseBpmn } from '../../engine';
import type { FlowNode, ProcessModel } from '../../engine';
import { CHECK_CODES } from '../../domain/checks/run-checks';
import { processFiles, readProcessFile } from './process-files';

/*
 * The contract of processes/README.md, checked on the diagrams themselves, so an analyst's edit
 * in the modeler that breaks it (a task without `step`, a check code with a typo, a user task
 * without a form) fails `npm test` before it reaches the workers.
 */

const JOB_TYPES = [
  'message-send',
  'application-reject',
  'application-checks',
  'application-lapse',
  'certificate-issue',
  'employment-activate',
  'employment-decline',
  'employment-lapse',
  'employment-end',
  'category-registration-apply',
  'category-change-apply',
  'work-unit-change-apply',
  'name-change-apply',
  'renewal-apply',
  'certificate-cancel',
  'enterprise-rename-apply',
  'ce-review',
  'ce-review-notify',
];
/** Processes the system runs alone, without a person's decision (no user task). */
const SYSTEM_PROCESSES = ['auto-review.bpmn'];
const APPLICATION_STATES = ['awaiting-review', 'approved', 'rejected', 'lapsed', 'completed'];
const RECIPIENTS = ['person', 'enterprise', 'person,enterprise'];
const MESSAGE_CATEGORIES = ['employment', 'business-category', 'certificate', 'application'];
const CANDIDATE_GROUPS = [
  'regulator',
  'association',
  '=["person:" + idNumber]',
  '=["enterprise:" + creditCode]',
];

const readme = readProcessFile('README.md');
const forms = processFiles('.form').map((f) => f.replace(/\.form$/, ''));

async function load(file: string): Promise<ProcessModel> {
  const { processes, errors } = await parseBpmn(readProcessFile(file));
  expect(errors).toEqual([]);
  expect(processes).toHaveLength(1);
  return processes[0];
}

const nodesOf = (p: ProcessModel, kind: FlowNode['kind']) =>
  [...p.elements.values()].filter((n) => n.kind === kind);

describe('processes - conventions of processes/README.md', () => {
  const diagrams = processFiles('.bpmn');

  it.each(diagrams)('should name the process after its file: %s', async (file) => {
    const p = await load(file);
    expect(p.id).toBe(file.replace(/\.bpmn$/, ''));
    expect(p.name).toMatch(/\p{Script=Han}/u);
  });

  it.each(diagrams)(
    'should give every job in %s a documented type, 3 retries and its element id as step',
    async (file) => {
      // given
      const p = await load(file);

      // when
      const problems = nodesOf(p, 'jobTask').flatMap((job) => [
        ...(JOB_TYPES.includes(job.taskType ?? '') && readme.includes(`\`${job.taskType}\``)
          ? []
          : [`${job.id}: undocumented job type ${job.taskType}`]),
        ...(job.retries === '3' ? [] : [`${job.id}: retries ${job.retries}`]),
        ...(job.headers.step === job.id ? [] : [`${job.id}: step ${job.headers.step}`]),
        ...(job.headers.applicationState === undefined ||
        APPLICATION_STATES.includes(job.headers.applicationState)
          ? []
          : [`${job.id}: applicationState ${job.headers.applicationState}`]),
        ...(/\p{Script=Han}/u.test(job.name ?? '') ? [] : [`${job.id}: no Chinese name`]),
      ]);

      // then
      expect(problems).toEqual([]);
    },
  );

  it.each(diagrams)('should give every message-send in %s a documented message', async (file) => {
    const p = await load(file);
    for (const job of nodesOf(p, 'jobTask').filter((j) => j.taskType === 'message-send')) {
      expect(RECIPIENTS).toContain(job.headers.recipient);
      expect(MESSAGE_CATEGORIES).toContain(job.headers.category);
      expect(readme).toContain(`\`${job.headers.template}\``);
    }
  });

  it.each(diagrams)('should list only known check codes in %s', async (file) => {
    const p = await load(file);
    for (const job of nodesOf(p, 'jobTask').filter((j) => j.taskType === 'application-checks')) {
      const codes = job.headers.checks.split(',');
      expect(codes.length).toBeGreaterThan(0);
      expect(CHECK_CODES).toEqual(expect.arrayContaining(codes));
    }
  });

  it.each(diagrams.filter((f) => !SYSTEM_PROCESSES.includes(f)))(
    'should give every user task in %s a form, candidate groups and an approve/reject gateway',
    async (file) => {
      const p = await load(file);
      const tasks = nodesOf(p, 'userTask');
      expect(tasks.length).toBeGreaterThan(0);
      for (const task of tasks) {
        expect(forms).toContain(task.userTask?.formId);
        expect(CANDIDATE_GROUPS).toContain(task.userTask?.candidateGroups);
        expect(task.outgoing).toHaveLength(1);
        const gateway = p.elements.get(p.flows.get(task.outgoing[0])!.targetId)!;
        expect(gateway.kind).toBe('exclusiveGateway');
        expect(gateway.defaultFlow).toBeDefined();
        const conditions = gateway.outgoing.map((f) => p.flows.get(f)!.condition);
        expect(conditions).toContain('=decision = "approve"');
      }
    },
  );

  it('should run category-covers for C certificates only', async () => {
    const p = await load('new-issue.bpmn');
    const checks = Object.fromEntries(
      nodesOf(p, 'jobTask')
        .filter((j) => j.taskType === 'application-checks')
        .map((j) => [j.id, j.headers.checks.split(',')]),
    );
    expect(checks['checks-operation']).toContain('category-covers');
    expect(checks['checks']).not.toContain('category-covers');
    const spec71 = ['realname', 'photo', 'employed', 'holding-rules', 'age', 'employer-categories'];
    expect(checks['checks-operation']).toEqual(expect.arrayContaining(spec71));
    expect(checks['checks']).toEqual(expect.arrayContaining(spec71));
  });
});
