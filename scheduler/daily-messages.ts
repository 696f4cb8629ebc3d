/**
 * The Chinese messages the daily work sends itself (SPEC §7.5, §9): the reminders and the
 * expiry. The automatic review's messages are `message-send` templates of its diagram.
 */
import { isJobTypeCode } from '../domain/categories';
import { certificateLabel } from '../domain/certificate-types';
import type { DailyWorkKind, DueCertificate } from '../repositories/daily-work';
import type { RenderedMessage } from '../workers/shared/message-templates';

const subject = (c: DueCertificate) =>
  `${c.holderName}的${certificateLabel(c.type, isJobTypeCode(c.jobType) ? c.jobType : null)}（证书编号${c.number}）`;

export const DAILY_MESSAGES: Readonly<
  Record<Exclude<DailyWorkKind, 'auto-review'>, (c: DueCertificate) => RenderedMessage>
> = {
  'ce-reminder': (c) => ({
    title: '继续教育即将到期',
    body: `${subject(c)}的继续教育截止日期为${c.ceDeadline}，请在此之前完成继续教育并取得继续教育合格证明；逾期未完成的，证书将被标记为异常（证书未按规定时间完成继续教育）。`,
  }),
  'expiry-reminder': (c) => ({
    title: '证书即将到期',
    body: `${subject(c)}的有效期至${c.validityEnd}，请在有效期届满前办理证书延期；有效期届满后不能再申请延期。`,
  }),
  expiry: (c) => ({
    title: '证书已过期',
    body: `${subject(c)}的有效期已于${c.validityEnd}届满，证书已过期，不能继续使用。`,
  }),
};
