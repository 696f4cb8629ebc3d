/** The regulator's certificate search (证书查询, issue 10). */
import { searchCertificates } from '../../repositories/certificate-search';
import { toCsv } from '../../domain/csv';
import { AppError } from '../app-error';
import type { CertificateSearchQuery } from '../schemas/certificate-search';
import { certificateView } from './certificates';
import type { UseCaseContext } from './context';
import { pageOf } from './task-list';

/** Numbers are printed upper-case after 青; a search for "gpb2024" means "青GPB2024". */
function numberPrefix(input: string): string {
  const s = input.trim().toUpperCase();
  return s.startsWith('青') ? s : `青${s}`;
}

function filterOf(query: CertificateSearchQuery) {
  const { page: _p, pageSize: _s, number, idNumber, ...rest } = query;
  return {
    ...rest,
    ...(number ? { number: numberPrefix(number) } : {}),
    ...(idNumber ? { idNumber: idNumber.trim().toUpperCase() } : {}),
  };
}

export async function certificateSearch(ctx: UseCaseContext, query: CertificateSearchQuery) {
  const { page, pageSize, offset } = pageOf(query);
  const { rows, total } = await searchCertificates(ctx.db, filterOf(query), {
    offset,
    limit: pageSize,
  });
  return { items: rows.map(certificateView), total, page, pageSize };
}

/** Rows one export may hold: a register extract, not a backup (that is `npm run backup`). */
export const EXPORT_LIMIT = 10_000;

const EXPORT_COLUMNS = [
  '证书编号',
  '持证人',
  '身份证号码',
  '证书类型',
  '工种',
  '工作单位',
  '初次发证日期',
  '有效期起',
  '有效期至',
  '继续教育截止日期',
  '状态',
  '异常原因',
];

/** The filtered certificates as CSV (UTF-8 with BOM, for Excel), in the search's order. */
export async function certificateExport(ctx: UseCaseContext, query: CertificateSearchQuery) {
  const { rows, total } = await searchCertificates(ctx.db, filterOf(query), {
    offset: 0,
    limit: EXPORT_LIMIT,
  });
  if (total > EXPORT_LIMIT)
    throw new AppError(
      422,
      'export-too-large',
      `筛选结果共 ${total} 本证书，超过一次可导出的 ${EXPORT_LIMIT} 本，请缩小查询范围后再导出`,
    );
  const lines = rows
    .map(certificateView)
    .map((c) => [
      c.number,
      c.holder.name,
      c.holder.idNumber,
      c.typeName,
      c.jobTypeName ?? '',
      c.unit.name,
      c.firstIssueDate,
      c.validityStart,
      c.validityEnd,
      c.ceDeadline,
      c.stateName,
      c.abnormalReasons.map((r) => r.name).join('；'),
    ]);
  return toCsv([EXPORT_COLUMNS, ...lines]);
}
