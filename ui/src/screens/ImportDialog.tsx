//! The import mapping dialog on the Workspace screen. The picked files arrive surveyed by the
//! Rust side (kind, worksheet, columns, samples and the questions only the user can settle);
//! every change here goes back to it as the file's settings and the survey is redone, so what
//! the dialog shows is what the import will do. It previews the import without writing
//! anything, then runs it with a progress bar and a way to stop it.

import { useEffect, useRef, useState } from 'react';

import { Dialog, Field } from '../components/Dialog';
import { api, toErrorPayload } from '../api';
import type {
  ColumnReading,
  ColumnView,
  DateOrderName,
  DecimalName,
  FileSettings,
  FileView,
  ImportInput,
  ImportPreview,
  ImportProgress,
  ImportReport,
  SheetKindName,
} from '../api';
import { formatInteger, formatPercent, plural } from '../lib/format';

const KINDS: { value: SheetKindName; label: string }[] = [
  { value: 'accounts', label: 'Accounts' },
  { value: 'reps', label: 'Reps' },
  { value: 'opportunities', label: 'Opportunities' },
  { value: 'signals', label: 'Signals (activity)' },
  { value: 'products', label: 'Products' },
];

/** Kinds whose unmapped columns are kept as custom fields; the others leave them out. */
const KEEPS_CUSTOM: readonly SheetKindName[] = ['accounts', 'reps', 'opportunities'];

/** The fields the Rust side reads as dates, which may hold Excel serial numbers. */
const DATE_FIELDS = ['created', 'closed', 'date'];

const FIELD_LABELS: Record<string, string> = {
  id: 'ID',
  crm_user_id: 'CRM user ID',
  kind: 'Activity type',
  closed: 'Close date',
  created: 'Created date',
  strength: 'Strength (score)',
};

/** The problems a preview lists before saying how many more there are. */
const PREVIEW_PROBLEMS = 8;

function fieldLabel(field: string): string {
  const label = FIELD_LABELS[field] ?? field.replace(/_/g, ' ');
  return label.charAt(0).toUpperCase() + label.slice(1);
}

export function importInput(paths: string[], files: FileSettings[]): ImportInput {
  return { paths, kind: null, map: [], columns: [], files };
}

/** The field a column maps to as the settings now stand, before the survey is redone. */
function shownField(column: ColumnView, view: FileView, settings: FileSettings): string | null {
  const own = settings.map.find((m) => m.header === column.header);
  if (own) return own.field;
  if (settings.unmapped.includes(column.header)) return null;
  // Mapped by hand when surveyed and no longer: it is on its way back to a custom field.
  if (view.settings.map.some((m) => m.header === column.header)) return null;
  // Its field went to another column by hand.
  if (column.field !== null && settings.map.some((m) => m.field === column.field)) return null;
  return column.field;
}

function readingOf(settings: FileSettings, column: ColumnView): ColumnReading {
  return settings.columns.find((c) => c.header === column.header) ?? column.reading;
}

/** What keeps a file from importing, in a few words for the line beside the Import button. */
function blocker(view: FileView): string | null {
  const questions = view.columns.filter((c) => c.question !== null).length;
  if (questions > 0) {
    return `${view.file}: answer the highlighted ${questions === 1 ? 'question' : 'questions'}`;
  }
  return view.error;
}

/** An import's progress, file by file, as the events report it. */
interface Progress {
  /** The file being loaded, as the last event named it. */
  current: ImportProgress | null;
  /** Rows loaded of each file so far; files loaded before the current one count whole. */
  done: Record<string, { done: number; total: number }>;
}

