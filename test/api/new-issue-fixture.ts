/** A new-issue application awaiting the regulator's review, through the API (shared by suites). */
import { addDays, todayInChina } from '../../domain/calendar-date';
import {
  ProcessApi,
  employed,
  enterpriseWithCategories,
  personWithPhoto,
} from './process-api-harness';

/**
 * An employed person with a photo, an exam result imported by `training` and the new-issue
 * application it started, awaiting the regulator; `association` registers the enterprise.
 */
export async function newIssueAwaitingReview(
  api: ProcessApi,
  tokens: { training: string; association: string },
  name: string,
  certificateType = 'C',
) {
  const e = await enterpriseWithCategories(api, tokens.association);
  const p = await personWithPhoto(api, name);
  await employed(api, e, p);
  const res = await api.request('POST', '/api/exam-results', {
    token: tokens.training,
    body: {
      results: [
        {
          idNumber: p.idNumber,
          name: p.name,
          certificateType,
          jobTypeCode: certificateType === 'C' ? '04' : null,
          examDate: addDays(todayInChina(new Date()), -7),
          passed: true,
        },
      ],
    },
  });
  if (res.status !== 200) throw new Error(`exam import: ${JSON.stringify(res.body)}`);
  const [r] = res.body.results as Array<{ applicationId: string; processInstanceKey: string }>;
  return { e, p, applicationId: r.applicationId, processInstanceKey: r.processInstanceKey };
}
