//! Every account in a virtualised grid. Rows are fetched a page at a time as the user scrolls,
//! with the search and sort done by the backend; a selected row shows its score's reasons and
//! the chart of its score over time, which the Rust side draws.

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

import { api } from '../api';
import type { AccountRow, AccountSort, ScoreChart } from '../api';
import { EmptyState } from '../components/EmptyState';
import { Icon } from '../components/Icon';
import { StageChip } from '../components/StageChip';
import { useWorkspaceData, useWorkspaceRevision } from '../lib/data';
import {
  formatCompact,
  formatDecimal,
  formatInteger,
  formatMoney,
  formatPercent,
  plural,
} from '../lib/format';
import { useNotices } from '../lib/notices';
import { DuplicatesDialog } from './Duplicates';

export const PAGE_SIZE = 100;
const ROW_HEIGHT = 40;
const SEARCH_DELAY_MS = 250;

interface ColumnDef {
  id: string;
  label: string;
  sort?: AccountSort;
  numeric?: boolean;
  width: string;
  render: (row: AccountRow) => ReactNode;
}

const COLUMNS: ColumnDef[] = [
  {
    id: 'name',
    label: 'Name',
    sort: 'name',
    width: 'minmax(250px, 2.2fr)',
    render: (row) => (
      <span className="cell-name" title={row.name}>
        <span className="cell-name-text">{row.name}</span>
        {row.locked ? (
          <span className="card-lock" title="Locked">
            <Icon name="lock" size={12} />
          </span>
        ) : null}
      </span>
    ),
  },
  {
    id: 'readiness',
    label: 'Readiness',
    sort: 'readiness',
    numeric: true,
    width: '104px',
    render: (row) => formatPercent(row.readiness),
  },
  {
    id: 'stage',
    label: 'Stage',
    width: '112px',
    render: (row) => <StageChip stage={row.stage} />,
  },
  {
    id: 'expected_value',
    label: 'Exp. value',
    sort: 'expected_value',
    numeric: true,
    width: '104px',
    render: (row) => formatMoney(row.expected_value),
  },
  {
    id: 'owner',
    label: 'Owner',
    sort: 'owner',
    width: 'minmax(120px, 1fr)',
    render: (row) => row.owner ?? <span className="pool-tag">Pool</span>,
  },
  {
    id: 'industry',
    label: 'Industry',
    sort: 'industry',
    width: 'minmax(110px, 1fr)',
    render: (row) => row.industry ?? '—',
  },
  {
    id: 'location',
    label: 'Location',
    width: 'minmax(110px, 1fr)',
    render: (row) => row.location ?? '—',
  },
  {
    id: 'employees',
    label: 'Employees',
    sort: 'employees',
    numeric: true,
    width: '108px',
    render: (row) => formatInteger(row.employees),
  },
  {
    id: 'revenue',
    label: 'Revenue',
    sort: 'revenue',
    numeric: true,
    width: '100px',
    // Revenue comes in the sheet's own unit (Maven's is millions), so no currency is implied.
    render: (row) => formatCompact(row.revenue),
  },
  {
    id: 'key',
    label: 'Key',
    width: '100px',
    render: (row) => <span className="muted">{row.key}</span>,
  },
  {
    id: 'reasons',
    label: 'Top reasons',
    width: 'minmax(180px, 2fr)',
    render: (row) => (
      <span className="muted cell-reasons">
        {row.reasons
          .slice(0, 2)
          .map((r) => r.text)
          .join(' · ')}
      </span>
    ),
  },
];

const TEMPLATE = COLUMNS.map((column) => column.width).join(' ');

export function useDebounced<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

