//! The period picker atop the insights: a few presets and a custom from/to. It hands its owner
//! a settled `Period` only when the dates make sense, so a half-typed date never reaches Rust.

import type { Period } from '../api';
import { ALL_TIME, PRESETS, describePeriod, isIsoDay, isoDay, presetPeriod } from '../lib/period';
import type { PresetId } from '../lib/period';

export interface PeriodChoice {
  preset: PresetId;
  /** The period in force: the last one that was valid. */
  period: Period;
  /** What the custom inputs hold, `YYYY-MM-DD` or empty. */
  from: string;
  to: string;
}

export const DEFAULT_CHOICE: PeriodChoice = { preset: 'all', period: ALL_TIME, from: '', to: '' };

function samePeriod(a: Period, b: Period): boolean {
  return a.from === b.from && a.to === b.to;
}

/** The custom inputs as a period, or why they are not one yet. */
function customPeriod(from: string, to: string): Period | string {
  if (from !== '' && !isIsoDay(from)) return 'The start is not a date.';
  if (to !== '' && !isIsoDay(to)) return 'The end is not a date.';
  if (from !== '' && to !== '' && from > to) return 'The start is after the end.';
  return { from: from === '' ? null : from, to: to === '' ? null : to };
}

/** Keeps the same object when nothing changed, so no one refetches for nothing. */
function settle(choice: PeriodChoice, next: Period): Period {
  return samePeriod(choice.period, next) ? choice.period : next;
}

/**
 * The day presets count back from: today, or the day the data ends when that is earlier, so
 * "last 30 days" of an old CRM export shows its last 30 days rather than nothing.
 */
export function anchorDay(dataEnds: string | null | undefined, today: Date): Date {
  if (!dataEnds || !isIsoDay(dataEnds) || dataEnds >= isoDay(today)) return today;
  const [year, month, day] = dataEnds.split('-').map(Number);
  return new Date(year ?? 1970, (month ?? 1) - 1, day ?? 1);
}

export function PeriodPicker({
  value,
  onChange,
  dataEnds,
}: {
  value: PeriodChoice;
  onChange: (choice: PeriodChoice) => void;
  /** The last day the data reaches, from the metrics. */
  dataEnds?: string | null;
}) {
  const anchor = anchorDay(dataEnds, new Date());
  const anchored = isoDay(anchor) !== isoDay(new Date());
  const custom = value.preset === 'custom' ? customPeriod(value.from, value.to) : null;
  const problem = typeof custom === 'string' ? custom : null;

  const pick = (preset: PresetId) => {
    if (preset === 'custom') {
      const next = customPeriod(value.from, value.to);
      const period = typeof next === 'string' ? value.period : settle(value, next);
      onChange({ ...value, preset, period });
      return;
    }
    const period = settle(value, presetPeriod(preset, anchor));
    // The custom inputs start from the last preset's days, the usual next step being to adjust.
    const from = period.from ?? value.from;
    const to = period.to ?? value.to;
    onChange({ preset, period, from, to });
  };

  const edit = (from: string, to: string) => {
    const next = customPeriod(from, to);
    const period = typeof next === 'string' ? value.period : settle(value, next);
    onChange({ preset: 'custom', period, from, to });
  };

  return (
    <div className="period-picker" data-testid="period-picker">
      <span className="period-label" id="period-label">
        Period
      </span>
      <div className="tabs segmented" role="radiogroup" aria-labelledby="period-label">
        {PRESETS.map((item) => (
          <button
            key={item.id}
            type="button"
            role="radio"
            aria-checked={value.preset === item.id}
            className="tab"
            onClick={() => pick(item.id)}
          >
            {item.label}
          </button>
        ))}
      </div>
      {value.preset === 'custom' ? (
        <div className="period-custom">
          <input
            type="date"
            aria-label="From"
            value={value.from}
            max={value.to === '' ? undefined : value.to}
            onChange={(event) => edit(event.target.value, value.to)}
          />
          <span className="muted">to</span>
          <input
            type="date"
            aria-label="To"
            value={value.to}
            min={value.from === '' ? undefined : value.from}
            onChange={(event) => edit(value.from, event.target.value)}
          />
        </div>
      ) : null}
      {problem ? (
        <span className="warn-text" role="alert">
          {problem}
        </span>
      ) : value.preset === 'all' ? null : (
        <span className="muted period-description" data-testid="period-description">
          {describePeriod(value.period)}
          {anchored && value.preset !== 'custom' ? ', counted back from where the data ends' : ''}
        </span>
      )}
    </div>
  );
}
