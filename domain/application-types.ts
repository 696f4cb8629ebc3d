/** The kinds of application (办件, SPEC §7, §8) with their Chinese names, for the API and the pages. */
export const APPLICATION_TYPE_NAMES = {
  'employment-proposal': '聘用确认',
  'employment-termination': '解除聘用',
  'category-registration': '经营类别登记',
  'category-change': '经营类别变更',
  'new-issue': '新发证',
  'work-unit-change': '工作单位变更',
  'enterprise-rename': '企业名称变更',
  'name-change': '姓名变更',
  'auto-review': '系统自动复核',
  renewal: '证书延期',
  cancellation: '证书注销',
} as const;

export type ApplicationTypeCode = keyof typeof APPLICATION_TYPE_NAMES;
