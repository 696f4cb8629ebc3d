import fs from 'node:fs';
import path from 'node:path';
import { mainPath, processGraphOfXml } from '../../../api/use-cases/diagram-path';

const diagram = (name: string) =>
  processGraphOfXml(
    fs.readFileSync(path.join(__dirname, '..', '..', '..', 'processes', `${name}.bpmn`), 'utf8'),
  );
const names = (steps: Array<{ name: string }>) => steps.map((s) => s.name);

describe('api/use-cases/diagram-path - the main path a progress view shows', () => {
  it('should predict the approving path of a renewal before anything happened', async () => {
    const steps = mainPath(await diagram('renewal'), new Set());
    expect(names(steps)).toEqual([
      '从业人员申请证书延期',
      '聘用单位确认证书延期',
      '主管部门审批证书延期',
      '检测条件',
      '换发证书（延期五年）',
      '办结',
    ]);
    expect(steps.map((s) => s.kind)).toEqual([
      'start',
      'userTask',
      'userTask',
      'serviceTask',
      'serviceTask',
      'end',
    ]);
  });

  it('should follow the rejection where the instance took it', async () => {
    const graph = await diagram('new-issue');
    const visited = new Set(['regulator-review', 'regulator-review-decision']);
    visited.add('regulator-review-rejected');
    expect(names(mainPath(graph, visited))).toEqual([
      '考试成绩已录入',
      '主管部门审核考试成绩',
      '驳回申请',
      '申请已驳回',
    ]);
  });

  it('should skip the employer for a cancellation without one', async () => {
    const graph = await diagram('cancellation');
    const steps = names(mainPath(graph, new Set(['requested', 'has-employer', 'confirmed-join'])));
    expect(steps).not.toContain('聘用单位确认证书注销');
    expect(steps).toContain('主管部门审批证书注销');
  });

  it('should take the issuing path of an A certificate whose checks failed once, then passed', async () => {
    const graph = await diagram('new-issue');
    const visited = new Set(
      [...graph.nodes.keys()].filter(
        (id) =>
          !id.startsWith('regulator-review-rejected') &&
          !['notify-rejected', 'new-issue-rejected', 'checks-operation'].includes(id) &&
          !id.includes('lapse') &&
          !['daily-recheck', 'exam-year-over'].includes(id),
      ),
    );
    expect(names(mainPath(graph, visited))).toEqual([
      '考试成绩已录入',
      '主管部门审核考试成绩',
      '检测条件（主要负责人、安全生产管理人员）',
      '核发证书',
      '证书已核发',
    ]);
  });
});
