import { ageBuckets, perDay } from '../../domain/dashboard-figures';

describe('domain/dashboard-figures - the regulator dashboard arithmetic', () => {
  const today = '2026-12-02';

  it.each([
    ['submitted today', '2026-12-02', '当天'],
    ['yesterday', '2026-12-01', '1–3天'],
    ['three days ago', '2026-11-29', '1–3天'],
    ['four days ago', '2026-11-28', '4–7天'],
    ['fifteen days ago', '2026-11-17', '8–15天'],
    ['thirty days ago', '2026-11-02', '16–30天'],
    ['thirty-one days ago', '2026-11-01', '30天以上'],
    ['across a year end', '2025-12-31', '30天以上'],
  ])('should count a task %s in its bucket', (_name, submitted, label) => {
    // when
    const buckets = ageBuckets(today, [{ submitted, count: 2 }]);

    // then only that bucket counts it
    expect(buckets.filter((b) => b.count > 0)).toEqual([
      expect.objectContaining({ label, count: 2 }),
    ]);
  });

  it('should give each bucket the submission dates a click filters on, without gaps', () => {
    // when
    const buckets = ageBuckets(today, []);

    // then
    expect(buckets.map((b) => [b.submittedFrom, b.submittedTo])).toEqual([
      ['2026-12-02', '2026-12-02'],
      ['2026-11-29', '2026-12-01'],
      ['2026-11-25', '2026-11-28'],
      ['2026-11-17', '2026-11-24'],
      ['2026-11-02', '2026-11-16'],
      [null, '2026-11-01'],
    ]);
  });

  it('should list every day up to today, zero-filled, across a month end', () => {
    // when
    const days = perDay(today, 4, [
      { day: '2026-11-30', count: 3 },
      { day: '2026-12-02', count: 1 },
      { day: '2026-11-01', count: 9 }, // outside the window
    ]);

    // then
    expect(days).toEqual([
      { day: '2026-11-29', count: 0 },
      { day: '2026-11-30', count: 3 },
      { day: '2026-12-01', count: 0 },
      { day: '2026-12-02', count: 1 },
    ]);
  });
});
