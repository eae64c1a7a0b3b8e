//! Whether the territories convert: the metrics table by rep, team and region, and the charts
//! the Rust side draws as SVG.

import { useEffect, useState } from 'react';

import { api } from '../api';
import type { Chart, ChartKind, MetricsReport, MetricsRow } from '../api';
import { EmptyState } from '../components/EmptyState';
import { useWorkspaceData, useWorkspaceRevision } from '../lib/data';
import { formatInteger, formatMoney, formatPercent } from '../lib/format';
import { useNotices } from '../lib/notices';

type Tab = 'overall' | 'by_rep' | 'by_team' | 'by_region';

const TABS: { id: Tab; label: string }[] = [
  { id: 'overall', label: 'Overall' },
  { id: 'by_rep', label: 'By rep' },
  { id: 'by_team', label: 'By team' },
  { id: 'by_region', label: 'By region' },
];

const FIRST_HEADER: Record<Tab, string> = {
  overall: 'Scope',
  by_rep: 'Rep',
  by_team: 'Team',
  by_region: 'Region',
};

const CHARTS: ChartKind[] = [
  'expected_value_by_rep',
  'accounts_by_rep',
  'readiness_distribution',
  'conversion_by_rep',
];

function rowsFor(report: MetricsReport, tab: Tab): MetricsRow[] {
  return tab === 'overall' ? [report.overall] : report[tab];
}

export function InsightsScreen() {
  const { data: report } = useWorkspaceData(api.metrics, 'Could not compute the metrics');
  const [tab, setTab] = useState<Tab>('by_rep');

  if (report && report.overall.accounts === 0 && report.by_rep.length === 0) {
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
      </header>
      <div className="screen-scroll">
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
          <table className="table metrics" data-testid="metrics-table">
            <thead>
              <tr>
                <th>{FIRST_HEADER[tab]}</th>
                <th className="numeric">Accounts</th>
                <th className="numeric">Won</th>
                <th className="numeric">Lost</th>
                <th className="numeric">Conversion</th>
                <th className="numeric">Median days to close</th>
                <th className="numeric">Won revenue</th>
                <th className="numeric">Expected value</th>
              </tr>
            </thead>
            <tbody>
              {report
                ? rowsFor(report, tab).map((row) => (
                    <tr key={row.name} data-testid="metrics-row">
                      <td>{row.name}</td>
                      <td className="numeric">{formatInteger(row.accounts)}</td>
                      <td className="numeric">{formatInteger(row.won)}</td>
                      <td className="numeric">{formatInteger(row.lost)}</td>
                      <td className="numeric">{formatPercent(row.conversion_rate)}</td>
                      <td className="numeric">{formatInteger(row.median_days_to_close)}</td>
                      <td className="numeric">{formatMoney(row.won_revenue)}</td>
                      <td className="numeric">{formatMoney(row.expected_value)}</td>
                    </tr>
                  ))
                : null}
            </tbody>
          </table>
        </div>
        <div className="charts">
          {CHARTS.map((kind) => (
            <ChartPanel key={kind} kind={kind} />
          ))}
        </div>
      </div>
    </section>
  );
}

function ChartPanel({ kind }: { kind: ChartKind }) {
  const { revision } = useWorkspaceRevision();
  const { reportError } = useNotices();
  const [chart, setChart] = useState<Chart | null>(null);

  useEffect(() => {
    let live = true;
    api.chart(kind).then(
      (value) => {
        if (live) setChart(value);
      },
      (error: unknown) => {
        if (live) reportError(error, 'Could not draw a chart');
      },
    );
    return () => {
      live = false;
    };
  }, [kind, revision, reportError]);

  return (
    <figure className="panel chart" data-testid="chart" data-kind={kind}>
      <figcaption>{chart?.title ?? '\u00a0'}</figcaption>
      {chart ? (
        // The SVG is drawn by our own Rust code (plotters), never from user-supplied markup.
        <div className="chart-svg" dangerouslySetInnerHTML={{ __html: chart.svg }} />
      ) : (
        <div className="chart-svg chart-loading" />
      )}
    </figure>
  );
}
