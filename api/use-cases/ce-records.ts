/**
 * Continuing-education records (继续再教育记录, SPEC §7.5, §7.6), imported in batches by the
 * regulator or a training body like the exam results: each row on its own (one bad row does not
 * stop the others), each stored once, so importing a batch again changes nothing.
 */
import { CalendarDate, todayInChina } from '../../domain/calendar-date';
import { checkCePassDate, checkCePassDateNotFuture } from '../../domain/ce-record';
import { logger } from '../../log/logger';
import { recordAudit } from '../../repositories/audit-log';
import {
  CeRecordListing,
  findCeRecord,
  insertCeRecord,
  listCeRecords,
} from '../../repositories/ce-records';
import { findCertificateByAnyNumber } from '../../repositories/certificate-numbers';
import { findCertificateById } from '../../repositories/certificates';
import { AppError, FieldError } from '../app-error';
import type { Principal } from '../auth/principal';
import { maySeeCertificate, visibleOr404 } from '../auth/policy';
import { CE_RECORD_COLUMNS, CeRecordRow, ceRecordBatch, ceRecordRow } from '../schemas/ce-records';
import { validate } from '../validation';
import type { UseCaseContext } from './context';
import { parseCsv } from '../../domain/csv';

export type CeOutcome = 'created' | 'duplicate' | 'failed';

export interface CeRowReport {
  row: number;
  ok: boolean;
  outcome: CeOutcome;
  ceRecordId?: string;
  certificateId?: string;
  errors?: FieldError[];
}

class RowError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => e.message).join('；'));
  }
}

const rowError = (field: string, code: string, message: string) =>
  new RowError([{ field, code, message }]);

const SEQUENCE_NAMES = { 1: '第一次', 2: '第二次' } as const;

async function importRow(
  ctx: UseCaseContext,
  principal: Principal,
  batchId: string,
  input: unknown,
  today: CalendarDate,
): Promise<{ outcome: 'created' | 'duplicate'; ceRecordId: string; certificateId: string }> {
  let r: CeRecordRow;
  try {
    r = validate(ceRecordRow, input, { today }) as CeRecordRow;
  } catch (e) {
    if (e instanceof AppError) throw new RowError(e.errors);
    throw e;
  }
  const notFuture = checkCePassDateNotFuture(r.passDate, today);
  if (!notFuture.ok) throw rowError('passDate', notFuture.code, notFuture.message);
  const idNumber = r.idNumber.toUpperCase();
  const number = r.certificateNumber.trim().toUpperCase();
  const c = await findCertificateByAnyNumber(ctx.db, number);
  if (!c)
    throw rowError(
      'certificateNumber',
      'certificate-unknown',
      '未查询到该编号的证书（现编号或曾用编号均可）',
    );
  if (c.holderIdNumber !== idNumber)
    throw rowError('idNumber', 'holder-mismatch', '身份证号码与该证书的持证人不一致');
  if (!c.issuedInProvince)
    throw rowError(
      'certificateNumber',
      'certificate-not-in-province',
      '该证书不是本省核发的证书，不能导入继续教育记录',
    );
  const certificateId = String(c.id);
  // Before the date checks: a batch imported again after a renewal moved the validity on is
  // still "already imported", not an error.
  const existing = await findCeRecord(ctx.db, certificateId, r.sequence, r.passDate);
  if (existing) return { outcome: 'duplicate', ceRecordId: existing.id, certificateId };
  const dated = checkCePassDate(r.passDate, c, today);
  if (!dated.ok) throw rowError('passDate', dated.code, dated.message);
  const ceRecordId = await insertCeRecord(ctx.db, {
    certificateId,
    certificateNumber: number,
    sequence: r.sequence,
    passDate: r.passDate,
    batchId,
    importedByAccountId: principal.accountId,
  });
  if (ceRecordId) return { outcome: 'created', ceRecordId, certificateId };
  // A concurrent import of the same record won the insert.
  const raced = await findCeRecord(ctx.db, certificateId, r.sequence, r.passDate);
  return { outcome: 'duplicate', ceRecordId: raced!.id, certificateId };
}

type Batch = { batchId?: string; rows: Array<{ row: number; input: unknown }> };

/** The field a CSV header cell names: the English field name or its Chinese label. */
function columnOf(header: string): string | undefined {
  for (const [field, label] of Object.entries(CE_RECORD_COLUMNS))
    if (header === field || header === label) return field;
  return undefined;
}

const SEQUENCE_WORDS: Record<string, number> = { 第一次: 1, 一: 1, 第二次: 2, 二: 2 };

/** CSV cells as the JSON a row would have: empty = absent, `sequence` as a number. */
function csvRecord(values: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [header, v] of Object.entries(values)) {
    if (v === '') continue;
    const field = columnOf(header)!;
    if (field === 'sequence')
      out[field] = /^[0-9]{1,6}$/.test(v) ? Number(v) : (SEQUENCE_WORDS[v] ?? v);
    else out[field] = v;
  }
  return out;
}

