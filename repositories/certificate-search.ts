/**
 * The regulator's certificate search (issue 10) over the certificates, their persons and every
 * number they ever held: filters on indexed prefixes where a person types the start of a
 * number, substrings for names, newest first issue first, paged in SQL.
 */
import type { Knex } from 'knex';
import { Certificate, certificateQuery } from './certificates';

export interface CertificateFilter {
  number?: string;
  name?: string;
  idNumber?: string;
  enterprise?: string;
  type?: string;
  state?: string;
  issuedFrom?: string;
  issuedTo?: string;
  validUntilFrom?: string;
  validUntilTo?: string;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const prefix = (s: string) => `${escapeLike(s)}%`;
const part = (s: string) => `%${escapeLike(s)}%`;

/**
 * Each filter on another table is a sub-select evaluated first (`= any(array(…))`): the
 * planner otherwise walks the certificates in page order testing every row against it.
 */
function applyFilter(db: Knex, q: Knex.QueryBuilder, f: CertificateFilter) {
  const among = (column: string, sub: Knex.QueryBuilder) =>
    db.raw(`?? = any(array(?))`, [column, sub]);
  if (f.number)
    q.where(
      among(
        'c.id',
        db('certificate_numbers')
          .where('number', 'like', prefix(f.number))
          .select('certificate_id'),
      ),
    );
  if (f.name) {
    const persons = db('persons').where('name', 'like', part(f.name)).select('id');
    q.where((w) =>
      w.where('c.holder_name', 'like', part(f.name!)).orWhere(among('c.person_id', persons)),
    );
  }
  if (f.idNumber)
    q.where(
      among(
        'c.person_id',
        db('persons').where('id_number', 'like', prefix(f.idNumber)).select('id'),
      ),
    );
  if (f.enterprise) {
    const units = db('enterprises').where('credit_code', 'like', prefix(f.enterprise)).select('id');
    q.where((w) =>
      w
        .where('c.unit_name', 'like', part(f.enterprise!))
        .orWhere(among('c.unit_enterprise_id', units)),
    );
  }
  if (f.type) q.where('c.type', f.type);
  if (f.state) q.where('c.state', f.state);
  if (f.issuedFrom) q.where('c.first_issue_date', '>=', f.issuedFrom);
  if (f.issuedTo) q.where('c.first_issue_date', '<=', f.issuedTo);
  if (f.validUntilFrom) q.where('c.validity_end', '>=', f.validUntilFrom);
  if (f.validUntilTo) q.where('c.validity_end', '<=', f.validUntilTo);
  return q;
}

const searched = (db: Knex, f: CertificateFilter) => applyFilter(db, db('certificates as c'), f);

/**
 * One page, newest first issue first, and the number of matches. The page's ids are chosen
 * first and only they are read whole, so a deep page does not build the rows it skips.
 */
export async function searchCertificates(
  db: Knex,
  f: CertificateFilter,
  page: { offset: number; limit: number },
): Promise<{ rows: Certificate[]; total: number }> {
  const order = [
    { column: 'c.first_issue_date', order: 'desc' },
    { column: 'c.id', order: 'desc' },
  ];
  const [ids, [{ count }]] = await Promise.all([
    searched(db, f).orderBy(order).offset(page.offset).limit(page.limit).pluck('c.id'),
    searched(db, f).count({ count: '*' }),
  ]);
  const rows: Certificate[] = ids.length
    ? await certificateQuery(db).whereIn('c.id', ids).orderBy(order)
    : [];
  return { rows, total: Number(count) };
}