export function ImportDialog({
  paths,
  preview,
  onClose,
  onImported,
}: {
  paths: string[];
  preview: ImportPreview;
  onClose: () => void;
  onImported: (report: ImportReport) => void;
}) {
  const [views, setViews] = useState<FileView[]>(preview.files);
  const [settings, setSettings] = useState<FileSettings[]>(() =>
    preview.files.map((file) => file.settings),
  );
  // Settings read back from an earlier import, as first surveyed: the note about them stays
  // while they are what the import will use.
  const [remembered] = useState<Map<string, string>>(
    () =>
      new Map(
        preview.files
          .filter((file) => file.saved)
          .map((file) => [file.path, JSON.stringify(file.settings)]),
      ),
  );
  const [active, setActive] = useState(0);
  const [inspecting, setInspecting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [cancelled, setCancelled] = useState(false);
  const survey = useRef(0);
  const live = useRef(true);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const importing = progress !== null;
  const view = views[active] ?? views[0];
  const fileSettings = settings[active] ?? settings[0];

  /** Sends the settings back to be surveyed again; only the latest answer is shown. */
  const reinspect = async (next: FileSettings[]) => {
    const id = ++survey.current;
    setInspecting(true);
    try {
      const result = await api.inspectImport(importInput(paths, next));
      if (id !== survey.current || !live.current) return;
      setViews(result.files);
      setSettings(result.files.map((file) => file.settings));
      setProblem(null);
    } catch (error) {
      if (id === survey.current && live.current) setProblem(toErrorPayload(error).message);
    } finally {
      if (id === survey.current && live.current) setInspecting(false);
    }
  };

  const change = (path: string, edit: (current: FileSettings) => FileSettings) => {
    const next = settings.map((s) => (s.path === path ? edit(s) : s));
    setSettings(next);
    setReport(null);
    setCancelled(false);
    void reinspect(next);
  };

  const setKind = (path: string, kind: SheetKindName) =>
    change(path, (s) => ({ ...s, kind, map: [], unmapped: [] }));

  // Another worksheet has other headers: the mapping and readings start over.
  const setSheet = (path: string, sheet: string) =>
    change(path, (s) => ({ ...s, sheet, kind: null, map: [], unmapped: [], columns: [] }));

  // A column kept as a custom field is listed as unmapped, so the headers cannot map it again.
  const setField = (path: string, header: string, field: string | null) =>
    change(path, (s) => ({
      ...s,
      map: [
        ...s.map.filter((m) => m.header !== header && m.field !== field),
        ...(field === null ? [] : [{ field, header }]),
      ],
      unmapped: [...s.unmapped.filter((h) => h !== header), ...(field === null ? [header] : [])],
    }));

  const setReading = (path: string, column: ColumnView, patch: Partial<ColumnReading>) =>
    change(path, (s) => {
      const reading = { ...readingOf(s, column), ...patch, header: column.header };
      return {
        ...s,
        columns: [...s.columns.filter((c) => c.header !== column.header), reading],
      };
    });

  const runPreview = async () => {
    setPreviewing(true);
    setProblem(null);
    setCancelled(false);
    try {
      const result = await api.previewImport(importInput(paths, settings));
      if (live.current) setReport(result);
    } catch (error) {
      if (live.current) setProblem(toErrorPayload(error).message);
    } finally {
      if (live.current) setPreviewing(false);
    }
  };

  const runImport = async () => {
    setProblem(null);
    setReport(null);
    setCancelled(false);
    setProgress({ current: null, done: {} });
    const unlisten = await api.onImportProgress((reported) => {
      if (!live.current) return;
      // The import counts a large text file as it reads it, but the survey behind this
      // dialog counted every row already.
      const surveyed = views.find((file) => file.file === reported.file);
      const event =
        !reported.rows_exact && surveyed
          ? {
              ...reported,
              rows_total: Math.max(surveyed.rows, reported.rows_done),
              rows_exact: true,
            }
          : reported;
      setProgress((current) => {
        if (!current) return current;
        // Fewer rows of a file than before: the import started over (a large file read
        // differently past its first rows), and nothing counts as loaded any more.
        const restarted = (current.done[event.file]?.done ?? 0) > event.rows_done;
        const earlier: Progress['done'] = restarted ? {} : current.done;
        // Events come file after file; a new name means the earlier files are loaded whole.
        const done = Object.fromEntries(
          Object.entries(earlier).map(([file, rows]) => [
            file,
            file === event.file ? rows : { done: rows.total, total: rows.total },
          ]),
        );
        done[event.file] = { done: event.rows_done, total: event.rows_total };
        return { current: event, done };
      });
    });
    try {
      const result = await api.importFiles(importInput(paths, settings));
      if (live.current) onImported(result);
    } catch (error) {
      const payload = toErrorPayload(error);
      if (!live.current) return;
      if (payload.code === 'cancelled') setCancelled(true);
      else setProblem(payload.message);
    } finally {
      unlisten();
      if (live.current) {
        setProgress(null);
        setCancelling(false);
      }
    }
  };

  const cancel = async () => {
    setCancelling(true);
    try {
      await api.cancelImport();
    } catch (error) {
      setCancelling(false);
      setProblem(toErrorPayload(error).message);
    }
  };

  const blocked = views.map(blocker).find((reason) => reason !== null) ?? null;
  const why = inspecting ? 'Checking the files…' : blocked;
  const canImport = !inspecting && !previewing && !importing && blocked === null;
  // Once every row is in, the import commits and rescores: too late to take it back.
  const committing = progress !== null && overallOf(progress, views).finishing;

  if (!view || !fileSettings) return null;
  return (
    <Dialog
      title="Import"
      testId="import-dialog"
      className="import-dialog"
      onClose={() => {
        if (!importing) onClose();
      }}
      intro={
        <>
          Check how each file will be read before anything is imported. The choices are remembered
          for the next export of the same report.
        </>
      }
    >
      <form
        className={`plan-settings-body import-form${report || progress ? ' with-panel' : ''}`}
        onSubmit={(event) => {
          event.preventDefault();
          if (canImport) void runImport();
        }}
      >
        {views.length > 1 ? (
          <div className="tabs import-files" role="tablist" aria-label="Files to import">
            {views.map((file, index) => {
              const reason = blocker(file);
              return (
                <button
                  key={file.path}
                  type="button"
                  role="tab"
                  className="tab"
                  id={`import-tab-${String(index)}`}
                  aria-selected={index === active}
                  aria-controls="import-file-panel"
                  data-testid="import-file-tab"
                  onClick={() => setActive(index)}
                >
                  {file.file}
                  {reason ? (
                    <span className="import-attention" aria-label="needs attention" title={reason}>
                      !
                    </span>
                  ) : null}
                </button>
              );
            })}
          </div>
        ) : null}
        <fieldset
          id="import-file-panel"
          className="import-file"
          role={views.length > 1 ? 'tabpanel' : undefined}
          aria-labelledby={views.length > 1 ? `import-tab-${String(active)}` : undefined}
          disabled={importing}
          data-testid="import-file"
        >
          <legend>
            {view.file} <span className="muted">{plural(view.rows, 'row')}</span>
          </legend>
          <FileFields
            view={view}
            settings={fileSettings}
            onKind={(kind) => setKind(view.path, kind)}
            onSheet={(sheet) => setSheet(view.path, sheet)}
          />
          {remembered.get(view.path) === JSON.stringify(fileSettings) ? (
            <p className="note import-remembered" data-testid="import-remembered">
              These settings are remembered from an earlier import of this report.
            </p>
          ) : null}
          {view.error && !view.columns.some((c) => c.question !== null) ? (
            <p className="plan-settings-problem" data-testid="import-file-error">
              {view.error}
            </p>
          ) : null}
          <ColumnTable
            view={view}
            settings={fileSettings}
            onField={(header, field) => setField(view.path, header, field)}
            onReading={(column, patch) => setReading(view.path, column, patch)}
          />
        </fieldset>
        {report ? <PreviewReport report={report} /> : null}
        {progress ? <ProgressPanel progress={progress} views={views} /> : null}
        {cancelled ? (
          <p className="note import-cancelled" role="status" data-testid="import-cancelled">
            Import cancelled; nothing was imported.
          </p>
        ) : null}
        {problem ? (
          <p className="plan-settings-problem" role="alert" data-testid="import-error">
            {problem}
          </p>
        ) : null}
        <div className="plan-settings-actions">
          {why && !importing ? (
            <span className="import-why" id="import-why" data-testid="import-why">
              {why}
            </span>
          ) : null}
          <span className="toolbar-spacer" />
          {importing ? (
            <button
              type="button"
              className="button"
              data-testid="import-cancel"
              disabled={cancelling || committing}
              onClick={() => void cancel()}
            >
              {cancelling ? 'Cancelling…' : 'Cancel import'}
            </button>
          ) : (
            <>
              <button type="button" className="button" onClick={onClose}>
                Close
              </button>
              <button
                type="button"
                className="button"
                data-testid="import-preview"
                disabled={!canImport}
                aria-describedby={why ? 'import-why' : undefined}
                onClick={() => void runPreview()}
              >
                {previewing ? 'Previewing…' : 'Preview'}
              </button>
            </>
          )}
          <button
            type="submit"
            className="button button-primary"
            data-testid="import-confirm"
            disabled={!canImport}
            aria-describedby={why && !importing ? 'import-why' : undefined}
          >
            {importing ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function FileFields({
  view,
  settings,
  onKind,
  onSheet,
}: {
  view: FileView;
  settings: FileSettings;
  onKind: (kind: SheetKindName) => void;
  onSheet: (sheet: string) => void;
}) {
  const kind = settings.kind ?? view.kind;
  return (
    <div className="import-file-fields">
      <Field
        label="Kind of sheet"
        hint={
          settings.kind === null && view.kind !== null
            ? 'Recognised from the headers.'
            : 'Changing it maps the columns again.'
        }
      >
        <select
          data-testid="import-kind"
          value={kind ?? ''}
          onChange={(event) => onKind(event.target.value as SheetKindName)}
        >
          {kind === null ? (
            <option value="" disabled>
              Choose the kind…
            </option>
          ) : null}
          {KINDS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </Field>
      {view.sheets.length > 0 ? (
        <Field label="Worksheet" hint="Only one worksheet of a workbook is imported.">
          <select
            data-testid="import-sheet"
            value={settings.sheet ?? view.sheet ?? ''}
            onChange={(event) => onSheet(event.target.value)}
          >
            {view.sheets.map((sheet) => (
              <option key={sheet.name} value={sheet.name}>
                {sheet.hidden ? `${sheet.name} (hidden)` : sheet.name}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
    </div>
  );
}

function ColumnTable({
  view,
  settings,
  onField,
  onReading,
}: {
  view: FileView;
  settings: FileSettings;
  onField: (header: string, field: string | null) => void;
  onReading: (column: ColumnView, patch: Partial<ColumnReading>) => void;
}) {
  const kind = settings.kind ?? view.kind;
  const unmapped = kind !== null && !KEEPS_CUSTOM.includes(kind) ? 'Not imported' : 'Custom field';
  return (
    <div className="import-columns-scroll">
      <table className="table import-columns" data-testid="import-columns">
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Maps to</th>
            <th scope="col">Sample values</th>
          </tr>
        </thead>
        {view.columns.map((column) => {
          const field = shownField(column, view, settings);
          const reading = readingOf(settings, column);
          const isDate = field !== null && DATE_FIELDS.includes(field);
          const asks =
            column.question !== null ||
            reading.date_order !== null ||
            reading.decimal !== null ||
            isDate;
          return (
            <tbody
              key={column.header}
              className={column.question ? 'import-column asking' : 'import-column'}
              data-testid="import-column"
            >
              <tr>
                <th scope="row" className="import-header" title={column.header}>
                  {column.header}
                </th>
                <td>
                  <select
                    aria-label={`Maps to, for the column ${column.header}`}
                    data-testid="import-field"
                    value={field ?? ''}
                    onChange={(event) =>
                      onField(column.header, event.target.value === '' ? null : event.target.value)
                    }
                  >
                    <option value="">{unmapped}</option>
                    {view.fields.map((name) => (
                      <option key={name} value={name}>
                        {fieldLabel(name)}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="import-samples muted" title={column.samples.join(', ')}>
                  {column.samples.length > 0 ? column.samples.join(', ') : 'empty'}
                </td>
              </tr>
              {asks ? (
                <tr className="import-reading">
                  <td colSpan={3}>
                    <Reading
                      column={column}
                      reading={reading}
                      isDate={isDate}
                      onChange={(patch) => onReading(column, patch)}
                    />
                  </td>
                </tr>
              ) : null}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}

const DATE_ORDERS: { value: DateOrderName; label: string }[] = [
  { value: 'day_first', label: 'Day first (15/04)' },
  { value: 'month_first', label: 'Month first (04/15)' },
];

const DECIMALS: { value: DecimalName; label: string }[] = [
  { value: 'comma', label: '1.000 is one thousand (decimal comma)' },
  { value: 'dot', label: '1.000 is one (decimal point)' },
];

/** How a column's values are read: the question when one is open, else the answer given. */
function Reading({
  column,
  reading,
  isDate,
  onChange,
}: {
  column: ColumnView;
  reading: ColumnReading;
  isDate: boolean;
  onChange: (patch: Partial<ColumnReading>) => void;
}) {
  const name = `reading-${column.header}`;
  const asksOrder = column.question === 'date_order' || reading.date_order !== null;
  const asksDecimal = column.question === 'decimal' || reading.decimal !== null;
  return (
    <div className="import-reading-body" data-testid="import-reading">
      {column.question && column.example !== null ? (
        <p className="import-question" data-testid="import-question">
          <strong>
            {column.question === 'date_order' ? 'Which comes first?' : 'Which is it?'}
          </strong>{' '}
          “{column.example}” in row {formatInteger(column.example_row)} reads two ways, and no value
          in the column settles it.
        </p>
      ) : null}
      {asksOrder ? (
        <div
          className="import-choices"
          role="radiogroup"
          aria-label={`Date order of the column ${column.header}`}
        >
          {DATE_ORDERS.map((option) => (
            <label key={option.value} className="plan-settings-check">
              <input
                type="radio"
                name={`${name}-order`}
                value={option.value}
                checked={reading.date_order === option.value}
                onChange={() => onChange({ date_order: option.value })}
              />
              {option.label}
            </label>
          ))}
        </div>
      ) : null}
      {asksDecimal ? (
        <div
          className="import-choices"
          role="radiogroup"
          aria-label={`Decimal separator of the column ${column.header}`}
        >
          {DECIMALS.map((option) => (
            <label key={option.value} className="plan-settings-check">
              <input
                type="radio"
                name={`${name}-decimal`}
                value={option.value}
                checked={reading.decimal === option.value}
                onChange={() => onChange({ decimal: option.value })}
              />
              {option.label}
            </label>
          ))}
        </div>
      ) : null}
      {isDate || asksOrder ? (
        <label className="plan-settings-check">
          <input
            type="checkbox"
            checked={reading.serial_dates}
            onChange={(event) => onChange({ serial_dates: event.target.checked })}
          />
          Bare numbers are Excel dates
        </label>
      ) : null}
    </div>
  );
}

function PreviewReport({ report }: { report: ImportReport }) {
  const shown = report.problems.slice(0, PREVIEW_PROBLEMS);
  const more = report.problems.length - shown.length;
  return (
    <section className="import-preview" data-testid="import-preview-report" aria-live="polite">
      <h3>Preview: nothing has been imported yet</h3>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Kind</th>
            <th scope="col" className="numeric">
              Rows read
            </th>
            <th scope="col" className="numeric">
              Would import
            </th>
            <th scope="col" className="numeric">
              Rejected
            </th>
          </tr>
        </thead>
        <tbody>
          {report.files.map((file) => (
            <tr key={file.file}>
              <td>{file.file}</td>
              <td>
                <span className="chip">{file.kind}</span>
              </td>
              <td className="numeric">{formatInteger(file.rows_read)}</td>
              <td className="numeric">{formatInteger(file.imported)}</td>
              <td className={`numeric${file.rejected > 0 ? ' warn-text' : ''}`}>
                {formatInteger(file.rejected)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 ? (
        <p className="muted">Every row reads without a problem.</p>
      ) : (
        <ul className="import-preview-problems">
          {shown.map((p, index) => (
            <li key={`${p.file}-${String(p.row)}-${String(index)}`}>
              <span className={`chip ${p.rejected ? 'chip-rejected' : 'chip-warning'}`}>
                {p.rejected ? 'rejected' : 'warning'}
              </span>{' '}
              <span className="muted">
                {p.file}
                {p.row === null ? '' : `, row ${formatInteger(p.row)}`}
                {p.column === null ? '' : `, column “${p.column}”`}:
              </span>{' '}
              {p.message}
            </li>
          ))}
          {more > 0 ? <li className="muted">and {plural(more, 'more problem')}</li> : null}
        </ul>
      )}
    </section>
  );
}

function Bar({ label, value, testId }: { label: string; value: number; testId: string }) {
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      data-testid={testId}
    >
      <div className="progress-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}

/** The share of all rows loaded, and whether every row is in and the import is committing. */
function overallOf(progress: Progress, views: FileView[]): { overall: number; finishing: boolean } {
  const loaded = Object.values(progress.done);
  const total = Math.max(
    views.reduce((sum, file) => sum + file.rows, 0),
    loaded.reduce((sum, rows) => sum + rows.total, 0),
  );
  const done = loaded.reduce((sum, rows) => sum + rows.done, 0);
  return {
    overall: total > 0 ? done / total : 0,
    finishing: progress.current !== null && total > 0 && done >= total,
  };
}

function ProgressPanel({ progress, views }: { progress: Progress; views: FileView[] }) {
  const { current } = progress;
  const { overall, finishing } = overallOf(progress, views);
  const fileValue = current && current.rows_total > 0 ? current.rows_done / current.rows_total : 0;
  return (
    <section className="import-progress" data-testid="import-progress" aria-live="polite">
      <h3>Importing</h3>
      {/* The same lines before the first report as after it, so nothing jumps under the mouse. */}
      <p className="import-progress-line" data-testid="import-progress-file">
        {current ? (
          <>
            <strong>{current.file}</strong> — {formatInteger(current.rows_done)} of{' '}
            {current.rows_exact ? '' : 'about '}
            {formatInteger(current.rows_total)} rows
          </>
        ) : (
          <span className="muted">Reading the files…</span>
        )}
      </p>
      <Bar
        label={current ? `Rows of ${current.file}` : 'Rows of the first file'}
        value={fileValue}
        testId="import-bar-file"
      />
      {views.length > 1 ? (
        <>
          <p className="import-progress-line">
            All files: {formatPercent(overall)}
            {current ? (
              <span className="muted">
                {' '}
                · file {formatInteger(Math.min(current.file_index + 1, current.files))} of{' '}
                {formatInteger(current.files)}
              </span>
            ) : null}
          </p>
          <Bar label="All files" value={overall} testId="import-bar-overall" />
        </>
      ) : null}
      <p className="muted import-progress-note">
        {finishing
          ? 'Saving, rescoring and re-planning…'
          : 'Nothing is saved until every file has loaded; cancelling leaves the workspace as it was.'}
      </p>
    </section>
  );
}
