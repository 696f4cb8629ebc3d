/** The diagrams an analyst can open, compare and restore: deployed versions and drafts. */
import { formatDateTime } from '@shared/format';
import { Draft, Forms, ProcessDetail, modelerApi } from './modeler-api';

export type DiagramSource =
  { kind: 'version'; version: number } | { kind: 'draft'; id: string } | { kind: 'current' };

export function sourceKey(s: DiagramSource): string {
  return s.kind === 'version' ? `v${s.version}` : s.kind === 'draft' ? `d${s.id}` : 'current';
}

export function sourceOfKey(key: string): DiagramSource {
  if (key.startsWith('v')) return { kind: 'version', version: Number(key.slice(1)) };
  if (key.startsWith('d')) return { kind: 'draft', id: key.slice(1) };
  return { kind: 'current' };
}

export function sourceLabel(s: DiagramSource, detail: ProcessDetail): string {
  if (s.kind === 'current') return '编辑器中的当前内容';
  if (s.kind === 'version') return `已部署第 ${s.version} 版`;
  const d = detail.drafts.find((x) => x.id === s.id);
  return d
    ? `草稿 #${d.id}（${d.comment}，${d.author} ${formatDateTime(d.createdAt)}）`
    : `草稿 #${s.id}`;
}

/** Every source of a process, newest first, for the selects of the diff and restore. */
export function allSources(detail: ProcessDetail): DiagramSource[] {
  return [
    ...detail.drafts.map((d) => ({ kind: 'draft' as const, id: d.id })),
    ...detail.versions.map((v) => ({ kind: 'version' as const, version: v.version })),
  ];
}

/** The XML (and, for a draft, its forms) of a stored source. */
export async function loadSource(
  processId: string,
  s: Exclude<DiagramSource, { kind: 'current' }>,
): Promise<{ xml: string; forms: Forms; draft?: Draft }> {
  if (s.kind === 'version')
    return { xml: (await modelerApi.version(processId, s.version)).xml, forms: {} };
  const draft = await modelerApi.draft(processId, s.id);
  return { xml: draft.xml, forms: draft.forms, draft };
}
