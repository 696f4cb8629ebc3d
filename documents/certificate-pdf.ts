/**
 * The electronic certificate (电子证书, SPEC §5.4): one A4 landscape page with the holder's data,
 * the photo and a QR code of the public verification URL. Fonts are embedded subsets of the
 * packaged CJK font, so the PDF reads the same on every reader and stays small.
 */
import PDFDocument from 'pdfkit';
import type { CalendarDate } from '../domain/calendar-date';
import { toParts } from '../domain/calendar-date';
import type { CertificateType } from '../domain/certificate-types';
import type { Sex } from '../domain/id-number';
import { loadCjkFont, shareLayoutCache } from './cjk-font';
import { type Doc, cellText, centered, emboldened, rightAligned } from './pdf-text';
import { drawQrMatrix, verificationQrMatrix } from './verification-qr';

export const CERTIFICATE_TITLE = '燃气经营企业从业人员专业培训考核合格证书';
export const QR_CAPTION = '扫一扫验证证书真伪';

/** Everything printed on the certificate, as plain data. */
export interface CertificatePdfInput {
  holderName: string;
  sex: Sex;
  idNumber: string;
  certificateNumber: string;
  type: CertificateType;
  /** Chinese name of the type, e.g. "企业主要负责人". */
  typeName: string;
  /** Job type name; printed for type C only. */
  jobTypeName?: string | null;
  unitName: string;
  firstIssueDate: CalendarDate;
  validFrom: CalendarDate;
  validUntil: CalendarDate;
  ceDeadline: CalendarDate;
  /** e.g. "青海省住房和城乡建设厅". */
  issuingAuthority: string;
  /** JPEG or PNG; a placeholder frame is drawn without one. */
  photo?: Buffer | null;
  /** Public, unguessable verification link encoded in the QR code. */
  verificationUrl: string;
}

/** "2026年11月25日" for 2026-11-25. */
export function formatChineseDate(date: CalendarDate): string {
  const { year, month, day } = toParts(date);
  return `${year}年${month}月${day}日`;
}

const SEX_NAMES: Readonly<Record<Sex, string>> = { M: '男', F: '女' };

/** Label/value rows of the data table, in print order. */
export function certificateRows(input: CertificatePdfInput): Array<[label: string, value: string]> {
  const rows: Array<[string, string]> = [
    ['姓　　名', input.holderName],
    ['性　　别', SEX_NAMES[input.sex]],
    ['身份证号', input.idNumber],
    ['证书类别', `${input.typeName}（${input.type}类）`],
  ];
  if (input.type === 'C') rows.push(['工　　种', input.jobTypeName ?? '']);
  rows.push(
    ['单位名称', input.unitName],
    ['初次发证日期', formatChineseDate(input.firstIssueDate)],
    ['有效期限', `${formatChineseDate(input.validFrom)} 至 ${formatChineseDate(input.validUntil)}`],
    ['继续再教育截止日期', formatChineseDate(input.ceDeadline)],
  );
  return rows;
}

/** The PDF bytes of one certificate. */
export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Buffer> {
  if (input.photo && !isJpegOrPng(input.photo)) {
    throw new TypeError('Certificate photo must be a JPEG or PNG image');
  }
  const rows = certificateRows(input);
  const qr = verificationQrMatrix(input.verificationUrl);
  const font = await loadCjkFont();

  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    lang: 'zh-CN',
    // No default Helvetica: pdfkit would parse its metrics for every document, never used.
    font: null as unknown as string,
    displayTitle: true,
    info: {
      Title: `${CERTIFICATE_TITLE}（${input.certificateNumber}）`,
      Subject: input.holderName,
      Author: input.issuingAuthority,
      Creator: 'gas-cert',
    },
  });
  const done = collect(doc);
  // pdfkit accepts a parsed fontkit font; its types list only paths and bytes.
  doc.registerFont(CJK, font as unknown as PDFKit.Mixins.PDFFontSource);
  doc.font(CJK);
  shareLayoutCache(doc);

  drawFrame(doc);
  drawHeader(doc, input.certificateNumber);
  drawPhoto(doc, input.photo ?? null);
  drawTable(doc, rows);
  drawQrBlock(doc, qr);
  drawFooter(doc, input);
  doc.end();
  return done;
}

const CJK = 'cjk';
const PAGE = { width: 841.89, height: 595.28 };
const COLOR = {
  accent: '#9b1b1b',
  text: '#1f1f1f',
  label: '#5b4636',
  labelFill: '#f6eedd',
  rule: '#c9b48a',
  paper: '#fffdf6',
  muted: '#7a7a7a',
};
const BODY_TOP = 150;
const PHOTO = { x: 78, y: BODY_TOP, width: 105, height: 147 };
const TABLE = { x: 210, width: 400, labelWidth: 128, rowHeight: 30 };
const QR = { x: 640, y: BODY_TOP, size: 124, quiet: 8 };

function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function isJpegOrPng(image: Buffer): boolean {
  const jpeg = image[0] === 0xff && image[1] === 0xd8;
  const png = image.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]));
  return jpeg || png;
}

