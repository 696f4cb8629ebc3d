/** The states of an application (办件, SPEC §8) with their Chinese names, for the API and the pages. */
export const APPLICATION_STATE_NAMES = {
  submitted: '已提交',
  'awaiting-enterprise': '待企业确认',
  'awaiting-review': '待审核',
  approved: '审核通过，办理中',
  rejected: '未通过',
  lapsed: '已失效',
  completed: '已办结',
  withdrawn: '已撤回',
  cancelled: '已撤销',
} as const;

export type ApplicationStateCode = keyof typeof APPLICATION_STATE_NAMES;
