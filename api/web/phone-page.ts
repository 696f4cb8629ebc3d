/**
 * The frame of the small server-rendered public pages (the root page, certificate
 * verification): Chinese, phone first, no script, styles in the page (the pages' CSP allows
 * inline styles, not scripts).
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe to put between HTML tags or in an attribute. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const chinaTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** `2026-03-04 09:30:05` in China time. */
export function formatChinaTime(iso: string): string {
  const p = Object.fromEntries(
    chinaTime.formatToParts(new Date(iso)).map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

const STYLE = `
@font-face{font-family:'Gas Cert SC';src:url('/web-fonts/noto-sans-sc.otf') format('opentype');font-display:swap}
*{box-sizing:border-box}
body{margin:0;background:#f2f4f7;color:#1f2328;font:16px/1.6 'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC','WenQuanYi Micro Hei','Gas Cert SC',sans-serif}
header{background:#1f4e8c;color:#fff;padding:14px 16px}
header h1{margin:0;font-size:17px;font-weight:600;line-height:1.4}
main{max-width:560px;margin:0 auto;padding:12px}
.verdict{border-radius:10px;padding:16px;margin-bottom:12px}
.verdict-title{font-size:22px;font-weight:700}
.verdict.ok{background:#e8f5e9;color:#1b5e20;border:2px solid #43a047}
.verdict.warn{background:#fff1f0;color:#a8071a;border:2px solid #f5222d}
.verdict.bad{background:#fff1f0;color:#a8071a;border:2px dashed #f5222d}
.reasons{margin:8px 0 0;padding-left:20px;font-size:17px;font-weight:600}
.fields{background:#fff;border-radius:10px;margin:0 0 12px;padding:4px 16px}
.row{display:flex;gap:12px;padding:10px 0;border-bottom:1px solid #eef0f3}
.row:last-child{border-bottom:none}
dt{flex:0 0 6.5em;color:#57606a}
dd{margin:0;flex:1;word-break:break-all}
.meta{color:#57606a;font-size:14px;margin:6px 4px}
.card{display:block;background:#fff;border-radius:10px;padding:14px 16px;margin-bottom:10px;color:inherit;text-decoration:none;border-left:4px solid #1f4e8c}
.card strong{display:block;font-size:17px;color:#1f4e8c}
.card span{color:#57606a;font-size:14px}
`;

/** A whole page: `<title>`, a header line and the body's HTML (already escaped). */
export function phonePage(title: string, heading: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head><body>
<header><h1>${escapeHtml(heading)}</h1></header>
<main>${body}</main>
</body></html>`;
}
