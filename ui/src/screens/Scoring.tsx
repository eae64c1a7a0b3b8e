//! How accounts are scored. The settings tab edits the activity weights and half-lives, the
//! ideal customer profile and the intent topics, with a live preview of how many accounts
//! would change stage; saving rescores the workspace. The model tab shows the readiness model's
//! report: what readiness is based on, how well it ranks a holdout, its calibration and lift,
//! what it leans on, and the columns left out as likely leakage.

import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';

import { api, toErrorPayload } from '../api';
import type { ModelReport, ScoringForm, ScoringPreview, ScoringSettings } from '../api';
import { EmptyState } from '../components/EmptyState';
import { StageChip } from '../components/StageChip';
import { useWorkspaceData } from '../lib/data';
import { formatDay, formatDecimal, formatInteger, formatPercent, plural } from '../lib/format';
import { useNotices } from '../lib/notices';

type Tab = 'settings' | 'model';

/** The preview waits for a pause in typing, since each one rescores the whole workspace. */
export const PREVIEW_DELAY_MS = 400;

/** Fields every account has; the accounts' custom fields are offered after them. */
const STANDARD_FIELDS = ['industry', 'employees', 'revenue', 'country', 'state', 'region'];
const NUMERIC_FIELDS = new Set(['employees', 'revenue']);

/** How many of the model's features the importance list shows. */
const TOP_FEATURES = 15;

interface KindRow {
  kind: string;
  label: string;
  weight: string;
  halfLife: string;
}

interface CriterionRow {
  /** Stable across edits, so React keeps each row's inputs in place when one is removed. */
  key: number;
  field: string;
  mode: 'values' | 'band';
  /** Matching values, comma-separated. */
  values: string;
  min: string;
  max: string;
  weight: string;
}

/**
 * The settings as the form edits them: numbers stay text until the form is read, so a
 * half-typed value is not lost or turned into zero.
 */
interface Draft {
  kinds: KindRow[];
  otherWeight: string;
  otherHalfLife: string;
  icp: CriterionRow[];
  topics: string[];
  /** Settings the form does not edit, carried through unchanged. */
  base: ScoringSettings;
}

let nextRowKey = 1;

function toDraft(settings: ScoringSettings): Draft {
  return {
    kinds: settings.kinds.map((kind) => ({
      kind: kind.kind,
      label: kind.label,
      weight: String(kind.weight),
      halfLife: String(kind.half_life_days),
    })),
    otherWeight: String(settings.other_weight),
    otherHalfLife: String(settings.other_half_life_days),
    icp: settings.icp.map((criterion) => ({
      key: nextRowKey++,
      field: criterion.field,
      mode: criterion.values.length === 0 ? 'band' : 'values',
      values: criterion.values.join(', '),
      min: criterion.min === null ? '' : String(criterion.min),
      max: criterion.max === null ? '' : String(criterion.max),
      weight: String(criterion.weight),
    })),
    topics: [...settings.intent_topics],
    base: settings,
  };
}

type Read = { settings: ScoringSettings; error: null } | { settings: null; error: string };

/**
 * Turns the draft back into settings. Only what cannot be sent at all (text that is not a
 * number) is refused here; ranges and the rest are the Rust side's to check.
 */
export function readDraft(draft: Draft): Read {
  const problems: string[] = [];
  const number = (text: string, what: string): number => {
    const value = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(value)) problems.push(`${what} is not a number`);
    return value;
  };
  const optional = (text: string, what: string): number | null =>
    text.trim() === '' ? null : number(text, what);
  const settings: ScoringSettings = {
    ...draft.base,
    kinds: draft.kinds.map((row) => ({
      kind: row.kind,
      label: row.label,
      weight: number(row.weight, `the weight of ${row.label}`),
      half_life_days: number(row.halfLife, `the half-life of ${row.label}`),
    })),
    other_weight: number(draft.otherWeight, 'the weight of other kinds'),
    other_half_life_days: number(draft.otherHalfLife, 'the half-life of other kinds'),
    icp: draft.icp.map((row) => {
      const on = row.field || 'a criterion';
      return {
        field: row.field,
        values:
          row.mode === 'values'
            ? row.values
                .split(',')
                .map((value) => value.trim())
                .filter((value) => value !== '')
            : [],
        min: row.mode === 'band' ? optional(row.min, `the minimum on ${on}`) : null,
        max: row.mode === 'band' ? optional(row.max, `the maximum on ${on}`) : null,
        weight: number(row.weight, `the weight of the criterion on ${on}`),
      };
    }),
    intent_topics: draft.topics,
  };
  const [first] = problems;
  return first === undefined ? { settings, error: null } : { settings: null, error: first };
}

