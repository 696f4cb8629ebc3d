/**
 * `category-change-apply` (SPEC §4), in one transaction: the categories are replaced; every
 * valid or abnormal A/B certificate of the enterprise is reissued with the new category segment
 * (same certificate, same dates, same serial: back to earlier categories, its earlier number); a C certificate whose job type is no longer covered is marked
 * abnormal, and that mark alone is lifted once a change covers it again; each affected holder
 * gets one message.
 */
import type { Knex } from 'knex';
import { CategoryCode, JobTypeCode, categoryNames, isJobTypeAllowed } from '../domain/categories';
import { resegment } from '../domain/certificate-number';
import { certificateLabel } from '../domain/certificate-types';
import {
  CertificatePrintData,
  changeCertificateNumber,
  findCertificatePrintData,
  insertIssuance,
  liftAbnormal,
  lockLiveCertificatesOfUnit,
  markAbnormal,
} from '../repositories/certificate-issuance';
import { numberHolder } from '../repositories/certificate-numbers';
import { approveCategories } from '../repositories/enterprise-categories';
import { deliverMessage } from '../repositories/message-delivery';
import { JobHandler, requireVariable } from './runtime/job-handler';
import { categoriesVariable } from './shared/categories-variable';
import { renderCertificateDocument } from './shared/certificate-document';

const NOT_COVERED = 'category-not-covering-job-type';

/** What happened to one certificate, as the Chinese sentence its holder reads. */
type Effect = string | null;

async function reissue(
  trx: Knex,
  c: CertificatePrintData,
  categories: CategoryCode[],
  applicationId: string,
): Promise<Effect> {
  const number = resegment(c.number, categories);
  if (number === c.number) return null;
  // Back to categories it had before, the certificate takes its own earlier number again (SPEC
  // §5.3). The serial is its own, so no other certificate can hold the number; should one all
  // the same, the job fails (and the trigger would refuse it) rather than print a stranger's.
  const holder = await numberHolder(trx, number);
  if (holder !== undefined && holder !== String(c.id))
    throw new Error(`Number ${number} of certificate ${c.id} is held by certificate ${holder}`);
  await changeCertificateNumber(trx, c.id, number);
  const document = await renderCertificateDocument((await findCertificatePrintData(trx, c.id))!);
  await insertIssuance(trx, {
    certificateId: c.id,
    applicationId,
    kind: 'reissue',
    reason: 'category-change',
    number,
    ...document,
  });
  return `因${c.unitName}经营类别变更为${categoryNames(categories)}，您的${certificateLabel(c.type)}已换发，证书编号由${c.number}变更为${number}，有效期不变。`;
}

async function remark(
  trx: Knex,
  c: CertificatePrintData,
  categories: CategoryCode[],
  applicationId: string,
): Promise<Effect> {
  const jobType = c.jobType as JobTypeCode;
  const covered = isJobTypeAllowed(categories, jobType);
  const marked = c.abnormalReasons.includes(NOT_COVERED);
  const label = `${certificateLabel('C', jobType)}（${c.number}）`;
  if (!covered && !marked) {
    await markAbnormal(trx, c.id, NOT_COVERED, applicationId);
    return `因${c.unitName}经营类别变更为${categoryNames(categories)}，已不包含您的证书工种，您的${label}已标记为异常，暂不能使用。`;
  }
  if (covered && marked) {
    await liftAbnormal(trx, c.id, NOT_COVERED);
    return `因${c.unitName}经营类别变更为${categoryNames(categories)}，已重新包含您的证书工种，您的${label}的“经营类别不包含证书工种”异常已解除。`;
  }
  return null;
}

export const categoryChangeApply: JobHandler = async ({ trx, job }) => {
  const applicationId = requireVariable(job, 'applicationId');
  const enterpriseId = requireVariable(job, 'enterpriseId');
  const categories = categoriesVariable(job);
  await approveCategories(trx, enterpriseId, categories);
  for (const c of await lockLiveCertificatesOfUnit(trx, enterpriseId)) {
    const effect =
      c.type === 'C'
        ? await remark(trx, c, categories, applicationId)
        : await reissue(trx, c, categories, applicationId);
    if (!effect) continue;
    await deliverMessage(trx, {
      personId: c.personId,
      category: 'certificate',
      title: c.type === 'C' ? '证书状态变更' : '证书已换发',
      body: effect,
      link: `/api/certificates/${c.id}`,
      applicationId,
      certificateId: c.id,
      dedupeKey: `job:${job.key}:certificate:${c.id}`,
    });
  }
  return { variables: {}, changed: { enterpriseIds: [enterpriseId] } };
};
