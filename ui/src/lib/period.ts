//! The period the insights cover: the presets the director picks from, turned into the
//! `{from, to}` days (both included) that the metrics and chart commands take. Days are local
//! calendar days written `YYYY-MM-DD`; the clock is read here, never in Rust's core.

import type { Period } from '../api';

export type PresetId = 'all' | 'last_30_days' | 'last_quarter' | 'last_12_months' | 'custom';

export const PRESETS: { id: PresetId; label: string }[] = [
  { id: 'all', label: 'All time' },
  { id: 'last_30_days', label: 'Last 30 days' },
  { id: 'last_quarter', label: 'Last quarter' },
  { id: 'last_12_months', label: 'Last 12 months' },
  { id: 'custom', label: 'Custom' },
];

export const ALL_TIME: Period = { from: null, to: null };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A local date as `YYYY-MM-DD`. */
export function isoDay(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${String(date.getFullYear())}-${month}-${day}`;
}

/** True for a real calendar day written `YYYY-MM-DD` (not 2026-02-30). */
export function isIsoDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
}

/**
 * The days a preset covers, counted back from `today`. "Last quarter" is the last calendar
 * quarter that has ended: on 3 December 2026 it is 1 July to 30 September 2026.
 */
export function presetPeriod(preset: Exclude<PresetId, 'custom'>, today: Date): Period {
  const y = today.getFullYear();
  const m = today.getMonth();
  const d = today.getDate();
  switch (preset) {
    case 'all':
      return ALL_TIME;
    case 'last_30_days':
      return { from: isoDay(new Date(y, m, d - 29)), to: isoDay(today) };
    case 'last_quarter': {
      const quarterStart = m - (m % 3);
      return {
        from: isoDay(new Date(y, quarterStart - 3, 1)),
        to: isoDay(new Date(y, quarterStart, 0)),
      };
    }
    case 'last_12_months':
      return { from: isoDay(new Date(y - 1, m, d + 1)), to: isoDay(today) };
  }
}

// Written out rather than left to Intl, whose British short months ("Sept") vary by engine.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const longDayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "1 Jul 2026" from "2026-07-01", without shifting it into another time zone. */
export function shortDay(day: string): string {
  const match = DAY.exec(day);
  const month = MONTHS[Number(match?.[2]) - 1];
  if (!match || month === undefined) return day;
  return `${String(Number(match[3]))} ${month} ${match[1] ?? ''}`;
}

/** "3 December 2026", as a slide's date line. */
export function longDate(date: Date): string {
  return longDayFormat.format(date);
}

/** The period in words: "All time", "1 Jul 2026 – 30 Sep 2026", "From 1 Jul 2026". */
export function describePeriod(period: Period): string {
  if (period.from !== null && period.to !== null) {
    return `${shortDay(period.from)} – ${shortDay(period.to)}`;
  }
  if (period.from !== null) return `From ${shortDay(period.from)}`;
  if (period.to !== null) return `Up to ${shortDay(period.to)}`;
  return 'All time';
}

/** A short stem for file names: "2026-07-01_2026-09-30", or "all-time". */
export function periodSlug(period: Period): string {
  if (period.from === null && period.to === null) return 'all-time';
  return `${period.from ?? 'start'}_${period.to ?? 'today'}`;
}
