//! Number and date formatting for the whole UI, so every screen writes figures the same way.

const money = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumFractionDigits: 1,
});

const percent = new Intl.NumberFormat('en-US', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

const compact = new Intl.NumberFormat('en-US', {
  notation: 'compact',
  maximumFractionDigits: 1,
});

const decimal = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });

const DASH = '—';

/** Rounding noise and negative zero would print as "-$0.0"; they are zero. */
function tidy(value: number): number {
  return Math.abs(value) < 1e-9 ? 0 : value;
}

export function formatMoney(value: number | null | undefined): string {
  return value === null || value === undefined ? DASH : money.format(tidy(value));
}

/** A fraction (0.423) as a percentage with one decimal ("42.3%"). */
export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? DASH : percent.format(tidy(value));
}

export function formatInteger(value: number | null | undefined): string {
  return value === null || value === undefined ? DASH : integer.format(value);
}

export function formatCompact(value: number | null | undefined): string {
  return value === null || value === undefined ? DASH : compact.format(tidy(value));
}

export function formatDecimal(value: number | null | undefined): string {
  return value === null || value === undefined ? DASH : decimal.format(tidy(value));
}

/** A ratio such as max/min, as "2.40×". */
export function formatRatio(value: number | null | undefined): string {
  return value === null || value === undefined ? DASH : `${decimal.format(value)}×`;
}

export function formatDateTime(rfc3339: string): string {
  const date = new Date(rfc3339);
  return Number.isNaN(date.getTime()) ? rfc3339 : dateTime.format(date);
}

/** A `YYYY-MM-DD` day, shown without shifting it into the local time zone. */
export function formatDay(day: string | null): string {
  if (day === null) return DASH;
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dateOnly.format(date);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${integer.format(count)} ${count === 1 ? one : many}`;
}

/** The last segment of a path, for places too narrow for the whole of it. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}
