import { AppError } from './app-error';

/**
 * Unique violations the API can meet, by constraint name (migrations name every constraint),
 * as 409 problems. Two concurrent registrations pass the "already exists" checks together;
 * the constraint stops the second, and it gets the same answer as if it had come later.
 */
const UNIQUE_VIOLATIONS: Record<string, { code: string; detail: string }> = {
  accounts_username_key: { code: 'username-taken', detail: '该用户名已被注册' },
  accounts_person_id_key: {
    code: 'person-already-registered',
    detail: '该身份证号码已注册账号，请直接登录',
  },
  persons_id_number_key: {
    code: 'person-already-registered',
    detail: '该身份证号码已注册账号，请直接登录',
  },
  accounts_enterprise_id_key: {
    code: 'enterprise-already-registered',
    detail: '该企业已注册账号，请直接登录',
  },
  enterprises_credit_code_key: {
    code: 'enterprise-already-registered',
    detail: '该统一社会信用代码已注册，请直接登录',
  },
  employments_one_proposal_per_pair: {
    code: 'employment-already-proposed',
    detail: '已向该人员发出聘用邀请，正在等待其确认',
  },
  api_keys_key_hash_key: { code: 'api-key-conflict', detail: 'API 密钥生成冲突，请重试' },
};

/** The 409 problem for a known PostgreSQL unique violation, else undefined. */
export function uniqueViolationProblem(err: unknown): AppError | undefined {
  const e = err as { code?: string; constraint?: string };
  if (e?.code !== '23505' || !e.constraint) return undefined;
  const known = UNIQUE_VIOLATIONS[e.constraint];
  return known ? new AppError(409, known.code, known.detail) : undefined;
}

/** Every 409 code the API can answer, for the docs. */
export const CONFLICT_CODES = [...new Set(Object.values(UNIQUE_VIOLATIONS).map((v) => v.code))];
