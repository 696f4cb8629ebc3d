/**
 * The visual diff of two versions (bpmn-js-differ over the two viewers' definitions): each
 * side's elements coloured (added green, removed red, changed orange, moved blue) and the list
 * of changes in Chinese.
 */
import { diff } from 'bpmn-js-differ';
import NavigatedViewer from 'camunda-bpmn-js/lib/camunda-cloud/NavigatedViewer';
import { TEXT_RENDERER } from './create-modeler';

export interface DiffEntry {
  id: string;
  name: string;
  kind: 'added' | 'removed' | 'changed' | 'moved';
  detail: string;
}

const ATTRIBUTES: Readonly<Record<string, string>> = {
  name: '名称',
  extensionElements: '配置（作业类型、任务头、候选组、表单、输入输出）',
  conditionExpression: '条件',
  default: '默认流',
  eventDefinitions: '事件定义',
  sourceRef: '连线起点',
  targetRef: '连线终点',
  documentation: '说明',
  attachedToRef: '所附着的任务',
  cancelActivity: '是否中断',
};

export const KIND_NAMES = {
  added: '新增',
  removed: '删除',
  changed: '修改',
  moved: '移动',
} as const;

const attributeName = (a: string) => ATTRIBUTES[a.split('.')[0]] ?? '其他属性';

interface Canvas {
  addMarker(id: string, marker: string): void;
  zoom(level: string): void;
}

function mark(viewer: NavigatedViewer, ids: string[], marker: string) {
  const canvas = viewer.get<Canvas>('canvas');
  const registry = viewer.get<{ get(id: string): unknown }>('elementRegistry');
  for (const id of ids) if (registry.get(id)) canvas.addMarker(id, marker);
}

/** Imports both diagrams, colours them and answers the changes from `left` to `right`. */
export async function showDiff(
  left: NavigatedViewer,
  right: NavigatedViewer,
  leftXml: string,
  rightXml: string,
): Promise<DiffEntry[]> {
  await Promise.all([left.importXML(leftXml), right.importXML(rightXml)]);
  const changes = diff(left.getDefinitions(), right.getDefinitions());
  const entries: DiffEntry[] = [];
  const named = (e: { id: string; name?: string }) => e.name || e.id;
  for (const e of Object.values(changes._added))
    entries.push({ id: e.id, name: named(e), kind: 'added', detail: '' });
  for (const e of Object.values(changes._removed))
    entries.push({ id: e.id, name: named(e), kind: 'removed', detail: '' });
  for (const c of Object.values(changes._changed))
    entries.push({
      id: c.model.id,
      name: named(c.model),
      kind: 'changed',
      detail:
        [...new Set(Object.keys(c.attrs).map(attributeName))].join('、') ||
        ATTRIBUTES.extensionElements,
    });
  for (const e of Object.values(changes._layoutChanged))
    if (!changes._changed[e.id])
      entries.push({ id: e.id, name: named(e), kind: 'moved', detail: '' });
  mark(left, Object.keys(changes._removed), 'diff-removed');
  mark(left, Object.keys(changes._changed), 'diff-changed');
  mark(right, Object.keys(changes._added), 'diff-added');
  mark(right, Object.keys(changes._changed), 'diff-changed');
  mark(right, Object.keys(changes._layoutChanged), 'diff-moved');
  for (const v of [left, right]) v.get<Canvas>('canvas').zoom('fit-viewport');
  return entries;
}

export function createViewer(container: HTMLElement): NavigatedViewer {
  return new NavigatedViewer({ container, textRenderer: TEXT_RENDERER });
}
