/* The modeler's libraries ship no typings; these are the parts the pages use. */
declare module 'camunda-bpmn-js/lib/camunda-cloud/Modeler' {
  export default class Modeler {
    constructor(options: unknown);
    importXML(xml: string): Promise<{ warnings: unknown[] }>;
    saveXML(options?: { format?: boolean }): Promise<{ xml?: string }>;
    getDefinitions(): import('@domain/process-contract').ModdleElement;
    get<T = any>(service: string): T; // eslint-disable-line @typescript-eslint/no-explicit-any
    on(event: string, callback: (...args: any[]) => void): void; // eslint-disable-line @typescript-eslint/no-explicit-any
    destroy(): void;
  }
}
declare module 'camunda-bpmn-js/lib/camunda-cloud/NavigatedViewer' {
  export default class NavigatedViewer {
    constructor(options: unknown);
    importXML(xml: string): Promise<{ warnings: unknown[] }>;
    getDefinitions(): import('@domain/process-contract').ModdleElement;
    get<T = any>(service: string): T; // eslint-disable-line @typescript-eslint/no-explicit-any
    destroy(): void;
  }
}
declare module '@camunda/linting' {
  export class Linter {
    constructor(options: { modeler?: string; type?: string });
    lint(definitions: unknown): Promise<unknown[]>;
  }
}
declare module '@camunda/linting/modeler' {
  const module: object;
  export default module;
}
declare module 'bpmn-js-differ' {
  interface Changes {
    _added: Record<string, { $type: string; id: string }>;
    _removed: Record<string, { $type: string; id: string }>;
    _changed: Record<
      string,
      { model: { $type: string; id: string; name?: string }; attrs: Record<string, unknown> }
    >;
    _layoutChanged: Record<string, { $type: string; id: string }>;
  }
  export function diff(a: unknown, b: unknown): Changes;
}
declare module '@bpmn-io/properties-panel' {
  export const CheckboxEntry: unknown;
}
declare module '@bpmn-io/properties-panel/preact' {
  export function h(component: unknown, props: unknown): unknown;
}
declare module 'bpmn-js-properties-panel' {
  export function useService(name: string): any; // eslint-disable-line @typescript-eslint/no-explicit-any
}
