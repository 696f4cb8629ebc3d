/** Dates and times as people in China read them, whatever the browser's time zone. */

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** `2026-03-04 09:30` in China time; empty for no value. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const parts = Object.fromEntries(
    dateTime.formatToParts(new Date(value)).map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

export const DECISION_NAMES: Record<string, string> = { approved: '同意', rejected: '不同意' };
