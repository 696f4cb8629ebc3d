/**
 * The root page `/` (issue 10 item 7): which app each kind of user works in, and the API
 * documentation. Public and static; the apps themselves ask for sign-in.
 */
import { escapeHtml, phonePage } from './phone-page';

/** Each entry: who, where, what they do there. */
export const ROOT_ENTRIES: ReadonlyArray<{ who: string; path: string; what: string }> = [
  {
    who: '从业人员',
    path: '/mobile/',
    what: '手机办理：我的证书与二维码、办件进度、消息、聘用确认、证书业务申请',
  },
  {
    who: '主管部门 · 燃气协会',
    path: '/tasklist/',
    what: '待办任务：审核考试成绩、审批证书业务、经营类别审核、工作台',
  },
  {
    who: '燃气经营企业',
    path: '/portal/',
    what: '企业门户：员工与证书、聘用与解聘、经营类别、办件与消息（企业确认事项也可在待办任务中办理）',
  },
  { who: '培训机构', path: '/training/', what: '上传考试成绩与继续教育记录' },
  { who: '系统对接', path: '/docs', what: '接口文档（可在线调试）' },
];

export function rootPage(): string {
  const cards = ROOT_ENTRIES.map(
    (e) =>
      `<a class="card" href="${escapeHtml(e.path)}"><strong>${escapeHtml(e.who)}</strong><span>${escapeHtml(e.what)}</span></a>`,
  ).join('\n');
  return phonePage(
    '燃气从业人员证书业务系统',
    '燃气经营企业从业人员证书业务系统',
    `<p class="meta">请选择您的身份进入相应系统：</p>
${cards}
<p class="meta">查验证书：用手机扫描电子证书上的二维码即可查看证书真伪和状态。</p>`,
  );
}
