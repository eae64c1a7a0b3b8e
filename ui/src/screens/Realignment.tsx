//! The quarterly realignment on the Territories screen: a dialog that sets the constraints a
//! draft is built under, a switch between the active plan and the draft, and a panel that sets
//! the draft beside the active plan with Activate and Discard. The draft itself is edited on the
//! same board as the active plan.

import { useState } from 'react';

import { Dialog, Field } from '../components/Dialog';
import { api, toErrorPayload } from '../api';
import type { DraftComparison, RealignInput } from '../api';
import { formatInteger, formatMoney, formatPercent, formatDay } from '../lib/format';

/** The first day of the quarter after `day`, as `YYYY-MM-DD`. */
export function nextQuarter(day: Date): string {
  const month = Math.floor(day.getMonth() / 3) * 3 + 3;
  const year = day.getFullYear() + (month >= 12 ? 1 : 0);
  return `${String(year)}-${String((month % 12) + 1).padStart(2, '0')}-01`;
}

/** The draft beside the active plan, or `null` when there is none. */
export function loadDraft(): Promise<DraftComparison | null> {
  return api.draftComparison();
}

/**
 * The constraints of a new draft. Building it replaces an earlier draft, which the dialog says
 * when there is one.
 */
export function RealignDialog({
  replacing,
  onClose,
  onCreated,
}: {
  replacing: string | null;
  onClose: () => void;
  onCreated: (draft: DraftComparison) => void;
}) {
  const [effective, setEffective] = useState(() => nextQuarter(new Date()));
  const [band, setBand] = useState('');
  const [keepLocks, setKeepLocks] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  const create = async () => {
    let bandValue: number | null = null;
    if (band.trim() !== '') {
      const percent = Number(band.replace(',', '.'));
      if (!Number.isFinite(percent)) {
        setProblem(`the balance band must be a number of percent, not "${band}"`);
        return;
      }
      bandValue = percent / 100;
    }
    const input: RealignInput = {
      effective: effective.trim() === '' ? null : effective.trim(),
      band: bandValue,
      keep_locks: keepLocks,
    };
    setWorking(true);
    try {
      onCreated(await api.createRealignment(input));
    } catch (error) {
      setProblem(toErrorPayload(error).message);
    } finally {
      setWorking(false);
    }
  };

  return (
    <Dialog
      title="Quarterly realignment"
      testId="realign-dialog"
      onClose={onClose}
      intro={
        <>
          Terrain builds a new plan from scratch: every account is placed again by readiness,
          capacity and balance, with no cost for moving it. The draft sits beside the active plan
          until you activate it; you can edit it on the board first.
          {replacing ? ` It replaces the current draft, ${replacing}.` : ''}
        </>
      }
    >
      <form
        className="plan-settings-body"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <fieldset>
          <legend>Constraints</legend>
          <Field
            label="Effective from"
            hint="The day the new books take effect; the next quarter's first day by default."
          >
            <input
              type="date"
              data-testid="realign-effective"
              value={effective}
              onChange={(event) => {
                setEffective(event.target.value);
                setProblem(null);
              }}
            />
          </Field>
          <Field
            label="Balance band"
            hint={
              "How far each rep's expected value may stray from the average in the new plan; " +
              "leave it empty to use the plan settings' band."
            }
          >
            <span className="plan-settings-number">
              <input
                type="text"
                inputMode="decimal"
                aria-label="Balance band for the draft, plus or minus"
                placeholder="as set"
                data-testid="realign-band"
                value={band}
                onChange={(event) => {
                  setBand(event.target.value);
                  setProblem(null);
                }}
              />
              <span aria-hidden="true">%</span>
            </span>
          </Field>
          <label className="plan-settings-check">
            <input
              type="checkbox"
              data-testid="realign-keep-locks"
              checked={keepLocks}
              onChange={(event) => setKeepLocks(event.target.checked)}
            />
            Keep locked accounts with their reps
          </label>
        </fieldset>
        {problem ? (
          <p className="plan-settings-problem" role="alert" data-testid="realign-error">
            {problem}
          </p>
        ) : null}
        <div className="plan-settings-actions">
          <span className="toolbar-spacer" />
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="button button-primary"
            data-testid="realign-create"
            disabled={working}
          >
            {working ? 'Building the draft…' : 'Build the draft'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Active plan or draft: which one the board shows and edits. */
export function PlanSwitch({
  draft,
  showing,
  onShow,
}: {
  draft: DraftComparison;
  showing: 'active' | 'draft';
  onShow: (plan: 'active' | 'draft') => void;
}) {
  return (
    <div className="tabs segmented plan-switch" role="tablist" aria-label="Plan shown on the board">
      <button
        type="button"
        role="tab"
        aria-selected={showing === 'active'}
        className="tab"
        data-testid="show-active"
        onClick={() => onShow('active')}
      >
        Active plan
      </button>
      <button
        type="button"
        role="tab"
        aria-selected={showing === 'draft'}
        className="tab"
        data-testid="show-draft"
        title={`${draft.draft.name}, effective ${formatDay(draft.draft.effective)}`}
        onClick={() => onShow('draft')}
      >
        Draft
      </button>
    </div>
  );
}

/**
 * The draft beside the active plan: a headline, each rep's book in both, and the two actions.
 * Activation asks once more, inline, and says what it will do.
 */
export function DraftPanel({
  draft,
  busy,
  onActivate,
  onDiscard,
}: {
  draft: DraftComparison;
  busy: boolean;
  onActivate: () => void;
  onDiscard: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  return (
    <section className="panel draft-panel" aria-labelledby="draft-title" data-testid="draft-panel">
      <div className="draft-panel-head">
        <div>
          <h2 id="draft-title">
            {draft.draft.name}{' '}
            <span className="muted">
              draft, effective {formatDay(draft.draft.effective)}, beside {draft.active.name}
            </span>
          </h2>
          <p className="draft-headline" data-testid="draft-headline">
            {draft.headline}
          </p>
        </div>
        <div className="draft-actions">
          {confirming ? (
            <>
              <span className="muted" data-testid="activate-warning">
                {formatInteger(draft.moves)} owner changes; a backup copy is taken first, and Undo
                reverts it.
              </span>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
              <button
                type="button"
                className="button button-primary"
                data-testid="activate-confirm"
                disabled={busy}
                onClick={() => {
                  setConfirming(false);
                  onActivate();
                }}
              >
                Activate now
              </button>
            </>
          ) : (
            <>
              <button
                type="button"
                className="button"
                data-testid="discard-draft"
                disabled={busy}
                onClick={onDiscard}
              >
                Discard draft
              </button>
              <button
                type="button"
                className="button button-primary"
                data-testid="activate-draft"
                disabled={busy}
                onClick={() => setConfirming(true)}
              >
                Activate draft…
              </button>
            </>
          )}
        </div>
      </div>
      <details className="draft-details">
        <summary>
          Moves {formatInteger(draft.moves)} · continuity {formatPercent(draft.continuity)} ·
          expected value {formatMoney(draft.active_value)} → {formatMoney(draft.draft_value)} · EV
          spread {formatPercent(draft.active_balance.cv_expected_value)} →{' '}
          {formatPercent(draft.draft_balance.cv_expected_value)}
        </summary>
        <table className="table draft-table" data-testid="draft-reps">
          <thead>
            <tr>
              <th scope="col">Rep</th>
              <th scope="col" className="num">
                Accounts today
              </th>
              <th scope="col" className="num">
                In draft
              </th>
              <th scope="col" className="num">
                Moves in
              </th>
              <th scope="col" className="num">
                Moves out
              </th>
              <th scope="col" className="num">
                EV today
              </th>
              <th scope="col" className="num">
                EV in draft
              </th>
            </tr>
          </thead>
          <tbody>
            {draft.reps.map((rep) => (
              <tr key={rep.rep_id} data-testid="draft-rep">
                <th scope="row">{rep.rep}</th>
                <td className="num">{formatInteger(rep.active_accounts)}</td>
                <td className="num">{formatInteger(rep.draft_accounts)}</td>
                <td className="num">{formatInteger(rep.moves_in)}</td>
                <td className="num">{formatInteger(rep.moves_out)}</td>
                <td className="num">{formatMoney(rep.active_value)}</td>
                <td className="num">{formatMoney(rep.draft_value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
