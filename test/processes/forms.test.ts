import { processFiles, readProcessFile } from './process-files';

// feelin ships ESM typings but a CommonJS build; require the latter (as engine/feel does).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const feelin = require('feelin') as {
  evaluate(expression: string, context?: Record<string, unknown>): unknown;
};

interface Component {
  id: string;
  type: string;
  key?: string;
  label?: string;
  values?: { label: string; value: string }[];
  validate?: { required?: boolean; minLength?: number; maxLength?: number };
  conditional?: { hide?: string };
}

interface Form {
  id: string;
  type: string;
  components: Component[];
}

const hidden = (c: Component, data: Record<string, unknown>) =>
  c.conditional?.hide
    ? feelin.evaluate(c.conditional.hide.replace(/^=/, ''), data) === true
    : false;

describe('processes - decision forms (Camunda Forms JSON)', () => {
  const files = processFiles('.form');

  it('should have the review and consent forms', () => {
    expect(files).toEqual(['consent-decision.form', 'review-decision.form']);
  });

  describe.each(files)('%s', (file) => {
    const form = JSON.parse(readProcessFile(file)) as Form;
    const field = (key: string) => form.components.find((c) => c.key === key)!;

    it('should be identified by its file name, with unique component ids', () => {
      expect(form.id).toBe(file.replace(/\.form$/, ''));
      expect(form.type).toBe('default');
      const ids = form.components.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('should require a decision of approve or reject, labelled in Chinese', () => {
      const decision = field('decision');
      expect(decision.type).toBe('radio');
      expect(decision.validate?.required).toBe(true);
      expect(decision.values?.map((v) => v.value)).toEqual(['approve', 'reject']);
      for (const v of decision.values ?? []) expect(v.label).toMatch(/\p{Script=Han}/u);
    });

    it.each([
      ['reject', false],
      ['approve', true],
      [null, true],
    ])('should show the required comment when the decision is %s: hidden=%s', (d, isHidden) => {
      const comment = field('comment');
      expect(comment.type).toBe('textarea');
      expect(comment.validate?.required).toBe(true);
      // form-js neither validates nor submits a hidden field: required exactly when rejecting
      expect(hidden(comment, { decision: d })).toBe(isHidden);
    });
  });
});
