/** When a continuing-education record (继续再教育记录, SPEC §7.5, §7.6) may be recorded. */
import { CalendarDate, isAfter, isBefore } from './calendar-date';
import { DomainResult, failure, success } from './result';

/** The validity period a record counts for: the certificate's current one. */
export interface ValidityPeriod {
  validityStart: CalendarDate;
  validityEnd: CalendarDate;
}

/** A pass date is a fact: never after the business date. */
export function checkCePassDateNotFuture(
  passDate: CalendarDate,
  today: CalendarDate,
): DomainResult<CalendarDate> {
  if (isAfter(passDate, today))
    return failure('pass-date-in-future', `合格日期（${passDate}）不能晚于今天（${today}）`);
  return success(passDate);
}

/**
 * A pass date is recordable when it is not after the business date and lies within the
 * certificate's current validity (a record of an earlier period counts for nothing now).
 */
export function checkCePassDate(
  passDate: CalendarDate,
  validity: ValidityPeriod,
  today: CalendarDate,
): DomainResult<CalendarDate> {
  const notFuture = checkCePassDateNotFuture(passDate, today);
  if (!notFuture.ok) return notFuture;
  if (isBefore(passDate, validity.validityStart))
    return failure(
      'pass-date-before-validity',
      `合格日期早于证书有效期起始日（${validity.validityStart}），不属于本有效期的继续教育`,
    );
  if (isAfter(passDate, validity.validityEnd))
    return failure(
      'pass-date-after-validity',
      `合格日期晚于证书有效期截止日（${validity.validityEnd}）`,
    );
  return success(passDate);
}