/** Paper tone, a heavy outer and a fine inner border, and corner marks. */
function drawFrame(doc: Doc): void {
  const outer = 22;
  const inner = 30;
  doc.rect(outer, outer, PAGE.width - 2 * outer, PAGE.height - 2 * outer).fill(COLOR.paper);
  doc
    .lineWidth(3)
    .rect(outer, outer, PAGE.width - 2 * outer, PAGE.height - 2 * outer)
    .stroke(COLOR.accent);
  doc
    .lineWidth(0.8)
    .rect(inner, inner, PAGE.width - 2 * inner, PAGE.height - 2 * inner)
    .stroke(COLOR.accent);
  const mark = 16;
  for (const [x, y, dx, dy] of [
    [inner + 6, inner + 6, 1, 1],
    [PAGE.width - inner - 6, inner + 6, -1, 1],
    [inner + 6, PAGE.height - inner - 6, 1, -1],
    [PAGE.width - inner - 6, PAGE.height - inner - 6, -1, -1],
  ]) {
    doc
      .moveTo(x, y + dy * mark)
      .lineTo(x, y)
      .lineTo(x + dx * mark, y)
      .lineWidth(1.5)
      .stroke(COLOR.accent);
  }
}

function drawHeader(doc: Doc, certificateNumber: string): void {
  emboldened(doc, 26, COLOR.accent);
  centered(doc, CERTIFICATE_TITLE, 62, { characterSpacing: 2, fill: true, stroke: true });
  doc.fontSize(12).fillColor(COLOR.text);
  centered(doc, `证书编号：${certificateNumber}`, 106);
  const y = 130;
  doc
    .moveTo(78, y)
    .lineTo(PAGE.width - 78, y)
    .lineWidth(0.8)
    .stroke(COLOR.rule);
}

function drawPhoto(doc: Doc, photo: Buffer | null): void {
  const { x, y, width, height } = PHOTO;
  if (photo) {
    doc.image(photo, x, y, { fit: [width, height], align: 'center', valign: 'center' });
  } else {
    doc.rect(x, y, width, height).fill('#f1efe9');
    doc.fontSize(16).fillColor(COLOR.muted);
    const label = '照片';
    doc.text(
      label,
      x + (width - doc.widthOfString(label)) / 2,
      y + (height - doc.currentLineHeight()) / 2,
      { lineBreak: false },
    );
  }
  doc.lineWidth(0.8).rect(x, y, width, height).stroke(COLOR.rule);
}

function drawTable(doc: Doc, rows: Array<[string, string]>): void {
  const { x, width, labelWidth, rowHeight } = TABLE;
  const height = rows.length * rowHeight;
  doc.rect(x, BODY_TOP, labelWidth, height).fill(COLOR.labelFill);
  rows.forEach(([label, value], index) => {
    const top = BODY_TOP + index * rowHeight;
    doc.fillColor(COLOR.label);
    cellText(doc, label, x + 10, top, labelWidth - 16, rowHeight, 11);
    doc.fillColor(COLOR.text);
    cellText(doc, value, x + labelWidth + 12, top, width - labelWidth - 20, rowHeight, 12);
    if (index > 0) {
      doc
        .moveTo(x, top)
        .lineTo(x + width, top)
        .lineWidth(0.5)
        .stroke(COLOR.rule);
    }
  });
  doc.lineWidth(0.8).rect(x, BODY_TOP, width, height).stroke(COLOR.rule);
  doc
    .moveTo(x + labelWidth, BODY_TOP)
    .lineTo(x + labelWidth, BODY_TOP + height)
    .lineWidth(0.5)
    .stroke(COLOR.rule);
}

function drawQrBlock(doc: Doc, qr: ReturnType<typeof verificationQrMatrix>): void {
  const { x, y, size, quiet } = QR;
  doc.rect(x - quiet, y - quiet, size + 2 * quiet, size + 2 * quiet).fill('#ffffff');
  doc
    .lineWidth(0.5)
    .rect(x - quiet, y - quiet, size + 2 * quiet, size + 2 * quiet)
    .stroke(COLOR.rule);
  drawQrMatrix(doc, qr, x, y, size);
  doc.fontSize(11).fillColor(COLOR.text);
  doc.text(QR_CAPTION, x + (size - doc.widthOfString(QR_CAPTION)) / 2, y + size + quiet + 8, {
    lineBreak: false,
  });
}

function drawFooter(doc: Doc, input: CertificatePdfInput): void {
  const right = PAGE.width - 78;
  emboldened(doc, 15, COLOR.text);
  rightAligned(doc, `发证机关：${input.issuingAuthority}`, right, 448, {
    fill: true,
    stroke: true,
  });
  doc.fontSize(12);
  rightAligned(doc, `发证日期：${formatChineseDate(input.validFrom)}`, right, 476);
  doc.fontSize(8).fillColor(COLOR.muted);
  centered(doc, '本证书为电子证书，可扫描二维码或访问以下地址查验证书真伪及当前状态。', 512);
  centered(doc, input.verificationUrl, 526);
}
