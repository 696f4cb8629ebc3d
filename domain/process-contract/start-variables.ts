/**
 * The variables the API (or the daily work) sets when it starts each process
 * (processes/README.md, "Variables in"): what a diagram may rely on from its first element.
 */
const PERSON_EMPLOYMENT = [
  'applicationId',
  'employmentId',
  'personId',
  'idNumber',
  'enterpriseId',
  'creditCode',
];
const ENTERPRISE_CATEGORIES = ['applicationId', 'enterpriseId', 'creditCode', 'categories'];
const CERTIFICATE_BUSINESS = [
  'applicationId',
  'certificateId',
  'certificateNumber',
  'certificateType',
  'jobTypeCode',
  'personId',
  'idNumber',
  'enterpriseId',
  'creditCode',
  'employerConfirms',
  'businessName',
];

export const START_VARIABLES: Readonly<Record<string, readonly string[]>> = {
  'employment-proposal': PERSON_EMPLOYMENT,
  'employment-termination': PERSON_EMPLOYMENT,
  'category-registration': ENTERPRISE_CATEGORIES,
  'category-change': ENTERPRISE_CATEGORIES,
  'new-issue': [
    'applicationId',
    'examResultId',
    'personId',
    'idNumber',
    'enterpriseId',
    'creditCode',
    'certificateType',
    'jobTypeCode',
    'examDate',
  ],
  'work-unit-change': CERTIFICATE_BUSINESS,
  'name-change': CERTIFICATE_BUSINESS,
  renewal: CERTIFICATE_BUSINESS,
  cancellation: CERTIFICATE_BUSINESS,
  'auto-review': ['applicationId', 'certificateCount'],
  'enterprise-rename': [
    'applicationId',
    'enterpriseId',
    'creditCode',
    'enterpriseName',
    'previousName',
  ],
};
