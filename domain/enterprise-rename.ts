/**
 * Enterprise rename (企业名称变更, SPEC §7.3): which certificates it is about, the checks each
 * one runs, and what makes a requested name acceptable. Pure; the batch loader is
 * repositories/rename-check-contexts.ts, the effect workers/enterprise-rename-apply.ts.
 */
import type { CheckResult } from './checks/check-context';
import type { CheckCode } from './checks/run-checks';

/** SPEC §7.3, per certificate; the diagram's `checks` header lists the same codes. */
export const RENAME_CHECKS: readonly CheckCode[] = [
  'photo',
  'not-busy',
  'cert-valid',
  'age',
  'employer-is-cert-unit',
  'cert-in-province',
];

/** The longest enterprise name, as at registration. */
export const ENTERPRISE_NAME_MAX = 100;

/**
 * Why `requested` cannot be the enterprise's new name (empty: it can). The name is compared
 * trimmed, as registration stores it. [decision] The current name is refused only when no
 * certificate of the staff still shows another name (`behind`): a certificate that could not be
 * reissued by an earlier rename (busy, expired photo, ...) catches up by a rename to the name
 * the enterprise already has — a work-unit change refuses it, its unit being the employer.
 */
export function renameNameFailures(
  current: string,
  requested: string,
  behind: number,
): CheckResult[] {
  const name = requested.trim();
  if (name.length < 2) {
    return [{ code: 'name-invalid', ok: false, message: '新企业名称至少为2个字' }];
  }
  if (name.length > ENTERPRISE_NAME_MAX) {
    return [
      {
        code: 'name-invalid',
        ok: false,
        message: `新企业名称不能超过${ENTERPRISE_NAME_MAX}个字，当前为${name.length}个字`,
      },
    ];
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    return [{ code: 'name-invalid', ok: false, message: '新企业名称不能包含换行等控制字符' }];
  }
  if (name === current && behind === 0) {
    return [
      {
        code: 'name-unchanged',
        ok: false,
        message: `新企业名称与现有名称“${current}”相同，且在职人员证书的单位名称均已是该名称，无需办理企业名称变更`,
      },
    ];
  }
  return [];
}

/** The certificate facts the selection needs. */
export interface RenameCandidate {
  state: string;
  unitName: string;
}

/**
 * [decision] A rename is about every valid or abnormal certificate of the enterprise's staff
 * whose printed unit name is not the new name: cancelled and expired ones are history and are
 * never reissued, and one already showing the new name needs nothing. Abnormal ones are listed
 * (and fail `cert-valid`), so the enterprise sees why they stay as they are.
 */
export function isRenameCandidate(c: RenameCandidate, newName: string): boolean {
  return (c.state === 'valid' || c.state === 'abnormal') && c.unitName !== newName;
}
