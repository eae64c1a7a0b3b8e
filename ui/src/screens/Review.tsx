//! The daily review: what surged or cooled since the last review, whose book is over capacity
//! or has room, and today's proposed moves, each with its reason. The director accepts or
//! rejects each move, or all of them, and finishes the review in one call; undo reverts it.

import { useCallback, useMemo, useState } from 'react';

import { api } from '../api';
import type { DailyReview, ReviewProposal, ScoreShift } from '../api';
import { EmptyState } from '../components/EmptyState';
import { Icon } from '../components/Icon';
import { StageChip } from '../components/StageChip';
import { useWorkspaceData } from '../lib/data';
import { formatDay, formatPercent, plural } from '../lib/format';
import { useNotices } from '../lib/notices';

type Decision = 'accept' | 'reject';

/** A decision on one proposal, with the rep it was proposed to when it was made. */
interface Decided {
  decision: Decision;
  toRep: number | null;
}

function place(name: string): string {
  return name === '' ? 'Pool' : name;
}

/** The notice after a finished review, e.g. "Accepted 5 moves, rejected 2". */
export function finishedSummary(applied: number, rejected: number): string {
  const parts = [`Accepted ${plural(applied, 'move')}`];
  if (rejected > 0) parts.push(`rejected ${String(rejected)}`);
  return parts.join(', ');
}

export function ReviewScreen() {
  const { confirm, reportError } = useNotices();
  const { data: review, reload } = useWorkspaceData(api.dailyReview, 'Could not load the review');
  // Decisions by account id; a proposal without one is left for the next review.
  const [decisions, setDecisions] = useState<Map<number, Decided>>(new Map());
  const [busy, setBusy] = useState(false);
  const [canUndo, setCanUndo] = useState(false);

  // A decision holds only while the account is proposed to the same place as when it was made.
  const live = useMemo(() => {
    const shown = new Map(review?.proposals.map((p) => [p.account_id, p.to_rep]) ?? []);
    return new Map([...decisions].filter(([id, d]) => shown.has(id) && shown.get(id) === d.toRep));
  }, [decisions, review]);

  const decide = (proposal: ReviewProposal, decision: Decision) =>
    setDecisions((current) => {
      const next = new Map(current);
      if (next.get(proposal.account_id)?.decision === decision) next.delete(proposal.account_id);
      else next.set(proposal.account_id, { decision, toRep: proposal.to_rep });
      return next;
    });
  const decideAll = (decision: Decision) =>
    setDecisions(
      new Map(review?.proposals.map((p) => [p.account_id, { decision, toRep: p.to_rep }]) ?? []),
    );

  const finish = useCallback(async () => {
    const moves = (decision: Decision) =>
      [...live]
        .filter(([, d]) => d.decision === decision)
        .map(([id, d]) => ({ account_id: id, to_rep: d.toRep }));
    const accept = moves('accept');
    const reject = moves('reject');
    setBusy(true);
    try {
      const result = await api.applyReview({ accept, reject });
      setDecisions(new Map());
      setCanUndo(result.history.can_undo && result.applied > 0);
      confirm('Review finished', finishedSummary(result.applied, result.rejected));
    } catch (error) {
      reportError(error, 'The review was not finished');
    } finally {
      setBusy(false);
      reload();
    }
  }, [live, confirm, reportError, reload]);

  const undo = useCallback(async () => {
    setBusy(true);
    try {
      const history = await api.undo();
      setCanUndo(false);
      confirm('Undone', history.redo_label ? `Undid ${history.redo_label}` : 'Undone');
    } catch (error) {
      reportError(error, 'Could not undo');
    } finally {
      setBusy(false);
      reload();
    }
  }, [confirm, reportError, reload]);

  const accepted = [...live.values()].filter((d) => d.decision === 'accept').length;
  const rejected = [...live.values()].filter((d) => d.decision === 'reject').length;

  return (
    <section className="screen review">
      <header className="screen-header">
        <h1>Review</h1>
        {review ? (
          <span className="muted" data-testid="review-since">
            Scores of {formatDay(review.as_of)} ·{' '}
            {review.since ? `since the review of ${formatDay(review.since)}` : 'the first review'}
          </span>
        ) : null}
        <span className="toolbar-spacer" />
        {canUndo ? (
          <button
            type="button"
            className="button"
            data-testid="review-undo"
            disabled={busy}
            onClick={() => void undo()}
          >
            <Icon name="undo" />
            Undo the review
          </button>
        ) : null}
        <button
          type="button"
          className="button button-primary"
          data-testid="finish-review"
          disabled={busy || !review}
          title={
            'Apply the accepted moves, remember the rejected ones, ' +
            "and start tomorrow's review from today's scores"
          }
          onClick={() => void finish()}
        >
          Finish review
          {accepted + rejected > 0
            ? ` (${String(accepted)} accepted, ${String(rejected)} rejected)`
            : ''}
        </button>
      </header>
      <div className="screen-scroll">
        {!review ? (
          <div className="loading">Reading today&apos;s review…</div>
        ) : (
          <>
            <Proposals review={review} decisions={live} onDecide={decide} onDecideAll={decideAll} />
            <div className="panels review-panels">
              <Shifts
                title="Surged"
                testId="surged"
                shifts={review.surged}
                empty="No account's readiness rose by 10 points or more."
              />
              <Shifts
                title="Cooled"
                testId="cooled"
                shifts={review.cooled}
                empty="No account's readiness fell by 10 points or more."
              />
              <Loads review={review} />
            </div>
          </>
        )}
      </div>
    </section>
  );
}

