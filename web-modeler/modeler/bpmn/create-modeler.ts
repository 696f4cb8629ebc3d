/**
 * The analysts' modeler: camunda-bpmn-js's Camunda 8 modeler (properties panel, element
 * templates) with our Chinese, our building blocks' templates, the checks picker and the lint
 * overlays of @camunda/linting.
 */
import Modeler from 'camunda-bpmn-js/lib/camunda-cloud/Modeler';
import lintingModule from '@camunda/linting/modeler';
import type { ElementTemplate, ProcessContract } from '@domain/process-contract';
import checkPickerModule from './features/check-picker';
import translateModule from './features/translate';

/** The page's fonts (Chinese first) for the labels drawn on the canvas. */
export const FONT =
  "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Gas Cert SC', Arial, sans-serif";

/** bpmn-js's text renderer configuration with our fonts (modeler and viewers alike). */
export const TEXT_RENDERER = {
  defaultStyle: { fontFamily: FONT },
  externalStyle: { fontFamily: FONT },
};

export type BpmnModeler = InstanceType<typeof Modeler>;

export function createModeler(
  canvas: HTMLElement,
  panel: HTMLElement,
  contract: ProcessContract,
  templates: ElementTemplate[],
): BpmnModeler {
  return new Modeler({
    container: canvas,
    propertiesPanel: { parent: panel },
    additionalModules: [translateModule, checkPickerModule, lintingModule],
    elementTemplates: templates,
    gasContract: contract,
    textRenderer: TEXT_RENDERER,
  } as never);
}
