import { describe, expect, it } from 'vitest';

import { baseName, formatDay, formatMoney, formatPercent, formatRatio, plural } from './format';

describe('format', () => {
  it('money_is_compact_currency', () => {
    expect(formatMoney(1_234_567)).toBe('$1.2M');
    expect(formatMoney(37_600)).toBe('$37.6K');
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney(-0)).toBe('$0.0');
    expect(formatMoney(-1e-12)).toBe('$0.0');
  });

  it('percentages_have_one_decimal', () => {
    expect(formatPercent(0.4236)).toBe('42.4%');
    expect(formatPercent(1)).toBe('100.0%');
  });

  it('ratios_read_as_times', () => {
    expect(formatRatio(2.4)).toBe('2.40×');
    expect(formatRatio(null)).toBe('—');
  });

  it('a_day_is_not_shifted_by_the_time_zone', () => {
    expect(formatDay('2027-01-01')).toBe('Jan 1, 2027');
  });

  it('plural_and_base_name', () => {
    expect(plural(1, 'account')).toBe('1 account');
    expect(plural(1200, 'account')).toBe('1,200 accounts');
    expect(baseName('C:\\exports\\accounts.csv')).toBe('accounts.csv');
    expect(baseName('/home/d/plan.xlsx')).toBe('plan.xlsx');
  });
});
