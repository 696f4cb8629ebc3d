import { addDuration, parseCycle, timerValueError } from '../../../engine/bpmn/timer';

describe('engine/bpmn/timer - ISO 8601 timer values', () => {
  const from = new Date('2025-01-31T10:00:00Z');

  it.each([
    ['PT10S', '2025-01-31T10:00:10.000Z'],
    ['PT1H30M', '2025-01-31T11:30:00.000Z'],
    ['P1D', '2025-02-01T10:00:00.000Z'],
    ['P1W', '2025-02-07T10:00:00.000Z'],
    ['P1M', '2025-03-03T10:00:00.000Z'],
    ['P1Y', '2026-01-31T10:00:00.000Z'],
  ])('should add %s', (duration, expected) => {
    expect(addDuration(from, duration)?.toISOString()).toBe(expected);
  });

  it.each(['', 'P', 'PT', '10S', 'P1H', 'banana'])('should reject the duration %p', (duration) => {
    expect(addDuration(from, duration)).toBeNull();
  });

  it.each([
    ['R3/PT1M', { repetitions: 3, interval: 'PT1M' }],
    ['R/P1D', { repetitions: -1, interval: 'P1D' }],
    ['R2/2030-01-01T00:00:00Z/PT1H', { repetitions: 2, interval: 'PT1H' }],
  ])('should parse the cycle %s', (text, expected) => {
    expect(parseCycle(text)).toMatchObject(expected);
  });

  it.each([
    ['date', 'not a date'],
    ['duration', 'PTX'],
    ['cycle', 'PT1M'],
  ] as const)('should report an invalid %s value', (type, value) => {
    expect(timerValueError(type, value)).toMatch(/Invalid/);
  });
});