/** Rows as records: a JSON batch (`{batchId?, records}`) or a CSV text with a header row. */
export function ceRows(body: unknown, contentType: 'json' | 'csv'): Batch {
  if (contentType === 'json') {
    const b = validate(ceRecordBatch, body, { today: '1970-01-01' }) as {
      batchId?: string;
      records: unknown[];
    };
    return { batchId: b.batchId, rows: b.records.map((input, i) => ({ row: i + 1, input })) };
  }
  const { header, records } = parseCsv(String(body ?? ''));
  const named = new Set(header.map(columnOf));
  const missing = Object.keys(CE_RECORD_COLUMNS).filter((f) => !named.has(f));
  const unknown = header.filter((h) => !columnOf(h));
  if (missing.length || unknown.length || records.length === 0) {
    const columns = Object.entries(CE_RECORD_COLUMNS).map(([f, l]) => `${l}（${f}）`);
    throw new AppError(
      400,
      'csv-invalid',
      `CSV 表头应为：${columns.join(',')}（中文或英文列名均可），且至少一行数据`,
      [
        ...missing.map((f) => ({
          field: f,
          code: 'required',
          message: `缺少列 ${CE_RECORD_COLUMNS[f as keyof typeof CE_RECORD_COLUMNS]}（${f}）`,
        })),
        ...unknown.map((c) => ({ field: c, code: 'unknown-field', message: `不支持的列 ${c}` })),
      ],
    );
  }
  const rows = records.map((r) => ({ row: r.line, input: csvRecord(r.values) }));
  // The JSON batch's own schema, so a CSV batch meets the same row limit with the same answer.
  validate(ceRecordBatch, { records: rows.map((r) => r.input) }, { today: '1970-01-01' });
  return { rows };
}

const ROW_FAILED: FieldError = {
  field: '',
  code: 'row-failed',
  message: '该行因服务器内部错误未能导入，请稍后重新导入该行；其他行不受影响',
};

/** Imports each row in turn and reports each: created, already there, or why not. */
export async function importCeRecords(
  ctx: UseCaseContext,
  principal: Principal,
  batch: Batch,
): Promise<{ batchId: string; results: CeRowReport[] }> {
  const now = await ctx.now();
  const today = todayInChina(now);
  const batchId = batch.batchId ?? `${principal.username}-${now.toISOString()}`;
  const results: CeRowReport[] = [];
  for (const { row, input } of batch.rows) {
    try {
      results.push({ row, ok: true, ...(await importRow(ctx, principal, batchId, input, today)) });
    } catch (e) {
      if (e instanceof RowError)
        results.push({ row, ok: false, outcome: 'failed', errors: e.errors });
      else {
        // One row's unexpected failure must not turn the answer into a 500 after earlier rows
        // were stored: the caller learns which were.
        logger.error({ err: e, batchId, row }, 'ce record row failed');
        results.push({ row, ok: false, outcome: 'failed', errors: [ROW_FAILED] });
      }
    }
  }
  const tally = (o: CeOutcome) => results.filter((r) => r.outcome === o).length;
  await recordAudit(ctx.db, {
    actorAccountId: principal.accountId,
    actor: principal.username,
    action: 'ce-record.import',
    subjectType: 'ce-record-batch',
    subjectId: batchId,
    details: {
      rows: results.length,
      created: tally('created'),
      duplicate: tally('duplicate'),
      failed: tally('failed'),
    },
  });
  return { batchId, results };
}

function ceRecordView(r: CeRecordListing) {
  return {
    id: r.id,
    certificateId: r.certificateId,
    certificateNumber: r.certificateNumber,
    currentNumber: r.currentNumber,
    holderName: r.holderName,
    idNumber: r.idNumber,
    sequence: r.sequence,
    sequenceName: SEQUENCE_NAMES[r.sequence],
    passDate: r.passDate,
    usedByRenewal: r.usedByRenewal,
    usedByApplicationId: r.usedByApplicationId,
    batchId: r.batchId,
    importedAt: r.importedAt.toISOString(),
  };
}

/** Staff search: the records of a certificate (by any of its numbers) and/or of a holder. */
export async function searchCeRecords(
  ctx: UseCaseContext,
  query: { certificateNumber?: string; idNumber?: string },
) {
  let certificateId: string | undefined;
  if (query.certificateNumber) {
    const c = await findCertificateByAnyNumber(
      ctx.db,
      query.certificateNumber.trim().toUpperCase(),
    );
    if (!c) return [];
    certificateId = String(c.id);
  }
  const records = await listCeRecords(ctx.db, {
    certificateId,
    idNumber: query.idNumber?.toUpperCase(),
  });
  return records.map(ceRecordView);
}

/** The records of one certificate, for whoever may see the certificate. */
export async function ceRecordsOfCertificateFor(
  ctx: UseCaseContext,
  principal: Principal,
  certificateId: string,
) {
  const found = await findCertificateById(ctx.db, certificateId);
  visibleOr404(found, (c) => maySeeCertificate(principal, c), '证书');
  return (await listCeRecords(ctx.db, { certificateId })).map(ceRecordView);
}
