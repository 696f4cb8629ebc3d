/** bpmn-js's `translate` service with our Chinese (zh-cn.ts); unknown texts stay as they are. */
import { ZH_CN } from './zh-cn';

export function translate(template: string, replacements: Record<string, string> = {}): string {
  return (ZH_CN[template] ?? template).replace(/{([^}]+)}/g, (_, key: string) =>
    key in replacements ? replacements[key] : `{${key}}`,
  );
}

export default { translate: ['value', translate] };
