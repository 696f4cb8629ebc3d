/**
 * Names of the timeline steps that are not elements of a diagram: written by the API or the
 * system around the process (the diagram's own steps are named by the deployed diagram, see
 * diagram-names.ts). The one table of them.
 */
export const STEP_NAMES: Readonly<Record<string, string>> = {
  submitted: '提交申请',
  withdrawn: '撤回申请',
  cancelled: '撤销办件',
  'instance-terminated': '流程终止',
  'task-reassigned': '转办',
  'process-restarted': '重新办理',
  'cancellation-explained': '撤销说明',
};

/** A step's Chinese name: the diagram's element name, else this table, else the code itself. */
export function stepName(step: string, diagramNames: ReadonlyMap<string, string>): string {
  return diagramNames.get(step) ?? STEP_NAMES[step] ?? step;
}
