//! Whether the territories convert, over a period the director picks: the metrics table by
//! rep, team, region and plan, the balance of the active plan, static territories and
//! round-robin set against the dynamic plan, and the ten charts the Rust side draws as SVG,
//! each of which can be saved, exported as a review pack or shown as slides.

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import { api } from '../api';
import type {
  Balance,
  Chart,
  ChartFormat,
  ChartKind,
  Comparison,
  MetricsReport,
  MetricsRow,
  Period,
  Strategy,
  StrategyFigures,
} from '../api';
import { EmptyState } from '../components/EmptyState';
import { Icon } from '../components/Icon';
import { DEFAULT_CHOICE, PeriodPicker } from '../components/PeriodPicker';
import type { PeriodChoice } from '../components/PeriodPicker';
import { Stat } from '../components/Stat';
import { useWorkspaceData, useWorkspaceRevision } from '../lib/data';
import {
  formatDay,
  formatDecimal,
  formatInteger,
  formatMoney,
  formatPercent,
  formatRatio,
  plural,
} from '../lib/format';
import { useNotices } from '../lib/notices';
import { periodSlug } from '../lib/period';
import { Presentation } from './Presentation';

type Tab = 'overall' | 'by_rep' | 'by_team' | 'by_region' | 'by_plan';

const TABS: { id: Tab; label: string; first: string }[] = [
  { id: 'overall', label: 'Overall', first: 'Scope' },
  { id: 'by_rep', label: 'By rep', first: 'Rep' },
  { id: 'by_team', label: 'By team', first: 'Team' },
  { id: 'by_region', label: 'By region', first: 'Region' },
  { id: 'by_plan', label: 'By plan', first: 'Plan' },
];

/** Every chart, in the order of the screen, the slides and the review pack. */
export const CHART_KINDS: ChartKind[] = [
  'expected_value_by_rep',
  'accounts_by_rep',
  'readiness_distribution',
  'conversion_by_rep',
  'conversion_by_team',
  'time_to_close',
  'revenue_over_time',
  'static_vs_dynamic',
  'lift_by_band',
  'lorenz',
];

type SortKey = Exclude<keyof MetricsRow, 'name'> | 'name';

interface Column {
  key: SortKey;
  label: string;
  hint?: string;
  show: (row: MetricsRow) => string;
}

const COLUMNS: Column[] = [
  { key: 'accounts', label: 'Accounts', show: (r) => formatInteger(r.accounts) },
  {
    key: 'engagement_30d',
    label: 'Engagement (30\u00a0d)',
    hint: 'Signals per account over the 30 days up to the end of the period',
    show: (r) => formatDecimal(r.engagement_30d),
  },
  { key: 'won', label: 'Won', show: (r) => formatInteger(r.won) },
  { key: 'lost', label: 'Lost', show: (r) => formatInteger(r.lost) },
  {
    key: 'conversion_rate',
    label: 'Conversion',
    hint: 'Won / (won + lost) among opportunities closed in the period',
    show: (r) => formatPercent(r.conversion_rate),
  },
  {
    key: 'median_days_to_close',
    label: 'Median days',
    hint: 'Median days from creation to close of won opportunities',
    show: (r) => formatInteger(r.median_days_to_close),
  },
  {
    key: 'p75_days_to_close',
    label: 'P75 days',
    hint: '75th percentile of days from creation to close of won opportunities',
    show: (r) => formatInteger(r.p75_days_to_close),
  },
  { key: 'won_revenue', label: 'Won revenue', show: (r) => formatMoney(r.won_revenue) },
  { key: 'expected_value', label: 'Expected value', show: (r) => formatMoney(r.expected_value) },
  {
    key: 'high_readiness_share',
    label: 'High-readiness share',
    hint: "This book's share of the workspace's deciding and buying accounts",
    show: (r) => formatPercent(r.high_readiness_share),
  },
];

interface Sort {
  key: SortKey;
  descending: boolean;
}

function rowsFor(report: MetricsReport, tab: Tab): MetricsRow[] {
  return tab === 'overall' ? [report.overall] : report[tab];
}

/** Sorts a copy; a missing figure (no deal closed) goes last whichever the direction. */
function sortRows(rows: MetricsRow[], sort: Sort | null): MetricsRow[] {
  if (sort === null) return rows;
  const { key, descending } = sort;
  return [...rows].sort((a, b) => {
    const left = a[key];
    const right = b[key];
    if (left === null || right === null) return left === right ? 0 : left === null ? 1 : -1;
    const order =
      typeof left === 'string' || typeof right === 'string'
        ? String(left).localeCompare(String(right))
        : left - right;
    return descending ? -order : order;
  });
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName);
}

