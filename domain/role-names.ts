/** The Chinese names of the roles (SPEC §1), as people read them on timelines and in errors. */
export const ROLE_NAMES = {
  person: '从业人员',
  enterprise: '燃气经营企业',
  regulator: '主管部门',
  association: '燃气协会',
  training: '培训机构',
  admin: '系统管理员',
  analyst: '业务分析员',
} as const;

export type RoleName = keyof typeof ROLE_NAMES;