function Proposals({
  review,
  decisions,
  onDecide,
  onDecideAll,
}: {
  review: DailyReview;
  decisions: Map<number, Decided>;
  onDecide: (proposal: ReviewProposal, decision: Decision) => void;
  onDecideAll: (decision: Decision) => void;
}) {
  const left = Math.max(0, review.budget - review.moved_today);
  return (
    <section className="panel" aria-labelledby="proposals-title" data-testid="proposals">
      <div className="panel-title-row">
        <h2 id="proposals-title">Proposed moves</h2>
        <span className="muted" data-testid="review-budget">
          {plural(review.proposals.length, 'move')} of a budget of {String(review.budget)} a day ·{' '}
          {String(review.moved_today)} taken today, {String(left)} left
        </span>
        <span className="toolbar-spacer" />
        <button
          type="button"
          className="button"
          data-testid="reject-all"
          disabled={review.proposals.length === 0}
          onClick={() => onDecideAll('reject')}
        >
          Reject all
        </button>
        <button
          type="button"
          className="button"
          data-testid="accept-all"
          disabled={review.proposals.length === 0}
          onClick={() => onDecideAll('accept')}
        >
          Accept all
        </button>
      </div>
      {review.proposals.length === 0 ? (
        <EmptyState title="Nothing to move today">
          Every book is where the engine would put it. A move is proposed only when it is clearly
          better than staying, so small changes in the scores move nothing.
        </EmptyState>
      ) : (
        <table className="table proposals-table">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Why</th>
              <th scope="col">
                <span className="visually-hidden">Decision</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {review.proposals.map((proposal) => (
              <ProposalRow
                key={proposal.account_id}
                proposal={proposal}
                decision={decisions.get(proposal.account_id)?.decision}
                onDecide={onDecide}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ProposalRow({
  proposal,
  decision,
  onDecide,
}: {
  proposal: ReviewProposal;
  decision: Decision | undefined;
  onDecide: (proposal: ReviewProposal, decision: Decision) => void;
}) {
  return (
    <tr
      data-testid="proposal"
      data-account-id={proposal.account_id}
      data-decision={decision ?? 'none'}
      className={decision ? `decided-${decision}` : undefined}
    >
      <th scope="row">{proposal.account}</th>
      <td>{place(proposal.from)}</td>
      <td>{place(proposal.to)}</td>
      <td className="proposal-reason">{proposal.reason}</td>
      <td className="proposal-decision">
        <div className="tabs segmented" role="group" aria-label={`Decision on ${proposal.account}`}>
          <button
            type="button"
            className="tab"
            aria-pressed={decision === 'accept'}
            data-testid="accept"
            onClick={() => onDecide(proposal, 'accept')}
          >
            Accept
          </button>
          <button
            type="button"
            className="tab"
            aria-pressed={decision === 'reject'}
            data-testid="reject"
            onClick={() => onDecide(proposal, 'reject')}
          >
            Reject
          </button>
        </div>
      </td>
    </tr>
  );
}

function Shifts({
  title,
  testId,
  shifts,
  empty,
}: {
  title: string;
  testId: string;
  shifts: ScoreShift[];
  empty: string;
}) {
  return (
    <section className="panel" data-testid={testId} aria-label={title}>
      <h2>
        {title} <span className="muted">{shifts.length > 0 ? String(shifts.length) : ''}</span>
      </h2>
      {shifts.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="shift-list">
          {shifts.slice(0, 50).map((shift) => (
            <li key={shift.account_id} data-testid="shift">
              <span className="shift-account">{shift.account}</span>
              <span className="shift-figures">
                {formatPercent(shift.before)} → {formatPercent(shift.after)}
              </span>
              <span className="shift-why">
                <StageChip stage={shift.stage} /> <span className="muted">{shift.why}</span>
              </span>
            </li>
          ))}
          {shifts.length > 50 ? (
            <li className="muted">and {String(shifts.length - 50)} more</li>
          ) : null}
        </ul>
      )}
    </section>
  );
}

function Loads({ review }: { review: DailyReview }) {
  return (
    <section className="panel" data-testid="loads" aria-label="Capacity">
      <h2>Capacity</h2>
      {review.over_capacity.length === 0 && review.with_room.length === 0 ? (
        <p className="muted">Every book is within capacity, and no ready account waits for room.</p>
      ) : null}
      {review.over_capacity.length > 0 ? (
        <ul className="shift-list" data-testid="over-capacity">
          {review.over_capacity.map((load) => (
            <li key={load.rep_id}>
              <span className="shift-account">{load.rep}</span>
              <span className="shift-figures warn">
                {String(load.accounts)} accounts for room of {String(load.capacity)}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {review.with_room.length > 0 ? (
        <>
          <p className="muted">Room while ready accounts wait in the pool:</p>
          <ul className="shift-list" data-testid="with-room">
            {review.with_room.map((load) => (
              <li key={load.rep_id}>
                <span className="shift-account">{load.rep}</span>
                <span className="shift-figures">
                  {String(load.accounts)} of {String(load.capacity)}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