type ChartMap = Partial<Record<ChartKind, Chart>>;

/**
 * Draws all ten charts for the period, again after each workspace change. Charts appear as
 * they arrive and the previous ones stay until replaced; an answer for an older period or
 * revision is dropped. Failures are gathered into one notice rather than ten. Nothing is asked
 * while `enabled` is false: an empty workspace has nothing to draw.
 */
function useCharts(period: Period, enabled: boolean): ChartMap {
  const { revision } = useWorkspaceRevision();
  const { reportError } = useNotices();
  const [charts, setCharts] = useState<ChartMap>({});
  const latest = useRef(0);

  useEffect(() => {
    if (!enabled) return;
    const request = ++latest.current;
    const failures: unknown[] = [];
    const jobs = CHART_KINDS.map((kind) =>
      api.chart({ kind, period }).then(
        (chart) => {
          if (request === latest.current) setCharts((current) => ({ ...current, [kind]: chart }));
        },
        (error: unknown) => {
          failures.push(error);
        },
      ),
    );
    void Promise.all(jobs).then(() => {
      if (request !== latest.current || failures.length === 0) return;
      const title =
        failures.length === 1
          ? 'Could not draw a chart'
          : `Could not draw ${String(failures.length)} charts`;
      reportError(failures[0], title);
    });
  }, [period, revision, reportError, enabled]);

  return charts;
}

export function InsightsScreen() {
  const [choice, setChoice] = useState<PeriodChoice>(DEFAULT_CHOICE);
  const { period } = choice;
  const periodKey = `${period.from ?? ''}|${period.to ?? ''}`;
  const { data: report } = useWorkspaceData(
    () => api.metrics(period),
    'Could not compute the metrics',
    periodKey,
  );
  const empty = report !== null && report.overall.accounts === 0 && report.by_rep.length === 0;
  const canPresent = report !== null && !empty;
  const charts = useCharts(period, canPresent);
  const [presenting, setPresenting] = useState(false);
  const { reportError, confirm } = useNotices();
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    if (presenting || !canPresent) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'p' && event.key !== 'P') return;
      if (event.altKey || event.ctrlKey || event.metaKey || isEditable(event.target)) return;
      event.preventDefault();
      setPresenting(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [presenting, canPresent]);

  const closePresentation = useCallback(() => setPresenting(false), []);
  const slides = useMemo(
    () => CHART_KINDS.map((kind) => ({ kind, chart: charts[kind] ?? null })),
    [charts],
  );

  const exportReviewPack = async () => {
    setExporting(true);
    try {
      const folder = await api.pickFolder();
      if (folder === null) return;
      const result = await api.exportReviewPack({ folder, period });
      confirm(
        'Review pack exported',
        `${plural(result.files.length, 'file')} written to ${result.folder}`,
      );
    } catch (error) {
      reportError(error, 'Could not export the review pack');
    } finally {
      setExporting(false);
    }
  };

  if (empty) {
    return (
      <section className="screen">
        <header className="screen-header">
          <h1>Insights</h1>
        </header>
        <EmptyState title="Nothing to measure yet">
          Import reps, accounts and opportunities on the Workspace screen; conversion, time to close
          and revenue appear here once opportunities have closed.
        </EmptyState>
      </section>
    );
  }

  return (
    <section className="screen insights">
      <header className="screen-header">
        <h1>Insights</h1>
        <span className="muted">How the territories convert</span>
        <span className="toolbar-spacer" />
        <button
          type="button"
          className="button"
          data-testid="review-pack"
          disabled={exporting || !canPresent}
          title="A PNG of every chart and a spreadsheet of the figures, for the period shown"
          onClick={() => void exportReviewPack()}
        >
          <Icon name="export" />
          {exporting ? 'Exporting…' : 'Export review pack…'}
        </button>
        <button
          type="button"
          className="button button-primary"
          data-testid="present"
          disabled={!canPresent}
          title="Show the charts as slides (P)"
          onClick={() => setPresenting(true)}
        >
          <Icon name="present" />
          Present
        </button>
      </header>
      <div className="toolbar">
        <PeriodPicker value={choice} onChange={setChoice} dataEnds={report?.data_ends} />
      </div>
      <div className="screen-scroll">
        <MetricsPanel report={report} />
        {report ? <BalanceStrip balance={report.balance} /> : null}
        {canPresent ? <StrategiesPanel /> : null}
        <div className="charts">
          {CHART_KINDS.map((kind) => (
            <ChartCard key={kind} kind={kind} chart={charts[kind] ?? null} period={period} />
          ))}
        </div>
      </div>
      {presenting ? <Presentation slides={slides} onClose={closePresentation} /> : null}
    </section>
  );
}