export function AccountsScreen() {
  const { reportError, confirm } = useNotices();
  const { data: proposals } = useWorkspaceData(
    api.mergeProposals,
    'Could not list possible duplicates',
  );
  const [duplicatesOpen, setDuplicatesOpen] = useState(false);
  const { revision } = useWorkspaceRevision();
  const [searchText, setSearchText] = useState('');
  const search = useDebounced(searchText, SEARCH_DELAY_MS);
  const [sort, setSort] = useState<AccountSort>('readiness');
  const [descending, setDescending] = useState(true);
  const [total, setTotal] = useState<number | null>(null);
  const [pages, setPages] = useState<Map<number, AccountRow[]>>(() => new Map());
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const requested = useRef(new Set<number>());
  const generation = useRef(0);
  const scrollRef = useRef<HTMLDivElement | null>(null);

  const loadPage = useCallback(
    (page: number) => {
      if (requested.current.has(page)) return;
      requested.current.add(page);
      const mine = generation.current;
      api
        .listAccounts({ search, sort, descending, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
        .then(
          (result) => {
            if (mine !== generation.current) return;
            setTotal(result.total);
            setPages((current) => new Map(current).set(page, result.rows));
          },
          (error: unknown) => {
            if (mine !== generation.current) return;
            requested.current.delete(page);
            reportError(error, 'Could not load accounts');
          },
        );
    },
    [search, sort, descending, reportError],
  );

  // A new query or a workspace change starts over from the first page.
  useEffect(() => {
    generation.current += 1;
    requested.current = new Set();
    setPages(new Map());
    loadPage(0);
    scrollRef.current?.scrollTo({ top: 0 });
  }, [loadPage, revision]);

  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index;
  const last = items[items.length - 1]?.index;

  useEffect(() => {
    if (first === undefined || last === undefined) return;
    for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
      loadPage(page);
    }
  }, [first, last, loadPage]);

  const rowAt = (index: number): AccountRow | undefined =>
    pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];

  const selectedRow = useMemo(() => {
    for (const rows of pages.values()) {
      const found = rows.find((row) => row.id === selectedId);
      if (found) return found;
    }
    return null;
  }, [pages, selectedId]);

  const onSort = (column: AccountSort) => {
    if (column === sort) {
      setDescending((value) => !value);
    } else {
      setSort(column);
      // Names read best A to Z; figures best largest first.
      setDescending(!['name', 'owner', 'industry'].includes(column));
    }
  };

  const moveSelection = (delta: number) => {
    if (total === null || total === 0) return;
    const current = selectedRow ? findIndex(pages, selectedRow.id) : -1;
    const next = Math.max(0, Math.min(total - 1, current + delta));
    const row = rowAt(next);
    if (row) {
      setSelectedId(row.id);
      virtualizer.scrollToIndex(next);
    }
  };

  return (
    <section className="screen accounts">
      <header className="screen-header">
        <h1>Accounts</h1>
        <span className="muted" data-testid="account-total">
          {total === null ? '' : `${formatInteger(total)} ${search ? 'matching' : 'accounts'}`}
        </span>
        <span className="toolbar-spacer" />
        {proposals && proposals.length > 0 ? (
          <button
            type="button"
            className="button"
            data-testid="duplicates-open"
            title="Accounts that look like one company written differently"
            onClick={() => setDuplicatesOpen(true)}
          >
            Possible duplicates ({proposals.length})
          </button>
        ) : null}
        <label className="search">
          <Icon name="search" />
          <input
            type="search"
            placeholder="Search name, key, industry, location, owner"
            aria-label="Search accounts"
            value={searchText}
            onChange={(event) => setSearchText(event.target.value)}
          />
        </label>
      </header>
      {duplicatesOpen ? (
        <DuplicatesDialog
          proposals={proposals ?? []}
          onClose={() => setDuplicatesOpen(false)}
          onMerged={(merged) =>
            confirm(
              'Accounts merged',
              `${plural(merged.merged, 'account')} merged into ${merged.name}.` +
                (merged.rescored_as_of ? ` Rescored as of ${merged.rescored_as_of}.` : ''),
            )
          }
        />
      ) : null}
      <div className="accounts-body">
        <div
          className="grid"
          role="grid"
          aria-rowcount={total ?? 0}
          tabIndex={0}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              moveSelection(1);
            } else if (event.key === 'ArrowUp') {
              event.preventDefault();
              moveSelection(-1);
            }
          }}
        >
          <div className="grid-inner">
            <div className="grid-header" role="row" style={{ gridTemplateColumns: TEMPLATE }}>
              {COLUMNS.map((column) => {
                const active = column.sort !== undefined && column.sort === sort;
                return (
                  <div
                    key={column.id}
                    role="columnheader"
                    className={`grid-cell${column.numeric ? ' numeric' : ''}`}
                    aria-sort={active ? (descending ? 'descending' : 'ascending') : undefined}
                  >
                    {column.sort ? (
                      <button
                        type="button"
                        className={`sort-button${active ? ' sort-active' : ''}`}
                        onClick={() => column.sort && onSort(column.sort)}
                      >
                        {column.label}
                        <span className="sort-arrow" aria-hidden="true">
                          {active ? (descending ? '↓' : '↑') : ''}
                        </span>
                      </button>
                    ) : (
                      column.label
                    )}
                  </div>
                );
              })}
            </div>
            <div className="grid-scroll" ref={scrollRef}>
              {total === 0 ? (
                search ? (
                  <EmptyState title="No matches">
                    No account matches “{search}”. Try part of a name, a CRM id or an owner.
                  </EmptyState>
                ) : (
                  <EmptyState title="No accounts yet">
                    Import an accounts sheet (CSV or XLSX) on the Workspace screen.
                  </EmptyState>
                )
              ) : (
                <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                  {items.map((item) => {
                    const row = rowAt(item.index);
                    return (
                      <div
                        key={item.key}
                        role="row"
                        aria-rowindex={item.index + 1}
                        aria-selected={row !== undefined && row.id === selectedId}
                        className={
                          row && row.id === selectedId ? 'grid-row grid-row-selected' : 'grid-row'
                        }
                        data-testid={row ? 'account-row' : 'account-row-loading'}
                        style={{
                          gridTemplateColumns: TEMPLATE,
                          transform: `translateY(${String(item.start)}px)`,
                          height: ROW_HEIGHT,
                        }}
                        onClick={() => row && setSelectedId(row.id)}
                      >
                        {row ? (
                          COLUMNS.map((column) => (
                            <div
                              key={column.id}
                              role="gridcell"
                              className={`grid-cell${column.numeric ? ' numeric' : ''}`}
                            >
                              {column.render(row)}
                            </div>
                          ))
                        ) : (
                          <div className="grid-cell skeleton" />
                        )}
                      </div>
                    );
                  })}
                </div>
              )}
            </div>
          </div>
        </div>
        <ReasonPanel row={selectedRow} />
      </div>
    </section>
  );
}

