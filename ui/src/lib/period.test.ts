import { describe, expect, it } from 'vitest';

import { describePeriod, isIsoDay, longDate, periodSlug, presetPeriod } from './period';

const DEC_3 = new Date(2026, 11, 3, 15, 30);

describe('period', () => {
  it('last_30_days_counts_today_as_the_thirtieth_day', () => {
    expect(presetPeriod('last_30_days', DEC_3)).toEqual({ from: '2026-11-04', to: '2026-12-03' });
  });

  it('last_quarter_is_the_last_calendar_quarter_that_has_ended', () => {
    expect(presetPeriod('last_quarter', DEC_3)).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(presetPeriod('last_quarter', new Date(2027, 1, 10))).toEqual({
      from: '2026-10-01',
      to: '2026-12-31',
    });
  });

  it('last_12_months_starts_the_day_after_a_year_ago', () => {
    expect(presetPeriod('last_12_months', DEC_3)).toEqual({ from: '2025-12-04', to: '2026-12-03' });
  });

  it('all_time_has_no_ends', () => {
    expect(presetPeriod('all', DEC_3)).toEqual({ from: null, to: null });
    expect(describePeriod({ from: null, to: null })).toBe('All time');
    expect(periodSlug({ from: null, to: null })).toBe('all-time');
  });

  it('a_period_reads_as_days_and_months', () => {
    expect(describePeriod({ from: '2026-07-01', to: '2026-09-30' })).toBe(
      '1 Jul 2026 – 30 Sep 2026',
    );
    expect(describePeriod({ from: '2026-07-01', to: null })).toBe('From 1 Jul 2026');
    expect(longDate(DEC_3)).toBe('3 December 2026');
  });

  it('only_real_calendar_days_are_days', () => {
    expect(isIsoDay('2026-02-28')).toBe(true);
    expect(isIsoDay('2026-02-30')).toBe(false);
    expect(isIsoDay('2026-2-3')).toBe(false);
    expect(isIsoDay('')).toBe(false);
  });
});
