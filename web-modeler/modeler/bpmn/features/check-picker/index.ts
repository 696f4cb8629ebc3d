/**
 * The properties panel group "检测条件选择": for a task whose job type reads a `checks` header
 * (application-checks, enterprise-rename-apply), one checkbox per check of the catalogue with its
 * Chinese name, so an analyst picks checks and never types a code.
 */
import type { ProcessContract } from '@domain/process-contract';
import { CheckEntry } from './check-entry';

interface Shape {
  businessObject: { extensionElements?: { values?: { $type: string; type?: string }[] } };
}

const jobTypeOf = (element: Shape) =>
  element.businessObject.extensionElements?.values?.find((v) => v.$type === 'zeebe:TaskDefinition')
    ?.type;

class CheckPickerProvider {
  static $inject = ['propertiesPanel', 'config.gasContract'];

  constructor(
    propertiesPanel: { registerProvider(priority: number, provider: unknown): void },
    private readonly contract: ProcessContract,
  ) {
    propertiesPanel.registerProvider(400, this);
  }

  getGroups(element: Shape) {
    return (groups: { id: string }[]) => {
      const job = this.contract.jobTypes[jobTypeOf(element) ?? ''];
      if (!job?.headers.some((h) => h.kind === 'checks')) return groups;
      const entries = this.contract.checks.map((c) => ({
        id: `gas-check-${c.code}`,
        component: CheckEntry,
        element,
        code: c.code,
        label: `${c.title}（${c.code}）`,
      }));
      const at = Math.max(1, groups.findIndex((g) => g.id === 'general') + 1);
      groups.splice(at, 0, { id: 'gas-checks', label: '检测条件选择', entries } as never);
      return groups;
    };
  }
}

export default {
  __init__: ['gasCheckPicker'],
  gasCheckPicker: ['type', CheckPickerProvider],
};
