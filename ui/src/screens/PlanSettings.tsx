//! The plan settings dialog on the Territories screen: the balance band, the pool, what a move
//! costs, who may hold which accounts, and the default capacity. Fields are shown as the
//! director thinks of them (percentages, accounts) and sent as the fractions Rust stores; the
//! range checks and their messages are Rust's, shown in the dialog when a save is refused.

import { useEffect, useState } from 'react';

import { api, toErrorPayload } from '../api';
import { Dialog, Field } from '../components/Dialog';
import type { PlanningForm, PlanningSettings, SegmentBy } from '../api';
import { formatInteger } from '../lib/format';

/** What the inputs hold: text as typed, so a half-typed number is not lost on every key. */
interface Draft {
  band: string;
  enforceBand: boolean;
  poolBelow: string;
  moveCost: string;
  openDealCost: string;
  recentContactCost: string;
  /** `region`, `country`, `state`, `industry`, or `custom:<column>`. */
  segment: string;
  outsideAllowed: boolean;
  outsideFit: string;
  capacityOverride: boolean;
  capacity: string;
}

const STANDARD_SEGMENTS: { value: SegmentBy; label: string }[] = [
  { value: 'region', label: 'Region' },
  { value: 'country', label: 'Country' },
  { value: 'state', label: 'State' },
  { value: 'industry', label: 'Industry' },
];

/** A fraction as the percentage typed in a field: 0.15 → "15", 0.055 → "5.5". */
function asPercent(value: number): string {
  return String(Math.round(value * 10_000) / 100);
}

function toDraft(settings: PlanningSettings, computedCapacity: number): Draft {
  return {
    band: asPercent(settings.band),
    enforceBand: settings.enforce_band,
    poolBelow: asPercent(settings.pool_below),
    moveCost: asPercent(settings.move_cost),
    openDealCost: asPercent(settings.open_deal_cost),
    recentContactCost: asPercent(settings.recent_contact_cost),
    segment:
      settings.segment_by === 'custom'
        ? `custom:${settings.segment_field ?? ''}`
        : settings.segment_by,
    outsideAllowed: settings.outside_segment_fit !== null,
    outsideFit: asPercent(settings.outside_segment_fit ?? 0.9),
    capacityOverride: settings.default_capacity !== null,
    capacity: String(settings.default_capacity ?? computedCapacity),
  };
}

/** Reads a typed percentage as a fraction, or says which field needs a number. */
function fraction(text: string, field: string): number {
  const value = Number(text.trim().replace(/%$/, ''));
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new Error(`enter a number for ${field}`);
  }
  return value / 100;
}

function fromDraft(draft: Draft): PlanningSettings {
  const custom = draft.segment.startsWith('custom:');
  let capacity: number | null = null;
  if (draft.capacityOverride) {
    const value = Number(draft.capacity.trim());
    if (draft.capacity.trim() === '' || !Number.isInteger(value)) {
      throw new Error('enter a whole number of accounts for the default capacity');
    }
    capacity = value;
  }
  return {
    band: fraction(draft.band, 'the balance band'),
    enforce_band: draft.enforceBand,
    pool_below: fraction(draft.poolBelow, 'the pool threshold'),
    move_cost: fraction(draft.moveCost, 'the cost of a move'),
    open_deal_cost: fraction(draft.openDealCost, 'the extra cost of an open deal'),
    recent_contact_cost: fraction(draft.recentContactCost, 'the extra cost of recent contact'),
    segment_by: custom ? 'custom' : (draft.segment as SegmentBy),
    segment_field: custom ? draft.segment.slice('custom:'.length) : null,
    outside_segment_fit: draft.outsideAllowed
      ? fraction(draft.outsideFit, 'the fit outside the segment')
      : null,
    default_capacity: capacity,
  };
}

/** What eligibility means with the chosen segment and the columns the reps sheet has. */
function coverageHint(segment: string, repFields: string[]): string {
  if (segment === 'region') {
    return (
      'Each rep covers the region in their row of the reps sheet; a rep with no region ' +
      'covers every region.'
    );
  }
  const name = segment.startsWith('custom:') ? segment.slice('custom:'.length) : segment;
  const column = repFields.find((field) => field.toLowerCase() === name.toLowerCase());
  if (column) {
    return (
      `Each rep covers the values in their "${column}" column of the reps sheet ` +
      '(several may be listed, separated by commas); a rep with none covers every one.'
    );
  }
  return (
    `The reps sheet has no "${name}" column, so every rep covers every ${name.toLowerCase()} ` +
    'and this rule changes nothing yet. Import a reps sheet with that column to use it.'
  );
}

