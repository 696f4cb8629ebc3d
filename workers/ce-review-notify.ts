/**
 * `ce-review-notify` (通知复核结果, SPEC §7.5, §9): tells the holder and the unit on the
 * certificate the outcome of each review the run wrote, in a few multi-row statements. One
 * message per review and recipient whatever retries happen: the dedupe key is the review's id.
 */
import { certificateLabel } from '../domain/certificate-types';
import { isJobTypeCode } from '../domain/categories';
import { reviewsOfRun } from '../repositories/ce-reviews';
import { OutgoingMessage, deliverMessages } from '../repositories/message-delivery';
import { JobHandler, requireVariable } from './runtime/job-handler';
import { renderMessage } from './shared/message-templates';

export const ceReviewNotify: JobHandler = async ({ trx, job }) => {
  const applicationId = requireVariable(job, 'applicationId');
  const messages: OutgoingMessage[] = [];
  for (const r of await reviewsOfRun(trx, applicationId)) {
    const { title, body } = renderMessage(`ce-review-${r.outcome}`, {
      personName: r.personName,
      enterpriseName: '',
      comment: '',
      certificateLabel: certificateLabel(
        r.certificateType,
        isJobTypeCode(r.jobTypeCode) ? r.jobTypeCode : null,
      ),
      certificateNumber: r.certificateNumber,
      categoryNames: '',
      failedChecks: [],
      ceDeadline: r.deadline,
      validityEnd: r.validityEnd,
    });
    const message = {
      category: 'certificate',
      title,
      body,
      // The certificate, not the run's application: a holder reads the outcome on the
      // certificate, and the run (all of the day's certificates) is the regulator's to see.
      link: `/api/certificates/${r.certificateId}`,
      certificateId: r.certificateId,
    };
    messages.push(
      { ...message, personId: r.personId, dedupeKey: `ce-review:${r.reviewId}:person` },
      { ...message, enterpriseId: r.enterpriseId, dedupeKey: `ce-review:${r.reviewId}:enterprise` },
    );
  }
  await deliverMessages(trx, messages);
  return { variables: {}, comment: `已通知 ${messages.length / 2} 张证书的持证人和所在单位` };
};
