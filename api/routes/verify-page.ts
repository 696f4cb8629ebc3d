import type { verifyCertificate } from '../use-cases/certificates';
import { escapeHtml, formatChinaTime, phonePage } from '../web/phone-page';

type Verification = Awaited<ReturnType<typeof verifyCertificate>>;

/** The verdict that comes first: what a person scanning the code must read at once. */
function verdict(v: Verification): { tone: 'ok' | 'warn' | 'bad'; title: string; lines: string[] } {
  if (!v.genuine) return { tone: 'bad', title: '未查询到该证书', lines: [v.detail] };
  if ('usable' in v && v.usable)
    return {
      tone: 'ok',
      title: `证书有效 · ${v.stateName}`,
      lines: ['本证书由本系统签发，当前可以使用'],
    };
  return {
    tone: 'warn',
    title: `证书不可使用 · ${v.stateName}`,
    lines: [...('reasons' in v ? (v.reasons ?? []) : []), '本证书真实，但当前不能作为有效证书使用'],
  };
}

/**
 * The verification result as a page for a phone that scanned the certificate's QR code (SPEC
 * §10; browsers ask for HTML, API clients get JSON from the same URL): the state first — in a
 * warning colour with its reasons when the certificate cannot be used —, then what the
 * certificate says, the issuing authority and the time of the check.
 */
export function verificationPage(v: Verification): string {
  const rows: [string, unknown][] =
    'number' in v
      ? [
          ['证书编号', v.number],
          ['持证人', v.holderName],
          ['身份证号码', v.idNumberMasked],
          ['证书类别', v.typeName],
          ...(v.jobTypeName ? [['工种', v.jobTypeName] as [string, unknown]] : []),
          ['工作单位', v.unitName],
          ['初次发证日期', v.firstIssueDate],
          ['有效期', `${v.validityStart} 至 ${v.validityEnd}`],
          ['证书状态', v.stateName],
          ['发证机关', v.issuingAuthority],
        ]
      : [];
  const { tone, title, lines } = verdict(v);
  const body = `
<section class="verdict ${tone}" role="status">
  <div class="verdict-title">${tone === 'ok' ? '✔' : '✘'} ${escapeHtml(title)}</div>
  ${lines.length ? `<ul class="reasons">${lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` : ''}
</section>
${
  rows.length
    ? `<dl class="fields">${rows
        .map(([k, val]) => `<div class="row"><dt>${k}</dt><dd>${escapeHtml(val)}</dd></div>`)
        .join('')}</dl>`
    : ''
}
<p class="meta">核验时间：${escapeHtml(formatChinaTime(v.checkedAt))}（北京时间）</p>
<p class="meta">本页由燃气从业人员证书业务系统提供；身份证号码已部分隐藏。</p>`;
  return phonePage('证书核验', '燃气从业人员证书核验', body);
}
