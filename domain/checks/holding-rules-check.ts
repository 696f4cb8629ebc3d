/** The `holding-rules` check: SPEC §5.2 allows the certificate a new issue would create. */
import { checkHoldingRules } from '../holding-rules';
import { CheckContext, CheckResult, fail, pass } from './check-context';

export function checkHoldingRulesAllow(ctx: CheckContext): CheckResult {
  const code = 'holding-rules';
  if (!ctx.wanted) return fail(code, '未指定拟发放的证书');
  const result = checkHoldingRules({
    held: ctx.heldCertificates,
    wanted: ctx.wanted,
    legalRepresentativeOf: ctx.legalRepresentativeOf,
    employerCreditCode: ctx.employer?.creditCode ?? ctx.employment?.enterpriseCreditCode ?? null,
  });
  return result.ok ? pass(code, '符合证书持有规定') : fail(code, result.message);
}
