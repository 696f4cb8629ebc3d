/**
 * The Chinese title and body of every `message-send` template (processes/README.md). Pure
 * functions of plain data, so a template can be read and tested without the engine.
 */

export interface MessageData {
  personName: string;
  enterpriseName: string;
  /** The reviewer's reason, for rejections. */
  comment: string;
  /** e.g. "运行、维护和抢修人员证书（燃气用户检修工）". */
  certificateLabel: string;
  certificateNumber: string;
  /** e.g. "管道燃气、瓶装燃气". */
  categoryNames: string;
  /** Messages of the failed checks. */
  failedChecks: string[];
  /** The business on a certificate, e.g. "工作单位变更" (variable `businessName`). */
  businessName?: string;
  /** The CE deadline and validity end of the certificate (automatic review), `YYYY-MM-DD`. */
  ceDeadline?: string;
  validityEnd?: string;
}

export interface RenderedMessage {
  title: string;
  body: string;
}

type Template = (d: MessageData) => RenderedMessage;

const reason = (d: MessageData) => (d.comment ? `理由：${d.comment}` : '');

export const MESSAGE_TEMPLATES: Readonly<Record<string, Template>> = {
  'employment-proposed': (d) => ({
    title: `${d.enterpriseName}拟聘用您，请确认`,
    body: `${d.enterpriseName}向您发起聘用申请，请在30日内确认是否同意聘用；逾期未确认，聘用申请将自动失效。`,
  }),
  'employment-activated': (d) => ({
    title: `${d.personName}已同意聘用`,
    body: `${d.personName}已确认聘用，与贵单位的聘用关系已生效。`,
  }),
  'employment-declined': (d) => ({
    title: `${d.personName}拒绝了聘用`,
    body: `${d.personName}拒绝了贵单位的聘用申请。${reason(d)}`,
  }),
  'employment-lapsed': (d) => ({
    title: '聘用申请已失效',
    body: `${d.enterpriseName}对${d.personName}的聘用申请30日内未获确认，已自动失效。`,
  }),
  // Says the person took another job, not where: the enterprise may know no more than that.
  'employment-superseded': (d) => ({
    title: '聘用申请已失效',
    body: `${d.personName}已受聘于其他单位，贵单位对其的聘用申请已自动失效。`,
  }),
  'termination-requested': (d) => ({
    title: `${d.personName}申请解除聘用`,
    body: `${d.personName}申请解除与贵单位的聘用关系，请确认。`,
  }),
  'employment-ended': (d) => ({
    title: '聘用关系已解除',
    body: `${d.enterpriseName}已确认解除与您的聘用关系。`,
  }),
  'termination-rejected': (d) => ({
    title: '解除聘用申请未通过',
    body: `${d.enterpriseName}不同意解除聘用关系。${reason(d)}`,
  }),
  'category-registration-approved': (d) => ({
    title: '经营类别登记已通过',
    body: `贵单位的经营类别登记已通过燃气协会审核，经营类别：${d.categoryNames}。`,
  }),
  'category-registration-rejected': (d) => ({
    title: '经营类别登记未通过',
    body: `贵单位的经营类别登记未通过燃气协会审核。${reason(d)}`,
  }),
  'category-change-approved': (d) => ({
    title: '经营类别变更已通过',
    body: `贵单位的经营类别变更已通过燃气协会审核，变更后的经营类别：${d.categoryNames}。相关人员证书已按新的经营类别换发或标记。`,
  }),
  'category-change-rejected': (d) => ({
    title: '经营类别变更未通过',
    body: `贵单位的经营类别变更未通过燃气协会审核。${reason(d)}`,
  }),
  'enterprise-rename-approved': (d) => ({
    title: '企业名称变更已办结',
    body: `贵单位的企业名称变更已获主管部门批准，企业名称已变更为“${d.enterpriseName}”。通过检测的人员证书已按新名称换发（证书编号、有效期不变）；未通过检测的证书未换发，仍为原单位名称，详见办件。`,
  }),
  'enterprise-rename-rejected': (d) => ({
    title: '企业名称变更未通过',
    body: `贵单位的企业名称变更申请未通过主管部门审批，企业名称未变更，相关证书已解除锁定。${reason(d)}`,
  }),
  'certificate-issued': (d) => ({
    title: '证书已发放',
    body: `${d.personName}的${d.certificateLabel}已发放，证书编号${d.certificateNumber}，电子证书可立即查看和下载。`,
  }),
  'checks-failed': (d) => ({
    title: '发证检测条件未满足',
    body: `您的${d.certificateLabel}暂不能发放，以下条件未满足：${d.failedChecks.join('；')}。相关资料更新后系统将自动重新检测，并每日复核。`,
  }),
  'application-rejected': (d) => ({
    title: '申请未通过审核',
    body: `您的${d.certificateLabel || '业务'}申请未通过主管部门审核。${reason(d)}`,
  }),
  'application-lapsed': (d) => ({
    title: '申请已失效',
    body: `您的${d.certificateLabel || '业务'}申请自考试之日起满一年仍未满足发证条件，已失效。`,
  }),
  // The businesses on an existing certificate (SPEC §7.2–§7.7), one set for all four.
  'certificate-business-requested': (d) => ({
    title: `${d.personName}申请${d.businessName}，请确认`,
    body: `${d.personName}申请办理${d.certificateLabel}（${d.certificateNumber}）的${d.businessName}，请贵单位确认；确认后由主管部门审批。`,
  }),
  'certificate-business-confirmed': (d) => ({
    title: `${d.businessName}：单位已确认`,
    body: `${d.enterpriseName}已确认您的${d.businessName}申请（证书${d.certificateNumber}），等待主管部门审批。`,
  }),
  'certificate-business-rejected': (d) => ({
    title: `${d.businessName}申请未通过`,
    body: `您的${d.certificateLabel}（${d.certificateNumber}）${d.businessName}申请未通过。${reason(d)}`,
  }),
  'certificate-business-unmet': (d) => ({
    title: `${d.businessName}未能办结`,
    body: `您的${d.businessName}申请在办理时复核未通过，已终止办理：${d.failedChecks.join('；')}。证书可再次申请办理业务。`,
  }),
  'certificate-reissued': (d) => ({
    title: `${d.businessName}已办结，证书已换发`,
    body: `${d.personName}的${d.certificateLabel}已因${d.businessName}换发，证书编号${d.certificateNumber}，新的电子证书可立即查看和下载。`,
  }),
  'certificate-cancelled': (d) => ({
    title: '证书已注销',
    body: `您的${d.certificateLabel}（${d.certificateNumber}）已注销。如需继续从业，须重新参加考核取得证书。`,
  }),
  'ce-review-passed': (d) => ({
    title: '继续教育复核已通过',
    body: `${d.personName}的${d.certificateLabel}（证书编号${d.certificateNumber}）已通过系统自动复核，继续教育截止日期调整为证书有效期截止日${d.validityEnd ?? ''}。`,
  }),
  'ce-review-failed': (d) => ({
    title: '证书已标记为异常',
    body: `${d.personName}的${d.certificateLabel}（证书编号${d.certificateNumber}）在继续教育截止日期${d.ceDeadline ?? ''}前未取得继续教育合格证明，经系统自动复核，证书状态为异常：证书未按规定时间完成继续教育。异常证书不能继续使用，只能办理注销。`,
  }),
};

export function renderMessage(template: string, data: MessageData): RenderedMessage {
  const render = MESSAGE_TEMPLATES[template];
  if (!render) throw new Error(`Unknown message template: ${template}`);
  return render(data);
}
