/**
 * The fields of an application's subject (what it is about) as a reviewer reads them: Chinese
 * labels and values, in a fixed order; fields without a label here are not shown, so no
 * internal name reaches the page.
 */
import { CATEGORY_NAMES, CategoryCode, JOB_TYPE_NAMES, JobTypeCode } from '@domain/categories';
import { CERTIFICATE_TYPE_NAMES, CertificateType } from '@domain/certificate-types';

const categories = (v: unknown) =>
  Array.isArray(v)
    ? v.map((c) => `${CATEGORY_NAMES[c as CategoryCode] ?? c}（${c}）`).join('、')
    : '';

const FIELDS: Array<[string, string, (v: unknown) => string]> = [
  ['personName', '姓名', String],
  ['holderName', '持证人', String],
  ['idNumber', '身份证号码', String],
  ['fromName', '原姓名', String],
  ['toName', '新姓名', String],
  ['enterpriseName', '企业名称', String],
  ['creditCode', '统一社会信用代码', String],
  ['certificateNumber', '证书编号', String],
  ['certificateType', '证书类型', (v) => CERTIFICATE_TYPE_NAMES[v as CertificateType] ?? ''],
  ['jobTypeCode', '工种', (v) => JOB_TYPE_NAMES[v as JobTypeCode] ?? ''],
  ['jobType', '工种', (v) => JOB_TYPE_NAMES[v as JobTypeCode] ?? ''],
  ['examDate', '考试日期', String],
  ['unitName', '证书单位', String],
  ['unitCreditCode', '单位信用代码', String],
  ['fromUnit', '原工作单位', String],
  ['toUnit', '新工作单位', String],
  ['validityEnd', '有效期至', String],
  ['certificateCount', '复核证书数', (v) => `${v} 张`],
  ['ceDeadlineFrom', '继续教育截止日期（起）', String],
  ['ceDeadlineTo', '继续教育截止日期（止）', String],
  ['previousCategories', '原经营类别', categories],
  ['categories', '申请经营类别', categories],
  ['contractStart', '劳动合同开始日期', String],
  ['contractEnd', '劳动合同结束日期', (v) => (v === null ? '无固定期限' : String(v))],
];

/** Labels that read otherwise for one kind of application: a rename changes the enterprise's name. */
const LABELS_OF_TYPE: Record<string, Record<string, string>> = {
  'enterprise-rename': {
    fromName: '原企业名称',
    toName: '新企业名称',
    certificates: '涉及证书（张）',
  },
};

export function subjectFields(subject: Record<string, unknown>, type = '') {
  const labels = LABELS_OF_TYPE[type] ?? {};
  const fields: typeof FIELDS = [
    ...FIELDS,
    ...Object.keys(labels)
      .filter((key) => !FIELDS.some(([k]) => k === key))
      .map((key): (typeof FIELDS)[number] => [key, '', String]),
  ];
  return fields
    .filter(([key]) => key in subject && subject[key] !== undefined)
    .map(([key, label, show]) => ({ label: labels[key] ?? label, value: show(subject[key]) }))
    .filter((f) => f.value !== '' && f.value !== 'null');
}
