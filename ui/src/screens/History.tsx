//! The audit log: every manual move and lock, re-plan, accepted review and activation, newest
//! first, with who owned each account before and after and why. It can be narrowed to one
//! account and exported to Excel.

import { useCallback, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

import { api } from '../api';
import type { AccountRow, AuditChange, AuditEntry, AuditPage } from '../api';
import { EmptyState } from '../components/EmptyState';
import { Icon } from '../components/Icon';
import { useWorkspaceData } from '../lib/data';
import { formatDateTime, formatInteger, plural } from '../lib/format';
import { useNotices } from '../lib/notices';

const PAGE = 100;
const CHANGE_ROW = 42;

const STATES: Record<string, string> = {
  done: 'done',
  undone: 'undone',
  dropped: 'undone, replaced',
};

export function HistoryScreen() {
  const { confirm, reportError } = useNotices();
  const [account, setAccount] = useState<AccountRow | null>(null);
  const [pages, setPages] = useState(1);
  const [selected, setSelected] = useState<number | null>(null);
  const [exporting, setExporting] = useState(false);
  const accountId = account?.id ?? null;
  const { data: page } = useWorkspaceData<AuditPage>(
    () => api.auditLog({ account_id: accountId, offset: 0, limit: PAGE * pages }),
    'Could not read the audit log',
    `${String(accountId)}:${String(pages)}`,
  );

  const exportLog = useCallback(async () => {
    setExporting(true);
    try {
      const path = await api.pickAuditPath();
      if (path === null) return;
      const written = await api.exportAuditLog({ path });
      confirm('Audit log exported', `${plural(written.rows, 'row')} written to ${written.path}`);
    } catch (error) {
      reportError(error, 'The audit log was not exported');
    } finally {
      setExporting(false);
    }
  }, [confirm, reportError]);

  const entries = page?.entries ?? [];
  const current = entries.find((e) => e.id === selected) ?? null;

  return (
    <section className="screen history">
      <header className="screen-header">
        <h1>History</h1>
        <span className="muted">Who owned what, when and why</span>
        <span className="toolbar-spacer" />
        <AccountFilter
          account={account}
          onChoose={(chosen) => {
            setAccount(chosen);
            setPages(1);
            setSelected(null);
          }}
        />
        <button
          type="button"
          className="button"
          data-testid="export-audit"
          disabled={exporting || entries.length === 0}
          onClick={() => void exportLog()}
        >
          <Icon name="export" />
          Export to Excel…
        </button>
      </header>
      <div className="history-body">
        <div className="screen-scroll history-list">
          {!page ? <div className="loading">Reading the audit log…</div> : null}
          {page && entries.length === 0 ? (
            <EmptyState title={account ? `Nothing changed ${account.name}` : 'No changes yet'}>
              Moves, locks, re-plans, accepted reviews and activations are listed here as they
              happen.
            </EmptyState>
          ) : null}
          {entries.length > 0 ? (
            <table className="table audit-table" data-testid="audit-log">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">What</th>
                  <th scope="col">Action</th>
                  <th scope="col" className="num">
                    Accounts
                  </th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <EntryRow
                    key={entry.id}
                    entry={entry}
                    selected={entry.id === selected}
                    onSelect={() => setSelected(entry.id === selected ? null : entry.id)}
                  />
                ))}
              </tbody>
            </table>
          ) : null}
          {page && page.total > entries.length ? (
            <button
              type="button"
              className="button load-more"
              data-testid="audit-more"
              onClick={() => setPages((n) => n + 1)}
            >
              Show {formatInteger(Math.min(PAGE, page.total - entries.length))} more of{' '}
              {formatInteger(page.total)}
            </button>
          ) : null}
        </div>
        {current ? <EntryDetail entry={current} accountId={accountId} /> : null}
      </div>
    </section>
  );
}

