//! The workspace at a glance: what is loaded, how healthy it is, the imports, and the way in
//! (import, through the mapping dialog) and out (export) of the app.

import { useCallback, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

import { api } from '../api';
import type {
  ExportFormat,
  ImportPreview,
  ImportProblem,
  ImportReport,
  WorkspaceSummary,
} from '../api';
import { EmptyState } from '../components/EmptyState';
import { Icon } from '../components/Icon';
import { useWorkspaceData } from '../lib/data';
import { baseName, formatDateTime, formatDay, formatInteger, plural } from '../lib/format';
import { useNotices } from '../lib/notices';
import { BackupsDialog } from './Backups';
import { CrmExportDialog } from './CrmExport';
import { ImportDialog, importInput } from './ImportDialog';

export function WorkspaceScreen({ onOpenTerritories }: { onOpenTerritories?: () => void }) {
  const { reportError, confirm } = useNotices();
  const {
    data: summary,
    loading,
    reload,
  } = useWorkspaceData(api.workspaceSummary, 'Could not read the workspace');
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState<'import' | 'export' | null>(null);
  const [crmOpen, setCrmOpen] = useState(false);
  const [backupsOpen, setBackupsOpen] = useState(false);
  const [mapping, setMapping] = useState<{ paths: string[]; preview: ImportPreview } | null>(null);

  // Picking files only surveys them; the mapping dialog imports.
  const pickFiles = useCallback(async () => {
    setBusy('import');
    try {
      const paths = await api.pickImportFiles();
      if (paths.length === 0) return;
      const preview = await api.inspectImport(importInput(paths, []));
      setMapping({ paths, preview });
    } catch (error) {
      reportError(error, 'The files could not be read');
    } finally {
      setBusy(null);
    }
  }, [reportError]);

  const imported = useCallback(
    (result: ImportReport) => {
      setMapping(null);
      setReport(result);
      // The shell also emits workspace-changed; reloading here keeps the summary right
      // even if that event is missed.
      reload();
      const rows = result.files.reduce((sum, file) => sum + file.imported, 0);
      confirm(
        'Import finished',
        `${plural(rows, 'row')} imported from ${plural(result.files.length, 'file')}.`,
      );
    },
    [confirm, reload],
  );

  const exportPlan = useCallback(
    async (format: ExportFormat) => {
      setBusy('export');
      try {
        const path = await api.pickExportPath(format);
        if (path === null) return;
        const result = await api.exportPlan({ path });
        confirm('Plan exported', `${plural(result.accounts, 'account')} written to ${result.path}`);
      } catch (error) {
        reportError(error, 'The export did not happen');
      } finally {
        setBusy(null);
      }
    },
    [confirm, reportError],
  );

  const importButton = (
    <button
      type="button"
      className="button button-primary"
      data-testid="import"
      aria-haspopup="dialog"
      disabled={busy !== null}
      onClick={() => void pickFiles()}
    >
      <Icon name="import" />
      {busy === 'import' ? 'Reading the files…' : 'Import files…'}
    </button>
  );

  const isEmpty = summary !== null && summary.accounts === 0 && summary.reps === 0;

  return (
    <section className="screen workspace">
      <header className="screen-header">
        <h1>Workspace</h1>
        {summary ? (
          <span className="muted path" title={summary.path} data-testid="workspace-path">
            <Icon name="file" size={14} />
            {summary.path}
          </span>
        ) : null}
        <span className="toolbar-spacer" />
        <button
          type="button"
          className="button"
          disabled={busy !== null || isEmpty}
          onClick={() => void exportPlan('xlsx')}
        >
          <Icon name="export" />
          Export plan… XLSX
        </button>
        <button
          type="button"
          className="button"
          disabled={busy !== null || isEmpty}
          onClick={() => void exportPlan('csv')}
        >
          <Icon name="export" />
          Export plan… CSV
        </button>
        <button
          type="button"
          className="button"
          data-testid="crm-export-open"
          aria-haspopup="dialog"
          disabled={busy !== null || isEmpty}
          title="Write the owner changes as a Salesforce or HubSpot import, or a workbook"
          onClick={() => setCrmOpen(true)}
        >
          <Icon name="export" />
          For the CRM…
        </button>
        <button
          type="button"
          className="button"
          data-testid="backups-open"
          aria-haspopup="dialog"
          title="The copies Terrain keeps of this workspace, and restoring one"
          onClick={() => setBackupsOpen(true)}
        >
          <Icon name="file" />
          Backups…
        </button>
        {importButton}
      </header>
      {backupsOpen ? <BackupsDialog onClose={() => setBackupsOpen(false)} /> : null}
      {crmOpen ? (
        <CrmExportDialog
          onClose={() => setCrmOpen(false)}
          onWritten={(written) => {
            setCrmOpen(false);
            confirm(
              'Owner changes written',
              `${plural(written.rows, 'account')} written to ${written.path}.` +
                (written.note ? ` ${written.note}.` : ''),
            );
          }}
        />
      ) : null}
      {mapping ? (
        <ImportDialog
          paths={mapping.paths}
          preview={mapping.preview}
          onClose={() => setMapping(null)}
          onImported={imported}
        />
      ) : null}
      <div className="screen-scroll">
        {!summary && loading ? <div className="loading">Reading the workspace…</div> : null}
        {isEmpty && !report ? (
          <EmptyState title="This workspace is empty" action={importButton}>
            <p>Start with two spreadsheets (CSV, XLSX, XLS or ODS) exported from your CRM:</p>
            <ul className="empty-list">
              <li>
                <strong>Reps</strong>: name, team, region, capacity
              </li>
              <li>
                <strong>Accounts</strong>: name or CRM id, industry, employees, revenue, location,
                owner
              </li>
            </ul>
            <p>
              Then add <strong>opportunities</strong> (stage, amount, dates, outcome) and{' '}
              <strong>signals</strong> (email opens and clicks, web visits, meetings, intent) so
              readiness can be scored. Terrain recognises each file by its headers; pick several at
              once.
            </p>
          </EmptyState>
        ) : null}
        {summary && !isEmpty ? (
          <Summary summary={summary} onOpenTerritories={onOpenTerritories} />
        ) : null}
        {report ? <ImportResult report={report} onClose={() => setReport(null)} /> : null}
        {summary && summary.recent_imports.length > 0 ? <RecentImports summary={summary} /> : null}
      </div>
    </section>
  );
}

function Summary({
  summary,
  onOpenTerritories,
}: {
  summary: WorkspaceSummary;
  onOpenTerritories: (() => void) | undefined;
}) {
  const counts: [string, number][] = [
    ['Reps', summary.reps],
    ['Accounts', summary.accounts],
    ['Opportunities', summary.opportunities],
    ['Signals', summary.signals],
    ['Products', summary.products],
  ];
  return (
    <>
      <div className="tiles" data-testid="counts">
        {counts.map(([label, value]) => (
          <div className="tile" key={label}>
            <div className="stat-label">{label}</div>
            <div className="tile-value">{formatInteger(value)}</div>
          </div>
        ))}
      </div>
      <div className="panels">
        <div className="panel">
          <h2>Data health</h2>
          <dl className="facts">
            <dt>Opportunities without an account</dt>
            <dd className={summary.opportunities_without_account > 0 ? 'warn-text' : undefined}>
              {formatInteger(summary.opportunities_without_account)}
            </dd>
            <dt>Accounts assigned</dt>
            <dd>{formatInteger(summary.assigned)}</dd>
            <dt>Accounts in the pool</dt>
            <dd>{formatInteger(summary.pooled)}</dd>
            <dt>Scored as of</dt>
            <dd>{summary.scored_as_of ? formatDay(summary.scored_as_of) : 'not scored yet'}</dd>
          </dl>
          <p className="note" data-testid="scoring-note">
            {summary.scoring_note}
          </p>
        </div>
        <div className="panel">
          <h2>Active plan</h2>
          {summary.active_plan ? (
            <>
              <dl className="facts">
                <dt>Name</dt>
                <dd>{summary.active_plan.name}</dd>
                <dt>Status</dt>
                <dd>{summary.active_plan.status}</dd>
                <dt>Effective</dt>
                <dd>{formatDay(summary.active_plan.effective)}</dd>
              </dl>
              {onOpenTerritories ? (
                <button type="button" className="button" onClick={onOpenTerritories}>
                  Open territories
                </button>
              ) : null}
            </>
          ) : (
            <p className="muted">
              No active plan yet. Re-plan on the Territories screen to build one.
            </p>
          )}
        </div>
      </div>
    </>
  );
}

function RecentImports({ summary }: { summary: WorkspaceSummary }) {
  return (
    <div className="panel">
      <h2>Recent imports</h2>
      <table className="table">
        <thead>
          <tr>
            <th>When</th>
            <th>File</th>
            <th>Kind</th>
            <th className="numeric">Rows</th>
            <th className="numeric">Rejected</th>
          </tr>
        </thead>
        <tbody>
          {[...summary.recent_imports].reverse().map((entry, index) => (
            <tr key={`${entry.at}-${entry.file}-${String(index)}`}>
              <td>{formatDateTime(entry.at)}</td>
              <td title={entry.file}>{baseName(entry.file)}</td>
              <td>
                <span className="chip">{entry.kind}</span>
              </td>
              <td className="numeric">{formatInteger(entry.rows)}</td>
              <td className={`numeric${entry.rejected > 0 ? ' warn-text' : ''}`}>
                {formatInteger(entry.rejected)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ImportResult({ report, onClose }: { report: ImportReport; onClose: () => void }) {
  return (
    <div className="panel" data-testid="import-report">
      <div className="panel-title-row">
        <h2>Import report</h2>
        <button type="button" className="button button-quiet" onClick={onClose}>
          Close
        </button>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>File</th>
            <th>Kind</th>
            <th className="numeric">Rows</th>
            <th className="numeric">Imported</th>
            <th className="numeric">Rejected</th>
            <th>Custom fields</th>
          </tr>
        </thead>
        <tbody>
          {report.files.map((file) => (
            <tr key={file.file} data-testid="import-file">
              <td title={file.file}>{baseName(file.file)}</td>
              <td>
                <span className="chip">{file.kind}</span>
              </td>
              <td className="numeric">{formatInteger(file.rows_read)}</td>
              <td className="numeric">{formatInteger(file.imported)}</td>
              <td className={`numeric${file.rejected > 0 ? ' warn-text' : ''}`}>
                {formatInteger(file.rejected)}
              </td>
              <td>
                {file.custom_fields.length > 0 ? (
                  file.custom_fields.join(', ')
                ) : (
                  <span className="muted">none</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>
        Problems <span className="muted">{formatInteger(report.problems.length)}</span>
      </h3>
      {report.problems.length === 0 ? (
        <p className="muted">Every row was read without a problem.</p>
      ) : (
        <ProblemList problems={report.problems} />
      )}
    </div>
  );
}

const PROBLEM_ROW = 32;

function ProblemList({ problems }: { problems: ImportProblem[] }) {
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const virtualizer = useVirtualizer({
    count: problems.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => PROBLEM_ROW,
    overscan: 10,
  });
  return (
    <div className="problems" role="table" aria-label="Import problems">
      <div className="problem-row problem-header" role="row">
        <span role="columnheader">File</span>
        <span role="columnheader" className="numeric">
          Row
        </span>
        <span role="columnheader">Column</span>
        <span role="columnheader">Problem</span>
      </div>
      <div className="problems-scroll" ref={scrollRef}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const problem = problems[item.index];
            if (!problem) return null;
            return (
              <div
                key={item.key}
                role="row"
                className="problem-row"
                data-testid="problem-row"
                style={{ transform: `translateY(${String(item.start)}px)`, height: PROBLEM_ROW }}
              >
                <span title={problem.file}>{baseName(problem.file)}</span>
                <span className="numeric">
                  {problem.row === null ? '—' : formatInteger(problem.row)}
                </span>
                <span>{problem.column ?? '—'}</span>
                <span className="problem-message" title={problem.message}>
                  <span className={`chip ${problem.rejected ? 'chip-rejected' : 'chip-warning'}`}>
                    {problem.rejected ? 'rejected' : 'warning'}
                  </span>
                  {problem.message}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