function MetricsPanel({ report }: { report: MetricsReport | null }) {
  const [tab, setTab] = useState<Tab>('by_rep');
  const [sort, setSort] = useState<Sort | null>(null);
  const first = TABS.find((item) => item.id === tab)?.first ?? 'Name';
  const rows = report ? sortRows(rowsFor(report, tab), sort) : [];

  // A figure's first click puts the biggest first; a name's puts A first.
  const onSort = (key: SortKey) =>
    setSort((current) =>
      current?.key === key
        ? { key, descending: !current.descending }
        : { key, descending: key !== 'name' },
    );

  const header = (key: SortKey, label: string, numeric: boolean, hint?: string) => {
    const active = sort?.key === key;
    return (
      <th
        key={key}
        className={numeric ? 'numeric' : undefined}
        title={hint}
        aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}
      >
        <button
          type="button"
          className={`sort-button${active ? ' sort-active' : ''}`}
          onClick={() => onSort(key)}
        >
          {label}
          <span className="sort-arrow" aria-hidden="true">
            {active ? (sort.descending ? '↓' : '↑') : ''}
          </span>
        </button>
      </th>
    );
  };

  return (
    <div className="panel">
      <div className="tabs" role="tablist" aria-label="Group metrics by">
        {TABS.map((item) => (
          <button
            key={item.id}
            type="button"
            role="tab"
            aria-selected={tab === item.id}
            className="tab"
            onClick={() => setTab(item.id)}
          >
            {item.label}
          </button>
        ))}
      </div>
      <div className="table-scroll">
        <table className="table metrics" data-testid="metrics-table">
          <thead>
            <tr>
              {header('name', first, false)}
              {COLUMNS.map((column) => header(column.key, column.label, true, column.hint))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.name} data-testid="metrics-row">
                <td>{row.name}</td>
                {COLUMNS.map((column) => (
                  <td key={column.key} className="numeric">
                    {column.show(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function BalanceStrip({ balance }: { balance: Balance }) {
  return (
    <div className="balance-strip" data-testid="insights-balance" aria-label="Balance">
      <Stat
        label="EV spread (CV)"
        hint="Coefficient of variation of expected value across reps; lower is more even"
      >
        {formatPercent(balance.cv_expected_value)}
      </Stat>
      <Stat label="Gini" hint="0 is perfectly even, 1 is one rep holding everything">
        {formatDecimal(balance.gini_expected_value)}
      </Stat>
      <Stat label="Max / min EV" hint="Largest over smallest expected value per rep">
        {formatRatio(balance.max_min_expected_value)}
      </Stat>
      <Stat label="Accounts CV" hint="Spread of account counts per rep: CV and max/min">
        {formatPercent(balance.cv_accounts)}
        <span className="stat-sub">{formatRatio(balance.max_min_accounts)}</span>
      </Stat>
    </div>
  );
}

const STRATEGY_LABELS: Record<Strategy, string> = {
  static: 'Static territories',
  'round-robin': 'Round-robin',
  dynamic: 'Dynamic (Terrain)',
  realignment: 'Realignment (Terrain)',
};

const STRATEGY_HINTS: Record<Strategy, string> = {
  static: 'Cut once by geography; each rep works the best of their patch up to capacity',
  'round-robin': 'Accounts dealt one each in turn, by id, whatever they are worth',
  dynamic: "Terrain's engine, starting from the CRM's owners and paying for every move",
  realignment: "Terrain's engine from scratch, moves free: a quarterly realignment",
};

interface StrategyColumn {
  label: string;
  hint: string;
  show: (figures: StrategyFigures) => string;
}

const STRATEGY_COLUMNS: StrategyColumn[] = [
  {
    label: 'Expected value',
    hint: 'Readiness × potential, summed over the accounts in books',
    show: (s) => formatMoney(s.expected_value),
  },
  {
    label: 'Share',
    hint: 'Of the expected value of every account, pooled ones included',
    show: (s) => formatPercent(s.expected_value_share),
  },
  { label: 'In books', show: (s) => formatInteger(s.in_books), hint: 'Accounts reps work' },
  { label: 'Pooled', show: (s) => formatInteger(s.pooled), hint: 'Accounts in no book' },
  {
    label: 'EV spread (CV)',
    hint: 'Coefficient of variation of expected value across reps; lower is more even',
    show: (s) => formatPercent(s.balance.cv),
  },
  {
    label: 'Gini',
    hint: '0 is perfectly even, 1 is one rep holding everything',
    show: (s) => formatDecimal(s.balance.gini),
  },
  {
    label: 'Max / min EV',
    hint: 'Largest over smallest expected value per rep',
    show: (s) => formatRatio(s.balance.max_min),
  },
  {
    label: 'Outside band',
    hint: 'Reps whose expected value is outside the band around the team mean',
    show: (s) => formatInteger(s.balance.reps_outside_band),
  },
  {
    label: 'Moves',
    hint: "Accounts whose owner differs from the CRM's, into or out of the pool included",
    show: (s) => formatInteger(s.moves),
  },
];

/**
 * Static territories and round-robin against the dynamic plan, all three built from the CRM's
 * owners and the latest scores. The figures do not depend on the period: they describe the
 * books each strategy would give today.
 */
function StrategiesPanel() {
  const { data: comparison } = useWorkspaceData(
    () => api.compare(),
    'Could not compare the strategies',
  );
  return (
    <section
      className="panel strategies"
      data-testid="strategies"
      aria-labelledby="strategies-title"
    >
      <div className="panel-title-row">
        <h2 id="strategies-title">Strategies</h2>
        {comparison ? <span className="muted">{describeComparison(comparison)}</span> : null}
      </div>
      {comparison === null ? (
        <p className="muted">Comparing the strategies…</p>
      ) : (
        <>
          <p className="strategies-headline" data-testid="strategies-headline">
            {comparison.headline}
          </p>
          <div className="table-scroll">
            <table className="table strategies-table">
              <thead>
                <tr>
                  <th>Strategy</th>
                  {STRATEGY_COLUMNS.map((column) => (
                    <th key={column.label} className="numeric" title={column.hint}>
                      {column.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {comparison.strategies.map((figures) => (
                  <tr
                    key={figures.name}
                    data-testid="strategy-row"
                    data-strategy={figures.name}
                    className={figures.name === 'dynamic' ? 'strategy-highlight' : undefined}
                  >
                    <td title={STRATEGY_HINTS[figures.name]}>
                      {STRATEGY_LABELS[figures.name]}
                      {figures.name === 'static' ? (
                        <span className="strategy-basis"> by {comparison.static_by}</span>
                      ) : null}
                    </td>
                    {STRATEGY_COLUMNS.map((column) => (
                      <td key={column.label} className="numeric">
                        {column.show(figures)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function describeComparison(comparison: Comparison): string {
  const scored = comparison.scored_as_of
    ? `scores as of ${formatDay(comparison.scored_as_of)}`
    : 'not scored yet';
  // The band and the pool are the director's plan settings; saying them shows which rules
  // every strategy was held to, and that a change in Plan settings reaches this table.
  const band = `${String(Math.round(comparison.band * 1000) / 10)}%`;
  const pool = `${String(Math.round(comparison.pool_below * 1000) / 10)}%`;
  return `From the CRM's owners · ${scored} · ${plural(comparison.reps, 'rep')}, ${plural(
    comparison.accounts,
    'account',
  )} · band ±${band}, pool below ${pool} readiness`;
}

function ChartCard({
  kind,
  chart,
  period,
}: {
  kind: ChartKind;
  chart: Chart | null;
  period: Period;
}) {
  const { reportError, confirm } = useNotices();
  const [saving, setSaving] = useState<ChartFormat | null>(null);

  const save = async (format: ChartFormat) => {
    setSaving(format);
    try {
      // The dialog adds the extension for the chosen format.
      const path = await api.pickChartPath(format, `${kind}_${periodSlug(period)}`);
      if (path === null) return;
      const written = await api.saveChart({ kind, period, path });
      confirm('Chart saved', `Saved ${written}`);
    } catch (error) {
      reportError(error, 'Could not save the chart');
    } finally {
      setSaving(null);
    }
  };

  const title = chart?.title ?? 'Chart';
  return (
    <figure className="panel chart" data-testid="chart" data-kind={kind}>
      <figcaption className="chart-head">
        <div className="chart-heading">
          {/* The SVG draws its own title, so the card names it for screen readers only. */}
          <div className="chart-title visually-hidden">{chart?.title ?? '\u00a0'}</div>
          <div className="chart-subtitle">{chart?.subtitle ?? '\u00a0'}</div>
        </div>
        <div className="chart-actions">
          {(['png', 'svg'] as const).map((format) => (
            <button
              key={format}
              type="button"
              className="button button-small"
              disabled={chart === null || saving !== null}
              aria-label={`Save ${title} as ${format.toUpperCase()}`}
              title={`Save as ${format.toUpperCase()}…`}
              onClick={() => void save(format)}
            >
              {format.toUpperCase()}
            </button>
          ))}
        </div>
      </figcaption>
      {chart ? (
        // The SVG is drawn by our own Rust code (plotters), never from user-supplied markup.
        <div className="chart-svg" dangerouslySetInnerHTML={{ __html: chart.svg }} />
      ) : (
        <div className="chart-svg chart-loading" />
      )}
    </figure>
  );
}
