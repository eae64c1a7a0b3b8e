import { describe, expect, it } from 'vitest';

import { isoDay, presetPeriod } from '../lib/period';
import { anchorDay } from './PeriodPicker';

describe('period presets', () => {
  const today = new Date(2026, 11, 3);

  it('count_back_from_where_the_data_ends_when_it_ends_before_today', () => {
    const anchor = anchorDay('2017-12-31', today);
    expect(isoDay(anchor)).toBe('2017-12-31');
    expect(presetPeriod('last_30_days', anchor)).toEqual({ from: '2017-12-02', to: '2017-12-31' });
  });

  it('count_back_from_today_when_the_data_is_current_or_unknown', () => {
    expect(isoDay(anchorDay(null, today))).toBe('2026-12-03');
    expect(isoDay(anchorDay('2026-12-03', today))).toBe('2026-12-03');
    expect(isoDay(anchorDay('not a day', today))).toBe('2026-12-03');
  });
});