function sameSettings(a: ScoringSettings, b: ScoringSettings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function ScoringScreen() {
  const [tab, setTab] = useState<Tab>('settings');
  return (
    <section className="screen scoring">
      <header className="screen-header">
        <h1>Scoring</h1>
        <span className="muted">How fit, engagement, intent and readiness are computed</span>
      </header>
      <div className="toolbar">
        <div className="tabs segmented" role="tablist" aria-label="Scoring">
          {(
            [
              ['settings', 'Settings'],
              ['model', 'Model'],
            ] as const
          ).map(([id, label]) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`scoring-tab-${id}`}
              aria-selected={tab === id}
              aria-controls={`scoring-panel-${id}`}
              className="tab"
              onClick={() => setTab(id)}
            >
              {label}
            </button>
          ))}
        </div>
      </div>
      <div
        className="screen-scroll"
        role="tabpanel"
        id={`scoring-panel-${tab}`}
        aria-labelledby={`scoring-tab-${tab}`}
      >
        {tab === 'settings' ? <SettingsTab /> : <ModelTab />}
      </div>
    </section>
  );
}

function SettingsTab() {
  const { data: form } = useWorkspaceData(
    () => api.scoringSettings(),
    'Could not read the scoring settings',
  );
  if (form === null) return <div className="loading">Reading the scoring settings…</div>;
  return <SettingsEditor form={form} />;
}

function SettingsEditor({ form }: { form: ScoringForm }) {
  const { confirm } = useNotices();
  // `null` while the form shows the saved settings; a reload after a save then shows them.
  const [draft, setDraft] = useState<Draft | null>(null);
  // Made once per saved settings, so criterion rows keep their keys, and inputs their focus,
  // when the first edit turns the saved settings into a draft.
  const saved = useMemo(() => toDraft(form.settings), [form.settings]);
  const shown = draft ?? saved;
  const read = readDraft(shown);
  const dirty =
    draft !== null && (read.settings === null || !sameSettings(read.settings, form.settings));
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const preview = usePreview(dirty ? read.settings : null, dirty);

  const edit = (change: (current: Draft) => Draft) => {
    setSaveError(null);
    setDraft((current) => change(current ?? saved));
  };

  const save = async () => {
    if (read.settings === null) return;
    setSaving(true);
    setSaveError(null);
    try {
      const result = await api.saveScoringSettings(read.settings);
      setDraft(null);
      confirm(
        'Scoring settings saved',
        `${plural(result.accounts, 'account')} rescored as of ${formatDay(result.as_of)}; ${plural(
          result.changed,
          'account',
        )} changed stage.`,
      );
    } catch (error) {
      setSaveError(toErrorPayload(error).message);
    } finally {
      setSaving(false);
    }
  };

  const atDefaults = sameSettings(read.settings ?? form.settings, form.defaults);
  const problem = read.error ?? saveError ?? preview.error;

  return (
    <div className="scoring-layout">
      <div className="scoring-form">
        <ActivityPanel draft={shown} edit={edit} />
        <IcpPanel draft={shown} edit={edit} customFields={form.custom_fields} />
        <TopicsPanel draft={shown} edit={edit} />
      </div>
      <aside className="panel scoring-preview" aria-labelledby="preview-title">
        <h2 id="preview-title">What would change</h2>
        {problem !== null ? (
          <p className="form-error" role="alert" data-testid="scoring-error">
            {problem}
          </p>
        ) : null}
        <PreviewBody dirty={dirty} preview={preview} />
        <div className="preview-actions">
          <button
            type="button"
            className="button button-primary"
            data-testid="scoring-save"
            disabled={!dirty || read.settings === null || saving}
            title="Save the settings and rescore every account"
            onClick={() => void save()}
          >
            {saving ? 'Saving and rescoring…' : 'Save and rescore'}
          </button>
          <button
            type="button"
            className="button"
            disabled={draft === null || saving}
            onClick={() => {
              setDraft(null);
              setSaveError(null);
            }}
          >
            Discard changes
          </button>
          <button
            type="button"
            className="button button-quiet"
            disabled={atDefaults || saving}
            title="Put the default settings in the form; nothing is saved until you save"
            onClick={() => edit(() => toDraft(form.defaults))}
          >
            Reset to defaults
          </button>
        </div>
      </aside>
    </div>
  );
}

