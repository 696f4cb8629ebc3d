/** Checks about the person alone: real-name verification, ID photo, age (SPEC §6, §5.6). */
import { ageOn } from '../calendar-date';
import { ageCondition } from '../certificate-dates';
import { CheckContext, CheckResult, fail, pass } from './check-context';

export function checkRealname(ctx: CheckContext): CheckResult {
  return ctx.person.verified
    ? pass('realname', '人员已完成实名认证')
    : fail('realname', '人员未完成实名认证');
}

export function checkPhoto(ctx: CheckContext): CheckResult {
  return ctx.person.hasPhoto
    ? pass('photo', '人员已上传证件照')
    : fail('photo', '人员未上传证件照');
}

export function checkAge(ctx: CheckContext): CheckResult {
  const { birthDate, sex } = ctx.person;
  const result = ageCondition(birthDate, sex, ctx.today);
  return result.ok
    ? pass('age', `人员年龄符合要求（${ageOn(birthDate, ctx.today)}周岁）`)
    : fail('age', result.message);
}
