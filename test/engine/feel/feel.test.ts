import {
  evaluateBoolean,
  evaluateList,
  evaluateString,
  evaluateValue,
  FeelError,
  feelSyntaxError,
} from '../../../engine/feel/feel';

describe('engine/feel - expressions and static values', () => {
  it.each([
    ['=a + 1', { a: 1 }, 2],
    ['=order.items[1]', { order: { items: ['x', 'y'] } }, 'x'],
    ['={ok: true}', {}, { ok: true }],
    ['static text', {}, 'static text'],
    ['=date and time("2025-01-01T00:00:00Z")', {}, '2025-01-01T00:00:00.000Z'],
  ])('should evaluate %s', (expr, vars, expected) => {
    expect(evaluateValue(expr, vars)).toEqual(expected);
  });

  it('should report syntax errors only for expressions', () => {
    expect(feelSyntaxError('=a +* 1')).toBeTruthy();
    expect(feelSyntaxError('=a + 1')).toBeNull();
    expect(feelSyntaxError('a +* 1')).toBeNull();
  });

  it('should fail when a required string is null', () => {
    expect(() => evaluateString('=missing', {})).toThrow(FeelError);
  });

  it('should fail when a condition is not boolean', () => {
    expect(() => evaluateBoolean('=x', { x: 1 })).toThrow(/BOOLEAN/);
    expect(evaluateBoolean('=x > 0', { x: 1 })).toBe(true);
  });

  it.each([
    ['a, b ,c', {}, ['a', 'b', 'c']],
    ['=groups', { groups: ['g1', 'g2'] }, ['g1', 'g2']],
    ['=group', { group: 'g' }, ['g']],
  ])('should read the list %s', (expr, vars, expected) => {
    expect(evaluateList(expr, vars)).toEqual(expected);
  });
});