interface Preview {
  preview: ScoringPreview | null;
  /** True while an answer for the latest settings is awaited. */
  pending: boolean;
  error: string | null;
}

/**
 * Previews `settings` a moment after the last edit. Only the answer to the newest request is
 * kept; a refused one shows its message, and the last good preview stays, marked as stale.
 */
function usePreview(settings: ScoringSettings | null, enabled: boolean): Preview {
  const [state, setState] = useState<Preview>({ preview: null, pending: false, error: null });
  const latest = useRef(0);
  const key = settings === null ? '' : JSON.stringify(settings);
  // A new object on every render; the effect follows `key`, its content, instead.
  const settingsRef = useRef(settings);
  useLayoutEffect(() => {
    settingsRef.current = settings;
  });

  useEffect(() => {
    const request = ++latest.current;
    const settings = settingsRef.current;
    if (!enabled || settings === null) {
      setState((current) => ({ ...current, pending: false, error: null }));
      return;
    }
    setState((current) => ({ ...current, pending: true }));
    const timer = window.setTimeout(() => {
      api.previewScoring(settings).then(
        (preview) => {
          if (request === latest.current) setState({ preview, pending: false, error: null });
        },
        (error: unknown) => {
          if (request !== latest.current) return;
          setState((current) => ({
            ...current,
            pending: false,
            error: toErrorPayload(error).message,
          }));
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [key, enabled]);

  return state;
}

function PreviewBody({ dirty, preview }: { dirty: boolean; preview: Preview }) {
  if (!dirty) {
    return (
      <p className="muted" data-testid="scoring-preview">
        Edit a weight, a criterion or a topic to see how many accounts would change stage.
      </p>
    );
  }
  const result = preview.preview;
  if (result === null) {
    return (
      <p className="muted" data-testid="scoring-preview">
        {preview.error === null ? 'Scoring the workspace with these settings…' : ''}
      </p>
    );
  }
  const stale = preview.pending || preview.error !== null;
  return (
    <div className={stale ? 'preview preview-stale' : 'preview'} data-testid="scoring-preview">
      <p className="preview-headline" data-testid="preview-headline">
        {formatInteger(result.changed)} of {plural(result.accounts, 'account')} would change stage
      </p>
      <p className="muted">Compared with the scores of {formatDay(result.as_of)}.</p>
      {result.readiness_from_model ? (
        <p className="note" data-testid="preview-model-note">
          Readiness comes from the trained model, so these settings change fit, engagement and
          intent but not readiness or stage.
        </p>
      ) : null}
      {result.changes.length > 0 ? (
        <table className="table preview-table">
          <thead>
            <tr>
              <th>From</th>
              <th>To</th>
              <th className="numeric">Accounts</th>
            </tr>
          </thead>
          <tbody>
            {result.changes.map((change) => (
              <tr key={`${change.from}-${change.to}`} data-testid="stage-change">
                <td>
                  <StageChip stage={change.from} />
                </td>
                <td>
                  <StageChip stage={change.to} />
                </td>
                <td className="numeric">{formatInteger(change.accounts)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

type Edit = (change: (current: Draft) => Draft) => void;

function NumberInput({
  value,
  label,
  onChange,
  placeholder,
}: {
  value: string;
  label: string;
  onChange: (value: string) => void;
  placeholder?: string;
}) {
  return (
    <input
      className="input input-number"
      inputMode="decimal"
      aria-label={label}
      value={value}
      placeholder={placeholder}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

function ActivityPanel({ draft, edit }: { draft: Draft; edit: Edit }) {
  const setKind = (index: number, change: Partial<KindRow>) =>
    edit((current) => ({
      ...current,
      kinds: current.kinds.map((row, i) => (i === index ? { ...row, ...change } : row)),
    }));
  return (
    <section className="panel" aria-labelledby="activity-title">
      <h2 id="activity-title">Engagement by activity</h2>
      <p className="muted panel-intro">
        Each signal counts its weight, halved every half-life: an old newsletter open must not
        outrank yesterday&apos;s pricing-page visit.
      </p>
      <table className="table settings-table">
        <thead>
          <tr>
            <th>Activity</th>
            <th className="numeric">Weight</th>
            <th className="numeric">Half-life (days)</th>
          </tr>
        </thead>
        <tbody>
          {draft.kinds.map((row, index) => (
            <tr key={row.kind} data-testid="kind-row">
              <td>
                {capitalised(row.label)}
                <span className="muted kind-code"> {row.kind}</span>
              </td>
              <td className="numeric">
                <NumberInput
                  value={row.weight}
                  label={`Weight of ${row.label}`}
                  onChange={(weight) => setKind(index, { weight })}
                />
              </td>
              <td className="numeric">
                <NumberInput
                  value={row.halfLife}
                  label={`Half-life of ${row.label} in days`}
                  onChange={(halfLife) => setKind(index, { halfLife })}
                />
              </td>
            </tr>
          ))}
          <tr>
            <td>
              Other kinds
              <span className="muted kind-code"> e.g. a CRM&apos;s own activity types</span>
            </td>
            <td className="numeric">
              <NumberInput
                value={draft.otherWeight}
                label="Weight of other kinds"
                onChange={(otherWeight) => edit((current) => ({ ...current, otherWeight }))}
              />
            </td>
            <td className="numeric">
              <NumberInput
                value={draft.otherHalfLife}
                label="Half-life of other kinds in days"
                onChange={(otherHalfLife) => edit((current) => ({ ...current, otherHalfLife }))}
              />
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

function IcpPanel({
  draft,
  edit,
  customFields,
}: {
  draft: Draft;
  edit: Edit;
  customFields: string[];
}) {
  const setRow = (key: number, change: Partial<CriterionRow>) =>
    edit((current) => ({
      ...current,
      icp: current.icp.map((row) => (row.key === key ? { ...row, ...change } : row)),
    }));
  const add = () =>
    edit((current) => ({
      ...current,
      icp: [
        ...current.icp,
        {
          key: nextRowKey++,
          field: 'industry',
          mode: 'values',
          values: '',
          min: '',
          max: '',
          weight: '1',
        },
      ],
    }));
  const remove = (key: number) =>
    edit((current) => ({ ...current, icp: current.icp.filter((row) => row.key !== key) }));
  // A field saved earlier but no longer in any sheet stays choosable, so it is not lost.
  const known = new Set([...STANDARD_FIELDS, ...customFields]);
  const orphans = [...new Set(draft.icp.map((row) => row.field))].filter((f) => !known.has(f));

  return (
    <section className="panel" aria-labelledby="icp-title">
      <h2 id="icp-title">Ideal customer profile</h2>
      <p className="muted panel-intro">
        Fit rises with every criterion an account meets, by its weight. With no criteria, fit is
        learned from win rates by industry and size.
      </p>
      {draft.icp.length === 0 ? null : (
        <table className="table settings-table icp-table">
          <thead>
            <tr>
              <th>Field</th>
              <th>Matches</th>
              <th>Values or band</th>
              <th className="numeric">Weight</th>
              <th>
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {draft.icp.map((row, index) => {
              const name = `criterion ${String(index + 1)}`;
              return (
                <tr key={row.key} data-testid="icp-row">
                  <td>
                    <select
                      aria-label={`Field of ${name}`}
                      value={row.field}
                      onChange={(event) => {
                        const field = event.target.value;
                        setRow(row.key, {
                          field,
                          mode: NUMERIC_FIELDS.has(field)
                            ? 'band'
                            : STANDARD_FIELDS.includes(field)
                              ? 'values'
                              : row.mode,
                        });
                      }}
                    >
                      {STANDARD_FIELDS.map((field) => (
                        <option key={field} value={field}>
                          {field}
                        </option>
                      ))}
                      {customFields.length + orphans.length > 0 ? (
                        <optgroup label="Custom fields">
                          {[...customFields, ...orphans].map((field) => (
                            <option key={field} value={field}>
                              {field}
                            </option>
                          ))}
                        </optgroup>
                      ) : null}
                    </select>
                  </td>
                  <td>
                    <select
                      aria-label={`How ${name} matches`}
                      value={row.mode}
                      onChange={(event) =>
                        setRow(row.key, { mode: event.target.value === 'band' ? 'band' : 'values' })
                      }
                    >
                      <option value="values">is one of</option>
                      <option value="band">is between</option>
                    </select>
                  </td>
                  <td>
                    {row.mode === 'values' ? (
                      <input
                        className="input input-wide"
                        aria-label={`Values of ${name}`}
                        placeholder="software, retail"
                        value={row.values}
                        onChange={(event) => setRow(row.key, { values: event.target.value })}
                      />
                    ) : (
                      <span className="band-inputs">
                        <NumberInput
                          value={row.min}
                          label={`Minimum of ${name}`}
                          placeholder="no minimum"
                          onChange={(min) => setRow(row.key, { min })}
                        />
                        <span className="muted">to</span>
                        <NumberInput
                          value={row.max}
                          label={`Maximum of ${name}`}
                          placeholder="no maximum"
                          onChange={(max) => setRow(row.key, { max })}
                        />
                      </span>
                    )}
                  </td>
                  <td className="numeric">
                    <NumberInput
                      value={row.weight}
                      label={`Weight of ${name}`}
                      onChange={(weight) => setRow(row.key, { weight })}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="icon-button"
                      aria-label={`Remove ${name}`}
                      title="Remove this criterion"
                      onClick={() => remove(row.key)}
                    >
                      ×
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <button type="button" className="button" data-testid="add-criterion" onClick={add}>
        Add criterion
      </button>
    </section>
  );
}

function TopicsPanel({ draft, edit }: { draft: Draft; edit: Edit }) {
  const [topic, setTopic] = useState('');
  const trimmed = topic.trim();
  const duplicate = draft.topics.some((t) => t.toLowerCase() === trimmed.toLowerCase());
  const add = () => {
    if (trimmed === '' || duplicate) return;
    edit((current) => ({ ...current, topics: [...current.topics, trimmed] }));
    setTopic('');
  };
  return (
    <section className="panel" aria-labelledby="topics-title">
      <h2 id="topics-title">Intent topics</h2>
      <p className="muted panel-intro">
        Research on these topics raises intent, more when this week surges above the weeks before.
        With no topics, intent is the share of recent activity that is third-party intent.
      </p>
      {draft.topics.length > 0 ? (
        <ul className="topic-list">
          {draft.topics.map((name) => (
            <li key={name} className="chip topic" data-testid="topic">
              {name}
              <button
                type="button"
                className="icon-button topic-remove"
                aria-label={`Remove topic ${name}`}
                onClick={() =>
                  edit((current) => ({
                    ...current,
                    topics: current.topics.filter((t) => t !== name),
                  }))
                }
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form
        className="topic-add"
        onSubmit={(event) => {
          event.preventDefault();
          add();
        }}
      >
        <input
          className="input input-wide"
          aria-label="New intent topic"
          placeholder="e.g. data warehouse"
          value={topic}
          onChange={(event) => setTopic(event.target.value)}
        />
        <button type="submit" className="button" disabled={trimmed === '' || duplicate}>
          Add topic
        </button>
      </form>
    </section>
  );
}

function ModelTab() {
  const { data: report } = useWorkspaceData(
    () => api.modelReport(),
    'Could not read the model report',
  );
  if (report === null) {
    return <div className="loading">Reading the model report…</div>;
  }
  if (report.outcomes === 0) {
    return (
      <EmptyState title="No history to learn from yet">
        {sentence(report.message)} Import won and lost opportunities, or an accounts sheet with an
        outcome column, on the Workspace screen.
      </EmptyState>
    );
  }
  return <ModelReportView report={report} />;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A probability band as "10–20%". */
function band(from: number, to: number): string {
  return `${String(Math.round(from * 100))}–${String(Math.round(to * 100))}%`;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function describeHoldout(report: ModelReport): string {
  const rows = plural(report.holdout_rows, 'row');
  return report.holdout === 'time'
    ? `time-based: the latest ${rows} by date`
    : `a seeded random 30%: ${rows}`;
}

function ModelReportView({ report }: { report: ModelReport }) {
  const top = report.importances.slice(0, TOP_FEATURES);
  const widest = Math.max(...top.map((i) => i.importance), 1e-9);
  return (
    <>
      <section className="panel model-summary" aria-labelledby="model-title">
        <h2 id="model-title">What readiness is based on</h2>
        <p
          className={report.model === null ? 'model-message model-fallback' : 'model-message'}
          data-testid="model-message"
        >
          {sentence(report.message)}
        </p>
        <dl className="facts model-facts">
          <dt>Model</dt>
          <dd data-testid="model-name">{report.model ?? 'none: the rule-based parts'}</dd>
          <dt>Holdout AUC</dt>
          <dd data-testid="model-auc">{report.auc === null ? '—' : report.auc.toFixed(3)}</dd>
          <dt>Holdout</dt>
          <dd>{describeHoldout(report)}</dd>
          <dt>Outcomes trained on</dt>
          <dd>
            {formatInteger(report.won)} won, {formatInteger(report.lost)} lost
          </dd>
          <dt>Training rows · holdout rows</dt>
          <dd>
            {formatInteger(report.training_rows)} · {formatInteger(report.holdout_rows)}
          </dd>
        </dl>
      </section>

      <div className="panels">
        <ReportTable
          title="Models tried"
          intro="Each candidate learns from part of the history and is scored on the same holdout (0.5 is chance, 1 a perfect ranking); the chosen one is then retrained on all of it."
          head={['Model', 'AUC']}
          rows={report.candidates.map((c) => [
            <>
              {c.model}
              {c.model === report.model ? <span className="chip chosen-tag">chosen</span> : null}
            </>,
            c.auc.toFixed(3),
          ])}
          testId="candidates"
          empty="No model could be fitted."
        />
        <ReportTable
          title="Calibration"
          intro="Holdout rows by predicted probability: how many converted in each band."
          head={['Predicted band', 'Rows', 'Predicted', 'Observed']}
          rows={report.calibration.map((bin) => [
            band(bin.from, bin.to),
            formatInteger(bin.rows),
            formatPercent(bin.predicted),
            formatPercent(bin.observed),
          ])}
          testId="calibration"
          empty="No calibration without a fitted model."
        />
        <ReportTable
          title="Lift by decile"
          intro="The holdout in tenths, best-scored first, against its overall conversion rate."
          head={['Decile', 'Rows', 'Converted', 'Lift']}
          rows={report.lift.map((d) => [
            String(d.decile),
            formatInteger(d.rows),
            formatPercent(d.rate),
            `${formatDecimal(d.lift)}×`,
          ])}
          testId="lift"
          empty="No lift without a fitted model."
        />
        <section className="panel importance-panel" aria-labelledby="importance-title">
          <h2 id="importance-title">What the model leans on</h2>
          <p className="muted panel-intro">
            {report.importances.length > TOP_FEATURES
              ? `The top ${String(TOP_FEATURES)} of ${String(report.importances.length)} features, `
              : 'Features, '}
            by their share of the model&apos;s importance.
          </p>
          {top.length === 0 ? (
            <p className="muted">No importances without a fitted model.</p>
          ) : (
            <ol className="importances" data-testid="importances">
              {top.map((item) => (
                <li key={item.feature} className="importance">
                  <span className="importance-name" title={item.feature}>
                    {item.feature}
                  </span>
                  <span className="importance-track" aria-hidden="true">
                    <span
                      className="importance-bar"
                      style={{ width: `${String((item.importance / widest) * 100)}%` }}
                    />
                  </span>
                  <span className="importance-value">{formatPercent(item.importance)}</span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>

      <section className="panel" aria-labelledby="suspects-title" data-testid="suspects">
        <h2 id="suspects-title">Leakage suspects</h2>
        {report.leakage_suspects.length === 0 ? (
          <p className="muted">No column predicts the outcome suspiciously well.</p>
        ) : (
          <>
            <p className="muted panel-intro">
              These columns predict the outcome too well to be known before it, so they are excluded
              from the model.
            </p>
            <ul className="suspects">
              {report.leakage_suspects.map((suspect) => (
                <li key={suspect.feature} className="suspect" data-testid="suspect">
                  <div className="suspect-head">
                    <span className="suspect-name">{suspect.feature}</span>
                    <span className="chip chip-warning">alone AUC {suspect.auc.toFixed(3)}</span>
                  </div>
                  <div className="muted">{sentence(suspect.reason)}</div>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}

function ReportTable({
  title,
  intro,
  head,
  rows,
  testId,
  empty,
}: {
  title: string;
  intro: string;
  head: string[];
  rows: ReactNode[][];
  testId: string;
  empty: string;
}) {
  const id = `${testId}-title`;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p className="muted panel-intro">{intro}</p>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <table className="table report-table" data-testid={testId}>
          <thead>
            <tr>
              {head.map((label, index) => (
                <th key={label} className={index === 0 ? undefined : 'numeric'}>
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((cells, row) => (
              <tr key={row}>
                {cells.map((cell, index) => (
                  <td key={index} className={index === 0 ? undefined : 'numeric'}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