function EntryRow({
  entry,
  selected,
  onSelect,
}: {
  entry: AuditEntry;
  selected: boolean;
  onSelect: () => void;
}) {
  return (
    <tr
      data-testid="audit-entry"
      data-action={entry.action}
      data-state={entry.state}
      aria-selected={selected}
      tabIndex={0}
      className={`${selected ? 'selected ' : ''}audit-${entry.state}`}
      onClick={onSelect}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          onSelect();
        }
      }}
    >
      <td>{formatDateTime(entry.at)}</td>
      <td className="audit-label">{entry.label}</td>
      <td>{entry.action}</td>
      <td className="num">{formatInteger(entry.changes)}</td>
      <td>
        <span className={`chip audit-state-${entry.state}`}>
          {STATES[entry.state] ?? entry.state}
        </span>
      </td>
    </tr>
  );
}

function EntryDetail({ entry, accountId }: { entry: AuditEntry; accountId: number | null }) {
  const { data: detail } = useWorkspaceData(
    () => api.auditEntry(entry.id, accountId),
    'Could not read the changes',
    `${String(entry.id)}:${String(accountId)}`,
  );
  const changes: AuditChange[] = detail?.id === entry.id ? detail.changes : [];
  const scroller = useRef<HTMLDivElement | null>(null);
  const rows = useVirtualizer({
    count: changes.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => CHANGE_ROW,
    overscan: 10,
  });
  return (
    <aside className="side-panel audit-detail" data-testid="audit-detail">
      <h2>{entry.label}</h2>
      <p className="muted">
        {formatDateTime(entry.at)} · {entry.action} · {STATES[entry.state] ?? entry.state}
        {detail && detail.total > changes.length
          ? ` · the first ${formatInteger(changes.length)} of ${formatInteger(detail.total)} ` +
            'accounts; the export lists them all'
          : ''}
      </p>
      <div className="audit-changes" ref={scroller}>
        <div style={{ height: rows.getTotalSize(), position: 'relative' }}>
          {rows.getVirtualItems().map((item) => {
            const change = changes[item.index];
            if (!change) return null;
            return (
              <div
                key={item.key}
                className="audit-change"
                data-testid="audit-change"
                style={{ position: 'absolute', top: item.start, left: 0, right: 0 }}
                title={change.reason}
              >
                <span className="audit-change-account">
                  {change.account} <span className="muted">{change.account_key}</span>
                </span>
                <span className="audit-change-move">
                  {change.from} → {change.to}
                  {change.locked ? ' · locked' : ''}
                </span>
                <span className="muted audit-change-reason">{change.reason}</span>
              </div>
            );
          })}
        </div>
      </div>
    </aside>
  );
}

/** Narrows the log to one account, found by name or CRM id. */
function AccountFilter({
  account,
  onChoose,
}: {
  account: AccountRow | null;
  onChoose: (account: AccountRow | null) => void;
}) {
  const [text, setText] = useState('');
  const [matches, setMatches] = useState<AccountRow[]>([]);
  const { reportError } = useNotices();
  const search = useCallback(
    async (value: string) => {
      setText(value);
      if (value.trim().length < 2) {
        setMatches([]);
        return;
      }
      try {
        const page = await api.listAccounts({
          search: value.trim(),
          sort: 'name',
          descending: false,
          offset: 0,
          limit: 8,
        });
        setMatches(page.rows);
      } catch (error) {
        reportError(error, 'Could not search the accounts');
      }
    },
    [reportError],
  );
  if (account) {
    return (
      <span className="chip audit-filter" data-testid="audit-filter">
        {account.name}
        <button
          type="button"
          className="button button-small"
          aria-label={`Show every account, not only ${account.name}`}
          onClick={() => onChoose(null)}
        >
          ×
        </button>
      </span>
    );
  }
  return (
    <div className="audit-search">
      <input
        type="search"
        placeholder="Only one account…"
        aria-label="Show only the changes of one account"
        data-testid="audit-search"
        value={text}
        onChange={(event) => void search(event.target.value)}
      />
      {matches.length > 0 ? (
        <ul className="audit-matches" role="listbox" aria-label="Matching accounts">
          {matches.map((row) => (
            <li key={row.id} role="option" aria-selected={false}>
              <button
                type="button"
                data-testid="audit-match"
                onClick={() => {
                  setText('');
                  setMatches([]);
                  onChoose(row);
                }}
              >
                {row.name} <span className="muted">{row.key}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
