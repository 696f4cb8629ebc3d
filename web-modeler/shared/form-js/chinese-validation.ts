/**
 * form-js writes its validation messages in English and has no translation hook for them; its
 * validator service is wrapped so that what a user reads under a field is Chinese.
 */
const MESSAGES: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^Field is required\.$/, () => '此项为必填项'],
  [/^Field must have minimum length of (\d+)\.$/, (m) => `至少填写${m[1]}个字`],
  [/^Field must have maximum length of (\d+)\.$/, (m) => `最多填写${m[1]}个字`],
  [/^Field must have minimum value of (.+)\.$/, (m) => `不能小于${m[1]}`],
  [/^Field must have maximum value of (.+)\.$/, (m) => `不能大于${m[1]}`],
  [/^Field must match pattern (.+)\.$/, () => '格式不正确'],
  [/^Field must be a valid email\.$/, () => '请填写有效的电子邮箱'],
  [/^Value is not a number\.$/, () => '请填写数字'],
];

export function chineseMessage(message: string): string {
  for (const [pattern, text] of MESSAGES) {
    const m = message.match(pattern);
    if (m) return text(m);
  }
  return '填写内容不符合要求';
}

interface ValidatorLike {
  [method: string]: unknown;
}

/** Wraps the form's `validator` service so each error it reports is Chinese. */
export function useChineseValidation(form: { get(name: string): unknown }): void {
  const validator = form.get('validator') as ValidatorLike;
  for (const method of ['validateField', 'validateFieldInstance']) {
    const original = validator[method];
    if (typeof original !== 'function') continue;
    validator[method] = (...args: unknown[]) =>
      (original.apply(validator, args) as string[]).map(chineseMessage);
  }
}