function findIndex(pages: Map<number, AccountRow[]>, id: number): number {
  for (const [page, rows] of pages) {
    const index = rows.findIndex((row) => row.id === id);
    if (index >= 0) return page * PAGE_SIZE + index;
  }
  return -1;
}

function ReasonPanel({ row }: { row: AccountRow | null }) {
  if (!row) {
    return (
      <aside className="side-panel side-panel-empty" data-testid="reason-panel">
        <div className="muted">Select an account to see why it scored as it did.</div>
      </aside>
    );
  }
  return (
    <aside className="side-panel" data-testid="reason-panel" aria-label={`${row.name} details`}>
      <div className="side-title">{row.name}</div>
      <div className="muted">
        {row.key} · {row.industry ?? 'no industry'} · {row.location ?? 'no location'}
      </div>
      <div className="side-figures">
        <div>
          <div className="stat-label">Readiness</div>
          <div className="stat-value">{formatPercent(row.readiness)}</div>
        </div>
        <div>
          <div className="stat-label">Exp. value</div>
          <div className="stat-value">{formatMoney(row.expected_value)}</div>
        </div>
        <div>
          <div className="stat-label">Stage</div>
          <div className="stat-value">
            <StageChip stage={row.stage} />
          </div>
        </div>
      </div>
      <div className="side-section">
        <div className="stat-label">Owner</div>
        <div>
          {row.owner ?? 'Pool'}
          {row.locked ? ' · locked' : ''}
        </div>
      </div>
      <div className="side-section">
        <div className="stat-label">Employees · revenue</div>
        <div>
          {formatInteger(row.employees)} · {formatCompact(row.revenue)}
        </div>
      </div>
      {row.merged_from.length > 0 ? (
        <div className="side-section" data-testid="merged-from">
          <div className="stat-label">Merged from</div>
          <ul className="merged-from">
            {row.merged_from.map((record) => (
              <li key={record.key}>
                “{record.name}” <span className="muted">· {record.key}</span>
                {record.website ? <span className="muted"> · {record.website}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="side-section">
        <div className="stat-label">Reasons</div>
        {row.reasons.length === 0 ? (
          <div className="muted">No reasons recorded for this score.</div>
        ) : (
          <ul className="reasons">
            {row.reasons.map((reason, index) => (
              <li
                key={index}
                className={reason.effect >= 0 ? 'reason reason-up' : 'reason reason-down'}
                data-testid="reason"
              >
                <span className="reason-sign" aria-label={reason.effect >= 0 ? 'raises' : 'lowers'}>
                  {reason.effect >= 0 ? '+' : '−'}
                </span>
                <span className="reason-text">{reason.text}</span>
                <span className="reason-effect">{formatDecimal(Math.abs(reason.effect))}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <ScoreHistoryChart account={row.id} name={row.name} />
    </aside>
  );
}

/**
 * The selected account's readiness, fit, engagement and intent at each scoring run. The panel
 * is too narrow for the chart's labels, so it shows a preview that opens the chart full size.
 */
function ScoreHistoryChart({ account, name }: { account: number; name: string }) {
  const { data } = useWorkspaceData<ScoreChart>(
    () => api.scoreHistoryChart(account),
    'Could not draw the score history',
    String(account),
  );
  const [enlarged, setEnlarged] = useState(false);
  // A chart of the previous selection stays until this one arrives, but is not shown as this one.
  const chart = data?.account_id === account ? data : null;
  return (
    <figure className="side-section score-chart" data-testid="score-history">
      <figcaption>
        <div className="stat-label">Score over time</div>
        <div className="chart-subtitle">{chart?.subtitle ?? '\u00a0'}</div>
      </figcaption>
      {chart ? (
        <button
          type="button"
          className="chart-thumb"
          title="Show the chart full size"
          aria-label={`Show ${chart.title.toLowerCase()} of ${name} full size`}
          onClick={() => setEnlarged(true)}
        >
          {/* The SVG is drawn by our own Rust code (plotters), never from user-supplied markup. */}
          <span className="chart-svg" dangerouslySetInnerHTML={{ __html: chart.svg }} />
        </button>
      ) : (
        <div className="chart-svg chart-loading" />
      )}
      {chart && enlarged ? (
        <ChartDialog chart={chart} name={name} onClose={() => setEnlarged(false)} />
      ) : null}
    </figure>
  );
}

function ChartDialog({
  chart,
  name,
  onClose,
}: {
  chart: ScoreChart;
  name: string;
  onClose: () => void;
}) {
  const close = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    close.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="chart-dialog-backdrop" onClick={onClose}>
      <div
        className="panel chart-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={`${chart.title} of ${name}`}
        data-testid="score-chart-dialog"
        onClick={(event) => event.stopPropagation()}
      >
        <div className="chart-head">
          <div className="chart-heading">
            <div className="chart-title">{name}</div>
            <div className="chart-subtitle">{chart.subtitle}</div>
          </div>
          <button
            ref={close}
            type="button"
            className="icon-button"
            aria-label="Close"
            onClick={onClose}
          >
            ×
          </button>
        </div>
        <div className="chart-svg" dangerouslySetInnerHTML={{ __html: chart.svg }} />
      </div>
    </div>
  );
}
