import { JOB_HANDLERS } from '../../../workers/runtime/handlers';
import { MESSAGE_TEMPLATES, renderMessage } from '../../../workers/shared/message-templates';
import { processFiles, readProcessFile } from '../../processes/process-files';

/*
 * The contract between processes/ and workers/: every job type a diagram uses has a handler
 * (file name = job type), and every message template it names can be rendered in Chinese.
 */
describe('workers/runtime - handlers match the diagrams', () => {
  const diagrams = processFiles('.bpmn').map(readProcessFile).join('\n');
  const all = (pattern: RegExp) => [...new Set([...diagrams.matchAll(pattern)].map((m) => m[1]))];
  const jobTypes = all(/zeebe:taskDefinition type="([^"]+)"/g);
  /** Templates a worker renders itself, by outcome (ce-review-notify), not named by a header. */
  const WORKER_TEMPLATES = ['ce-review-passed', 'ce-review-failed'];
  const templates = [...all(/zeebe:header key="template" value="([^"]+)"/g), ...WORKER_TEMPLATES];

  it.each(jobTypes)('should have a handler for job type %s', (type) => {
    expect(JOB_HANDLERS[type]).toBeInstanceOf(Function);
  });

  it('should serve no job type that no diagram uses', () => {
    expect(Object.keys(JOB_HANDLERS).sort()).toEqual([...jobTypes].sort());
  });

  it.each(templates)('should render the template %s with a Chinese title and body', (template) => {
    // when
    const m = renderMessage(template, {
      personName: '王建国',
      enterpriseName: '西宁燃气有限公司',
      comment: '材料不全',
      certificateLabel: '安全生产管理人员证书',
      certificateNumber: '青GPB2026000001',
      categoryNames: '管道燃气、瓶装燃气',
      failedChecks: ['人员未上传证件照'],
    });

    // then
    expect(m.title).toMatch(/[\u4e00-\u9fff]/);
    expect(m.body).toMatch(/[\u4e00-\u9fff]/);
  });

  it('should have no template that no diagram names', () => {
    expect(Object.keys(MESSAGE_TEMPLATES).sort()).toEqual([...templates].sort());
  });

  it('should refuse an unknown template so a modeler typo becomes an incident', () => {
    expect(() => renderMessage('certificate-isued', {} as never)).toThrow(
      'Unknown message template: certificate-isued',
    );
  });
});
