/** The regulator's certificate search (证书查询, issue 10). */
import { searchCertificates } from '../../repositories/certificate-search';
import type { CertificateSearchQuery } from '../schemas/certificate-search';
import { certificateView } from './certificates';
import type { UseCaseContext } from './context';
import { pageOf } from './task-list';

/** Numbers are printed upper-case after 青; a search for "gpb2024" means "青GPB2024". */
function numberPrefix(input: string): string {
  const s = input.trim().toUpperCase();
  return s.startsWith('青') ? s : `青${s}`;
}

export async function certificateSearch(ctx: UseCaseContext, query: CertificateSearchQuery) {
  const { page, pageSize, offset } = pageOf(query);
  const { page: _p, pageSize: _s, number, idNumber, ...rest } = query;
  const { rows, total } = await searchCertificates(
    ctx.db,
    {
      ...rest,
      ...(number ? { number: numberPrefix(number) } : {}),
      ...(idNumber ? { idNumber: idNumber.trim().toUpperCase() } : {}),
    },
    { offset, limit: pageSize },
  );
  return { items: rows.map(certificateView), total, page, pageSize };
}
