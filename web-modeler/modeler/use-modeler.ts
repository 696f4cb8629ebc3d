/**
 * The editor's modeler as Vue state: created in the page's elements, linted (Camunda 8.8 rules
 * and our contract) 300 ms after each change, with the findings as canvas overlays and as the
 * problems panel's list; a problem selects its element.
 */
import { ref, shallowRef } from 'vue';
import type { ElementTemplate, ProcessContract } from '@domain/process-contract';
import { BpmnModeler, createModeler } from './bpmn/create-modeler';
import { PanelProblem, lintDiagram } from './bpmn/diagram-lint';

interface Shape {
  id: string;
  businessObject: {
    name?: string;
    $type: string;
    extensionElements?: { values?: { $type: string; formId?: string }[] };
  };
}

export function useModeler() {
  const modeler = shallowRef<BpmnModeler>();
  const problems = ref<PanelProblem[]>([]);
  const checking = ref(false);
  const dirty = ref(false);
  let contract: ProcessContract;
  let extraForms: () => string[] = () => [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  const registry = () =>
    modeler.value!.get<{ get(id: string): Shape | undefined; getAll(): Shape[] }>(
      'elementRegistry',
    );
  const nameOf = (id: string) =>
    registry().get(id)?.businessObject.name?.replace(/\s+/g, '') || id || '流程图';

  async function lint() {
    checking.value = true;
    try {
      const c = { ...contract, forms: [...new Set([...contract.forms, ...extraForms()])] };
      const found = await lintDiagram(modeler.value!.getDefinitions(), c, nameOf);
      problems.value = found;
      modeler.value!.get('linting').setErrors(
        found.map((p) => ({
          id: p.elementId,
          message: p.message,
          category: p.severity === 'error' ? 'error' : 'warn',
        })),
      );
    } finally {
      checking.value = false;
    }
  }

  function mount(
    canvas: HTMLElement,
    panel: HTMLElement,
    c: ProcessContract,
    templates: ElementTemplate[],
    formsOfDraft: () => string[],
  ) {
    contract = c;
    extraForms = formsOfDraft;
    modeler.value = createModeler(canvas, panel, c, templates);
    modeler.value.get('linting').activate();
    modeler.value.on('commandStack.changed', () => {
      dirty.value = true;
      clearTimeout(timer);
      timer = setTimeout(() => void lint(), 300);
    });
  }

  /** Imports a diagram and lints it; answers how long each took (ms), for the benchmark. */
  async function importXml(xml: string): Promise<{ importMs: number; lintMs: number }> {
    const t0 = performance.now();
    await modeler.value!.importXML(xml);
    // The whole diagram, clear of the palette on the left.
    const canvas = modeler.value!.get<{
      zoom(level?: string | number, center?: 'auto'): number;
      scroll(delta: { dx: number; dy: number }): void;
    }>('canvas');
    canvas.zoom('fit-viewport', 'auto');
    canvas.zoom(canvas.zoom() * 0.86, 'auto');
    canvas.scroll({ dx: 60, dy: 10 });
    dirty.value = false;
    const t1 = performance.now();
    await lint();
    return { importMs: t1 - t0, lintMs: performance.now() - t1 };
  }

  async function xml(): Promise<string> {
    return (await modeler.value!.saveXML({ format: true })).xml!;
  }

  /** The form ids the diagram's user tasks link. */
  function formIds(): string[] {
    const ids = registry()
      .getAll()
      .flatMap((s) => s.businessObject.extensionElements?.values ?? [])
      .filter((v) => v.$type === 'zeebe:FormDefinition' && v.formId)
      .map((v) => v.formId!);
    return [...new Set(ids)];
  }

  function select(p: PanelProblem) {
    modeler.value!.get('linting').showError({ id: p.elementId });
  }

  return { modeler, problems, checking, dirty, mount, importXml, xml, formIds, select, lint };
}
