import { elementNamesOfXml } from '../../../api/use-cases/diagram-names';
import { STEP_NAMES, stepName } from '../../../api/use-cases/timeline-steps';
import { readProcessFile } from '../../processes/process-files';

describe("api/use-cases/diagram-names - the Chinese names of a diagram's elements", () => {
  it.each([
    ['regulator-review', '主管部门审核考试成绩'],
    ['certificate-issued', '核发证书'],
    ['checks', '检测条件（主要负责人、安全生产管理人员）'],
    ['regulator-review-rejected', '驳回申请'],
    ['exam-year-over', '考试满一年'],
    ['new-issue', '新发证'],
  ])('should name %s of new-issue.bpmn %s', async (id, name) => {
    const names = await elementNamesOfXml(readProcessFile('new-issue.bpmn'));
    expect(names.get(id)).toBe(name);
  });

  it('should name elements inside a subprocess and join a label broken over lines', async () => {
    // given
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:subProcess id="sub" name="子流程">
      <bpmn:task id="inner" name="主管部门
        审核" />
    </bpmn:subProcess>
    <bpmn:task id="unnamed" />
  </bpmn:process>
  <bpmn:message id="m" name="some-message" />
</bpmn:definitions>`;
    // when
    const names = await elementNamesOfXml(xml);
    // then
    expect(Object.fromEntries(names)).toEqual({ sub: '子流程', inner: '主管部门审核' });
  });
});

describe("api/use-cases/timeline-steps - a step's name", () => {
  const diagram = new Map([['regulator-review', '主管部门审核考试成绩']]);
  it.each([
    ['regulator-review', '主管部门审核考试成绩'],
    ['submitted', '提交申请'],
    ['cancelled', '撤销办件'],
    ['instance-terminated', '流程终止'],
    ['unknown-step', 'unknown-step'],
  ])('should name %s %s', (step, name) => {
    expect(stepName(step, diagram)).toBe(name);
  });

  it('should name every step of the table in Chinese', () => {
    for (const name of Object.values(STEP_NAMES)) expect(name).toMatch(/[\u4e00-\u9fff]/);
  });
});
