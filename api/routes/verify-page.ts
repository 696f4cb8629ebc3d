import type { verifyCertificate } from '../use-cases/certificates';

type Verification = Awaited<ReturnType<typeof verifyCertificate>>;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escape(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * The verification result as a small page, for a phone that scanned the certificate's QR code
 * (browsers ask for HTML; API clients get JSON from the same URL).
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
        ]
      : [];
  const verdict = v.genuine
    ? `<p class="ok">✔ 真实证书 · 状态：${escape(v.stateName)}</p>`
    : `<p class="bad">✘ ${escape(v.detail)}</p>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>证书核验</title>
<style>
body{font:16px/1.6 system-ui,sans-serif;margin:0 auto;max-width:560px;padding:16px;color:#1f2328}
h1{font-size:20px}.ok{color:#1f7a1f;font-weight:700}.bad{color:#b42318;font-weight:700}
th{text-align:left;color:#57606a;font-weight:400;padding-right:16px;white-space:nowrap}
</style></head><body>
<h1>燃气经营企业从业人员专业培训考核合格证书 · 核验</h1>
${verdict}
<table>${rows.map(([k, val]) => `<tr><th>${k}</th><td>${escape(val)}</td></tr>`).join('')}</table>
</body></html>`;
}