function Percent({
  value,
  onChange,
  testId,
  label,
  disabled = false,
}: {
  value: string;
  onChange: (value: string) => void;
  testId: string;
  label: string;
  disabled?: boolean;
}) {
  return (
    <span className="plan-settings-number">
      <input
        type="text"
        inputMode="decimal"
        aria-label={label}
        data-testid={testId}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
      />
      <span aria-hidden="true">%</span>
    </span>
  );
}

/**
 * The dialog itself. `onSaved` runs after a save succeeded; Esc, Cancel and the backdrop close
 * it without saving.
 */
export function PlanSettingsDialog({
  onClose,
  onSaved,
}: {
  onClose: () => void;
  onSaved: (form: PlanningForm) => void;
}) {
  const [form, setForm] = useState<PlanningForm | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    api
      .planningForm()
      .then((loaded) => {
        if (!live) return;
        setForm(loaded);
        setDraft(toDraft(loaded.settings, loaded.computed_capacity));
      })
      .catch((error: unknown) => {
        if (live) setProblem(toErrorPayload(error).message);
      });
    return () => {
      live = false;
    };
  }, []);

  const set = (patch: Partial<Draft>) => {
    setDraft((current) => (current ? { ...current, ...patch } : current));
    setProblem(null);
  };

  const save = async () => {
    if (!draft) return;
    let settings: PlanningSettings;
    try {
      settings = fromDraft(draft);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
      return;
    }
    setSaving(true);
    try {
      const saved = await api.savePlanningSettings(settings);
      onSaved(saved);
    } catch (error) {
      setProblem(toErrorPayload(error).message);
    } finally {
      setSaving(false);
    }
  };

  const segments = [
    ...STANDARD_SEGMENTS,
    ...(form?.account_fields ?? []).map((field) => ({
      value: `custom:${field}`,
      label: `${field} (a column of the accounts sheet)`,
    })),
  ];

  return (
    <Dialog
      title="Plan settings"
      testId="plan-settings"
      ready={draft !== null}
      onClose={onClose}
      intro="The rules every plan follows. Saving changes no book; press Re-plan to rebalance by them. Accounts you moved by hand are locked and stay where you put them."
    >
      {draft === null ? (
        <div className="loading">{problem ?? 'Loading the plan settings…'}</div>
      ) : (
        <form
          className="plan-settings-body"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <fieldset>
            <legend>Balance</legend>
            <Field
              label="Balance band"
              hint="How far each rep's expected value may stray from the team average: ±15% means no book is worth more than 15% above or below the average."
            >
              <Percent
                label="Balance band, plus or minus"
                testId="plan-band"
                value={draft.band}
                onChange={(band) => set({ band })}
              />
            </Field>
            <label className="plan-settings-check">
              <input
                type="checkbox"
                data-testid="plan-enforce-band"
                checked={draft.enforceBand}
                onChange={(event) => set({ enforceBand: event.target.checked })}
              />
              <span>
                Hold every plan to the band (off: only capacity limits a book; the board still flags
                reps outside it)
              </span>
            </label>
          </fieldset>

          <fieldset>
            <legend>Pool</legend>
            <Field
              label="Pool threshold"
              hint="Accounts below this readiness are not worth a rep's time yet; they wait in the pool until their score rises."
            >
              <Percent
                label="Readiness below which accounts wait in the pool"
                testId="plan-pool"
                value={draft.poolBelow}
                onChange={(poolBelow) => set({ poolBelow })}
              />
            </Field>
          </fieldset>

          <fieldset>
            <legend>Continuity</legend>
            <p className="plan-settings-hint">
              What moving an account away from its rep costs, as a share of an average
              account&apos;s expected value. A move happens only when it gains more than it costs,
              so higher figures mean fewer, surer moves.
            </p>
            <Field label="Any move" hint="The cost of every change of rep.">
              <Percent
                label="Cost of any move"
                testId="plan-move-cost"
                value={draft.moveCost}
                onChange={(moveCost) => set({ moveCost })}
              />
            </Field>
            <Field
              label="Extra with an open deal"
              hint="Added when the account has an open opportunity, which would change hands mid-flight."
            >
              <Percent
                label="Extra cost with an open deal"
                testId="plan-open-deal-cost"
                value={draft.openDealCost}
                onChange={(openDealCost) => set({ openDealCost })}
              />
            </Field>
            <Field
              label="Extra after recent contact"
              hint="Added when the account was in touch in the last 30 days of activity."
            >
              <Percent
                label="Extra cost after recent contact"
                testId="plan-recent-contact-cost"
                value={draft.recentContactCost}
                onChange={(recentContactCost) => set({ recentContactCost })}
              />
            </Field>
          </fieldset>

          <fieldset>
            <legend>Who may hold which accounts</legend>
            <Field
              label="Reps cover accounts by"
              hint={coverageHint(draft.segment, form?.rep_fields ?? [])}
            >
              <select
                aria-label="Reps cover accounts by"
                data-testid="plan-segment"
                value={draft.segment}
                onChange={(event) => set({ segment: event.target.value })}
              >
                {segments.map((segment) => (
                  <option key={segment.value} value={segment.value}>
                    {segment.label}
                  </option>
                ))}
              </select>
            </Field>
            <div
              className="plan-settings-radios"
              role="radiogroup"
              aria-label="Reps outside an account's segment"
            >
              <label className="plan-settings-check">
                <input
                  type="radio"
                  name="outside"
                  data-testid="plan-outside-allowed"
                  checked={draft.outsideAllowed}
                  onChange={() => set({ outsideAllowed: true })}
                />
                <span>
                  A rep outside the account&apos;s segment may hold it, counted at
                  <Percent
                    label="Fit of a rep outside the segment"
                    testId="plan-outside-fit"
                    value={draft.outsideFit}
                    disabled={!draft.outsideAllowed}
                    onChange={(outsideFit) => set({ outsideFit })}
                  />
                  of its value
                </span>
              </label>
              <label className="plan-settings-check">
                <input
                  type="radio"
                  name="outside"
                  data-testid="plan-outside-forbidden"
                  checked={!draft.outsideAllowed}
                  onChange={() => set({ outsideAllowed: false })}
                />
                <span>
                  Only reps who cover the segment may hold the account; with none free, it waits in
                  the pool
                </span>
              </label>
            </div>
          </fieldset>

          <fieldset>
            <legend>Capacity</legend>
            <p className="plan-settings-hint">
              For reps whose row in the reps sheet gives no capacity.
            </p>
            <div className="plan-settings-radios" role="radiogroup" aria-label="Default capacity">
              <label className="plan-settings-check">
                <input
                  type="radio"
                  name="capacity"
                  data-testid="plan-capacity-computed"
                  checked={!draft.capacityOverride}
                  onChange={() => set({ capacityOverride: false })}
                />
                <span>
                  Terrain&apos;s choice: room for every account worth working, a fifth to spare (now{' '}
                  {formatInteger(form?.computed_capacity ?? 0)} accounts)
                </span>
              </label>
              <label className="plan-settings-check">
                <input
                  type="radio"
                  name="capacity"
                  data-testid="plan-capacity-override"
                  checked={draft.capacityOverride}
                  onChange={() => set({ capacityOverride: true })}
                />
                <span>
                  At most
                  <span className="plan-settings-number">
                    <input
                      type="text"
                      inputMode="numeric"
                      aria-label="Default capacity in accounts"
                      data-testid="plan-capacity"
                      value={draft.capacity}
                      disabled={!draft.capacityOverride}
                      onChange={(event) => set({ capacity: event.target.value })}
                    />
                  </span>
                  accounts each
                </span>
              </label>
            </div>
          </fieldset>

          {problem ? (
            <p className="plan-settings-problem" role="alert" data-testid="plan-settings-error">
              {problem}
            </p>
          ) : null}
          <div className="plan-settings-actions">
            <button
              type="button"
              className="button button-quiet"
              data-testid="plan-settings-reset"
              onClick={() => {
                if (form) set(toDraft(form.defaults, form.computed_capacity));
              }}
            >
              Reset to defaults
            </button>
            <span className="toolbar-spacer" />
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button
              type="submit"
              className="button button-primary"
              data-testid="plan-settings-save"
              disabled={saving}
            >
              Save
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
