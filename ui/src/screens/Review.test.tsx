import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { FakeBackend } from '../api/fake';
import { renderApp } from '../test/render';
import { finishedSummary } from './Review';

/** A fake whose pool holds ready accounts and whose reps have room for them. */
async function withWaitingAccounts(): Promise<FakeBackend> {
  const backend = new FakeBackend();
  const board = await backend.board();
  const first = board.reps[0];
  if (!first) throw new Error('the fake has no reps');
  // Two of the readiest accounts go to the pool, so there is room and something to propose.
  const ids = [...first.accounts]
    .sort((a, b) => b.readiness - a.readiness)
    .slice(0, 2)
    .map((card) => card.id);
  await backend.moveAccounts({ account_ids: ids, to_rep: null });
  return backend;
}

async function openReview(backend: FakeBackend) {
  const view = renderApp('review', backend);
  await screen.findByTestId('proposals');
  return view;
}

describe('daily review', () => {
  it('the_summary_counts_accepted_and_rejected_moves', () => {
    expect(finishedSummary(5, 2)).toBe('Accepted 5 moves, rejected 2');
    expect(finishedSummary(1, 0)).toBe('Accepted 1 move');
  });

  it('proposals_are_listed_with_where_they_go_and_why', async () => {
    await openReview(await withWaitingAccounts());
    const rows = await screen.findAllByTestId('proposal');
    expect(rows.length).toBeGreaterThan(0);
    const first = rows[0];
    if (!first) throw new Error('no proposal');
    expect(first.textContent).toContain('Pool');
    expect(within(first).getByText(/^to .+: readiness \d\.\d\d/)).toBeInTheDocument();
    expect(screen.getByTestId('review-budget').textContent).toContain('budget of 25');
  });

  it('accept_all_then_finish_moves_the_accounts_and_a_second_review_proposes_nothing', async () => {
    const backend = await withWaitingAccounts();
    const apply = vi.spyOn(backend, 'applyReview');
    await openReview(backend);
    const proposals = (await backend.dailyReview()).proposals;
    const ids = (await screen.findAllByTestId('proposal')).map((row) =>
      Number(row.dataset['accountId']),
    );
    fireEvent.click(screen.getByTestId('accept-all'));
    fireEvent.click(screen.getByTestId('finish-review'));
    await screen.findByText('Review finished');
    expect(apply).toHaveBeenCalledWith({
      accept: proposals.map((p) => ({ account_id: p.account_id, to_rep: p.to_rep })),
      reject: [],
    });
    expect(await screen.findByText('Nothing to move today')).toBeInTheDocument();
    const board = await backend.board();
    const booked = new Set(board.reps.flatMap((rep) => rep.accounts.map((card) => card.id)));
    expect(ids.every((id) => booked.has(id))).toBe(true);

    fireEvent.click(screen.getByTestId('review-undo'));
    await waitFor(async () => {
      const pooled = new Set((await backend.board()).pool.map((card) => card.id));
      expect(ids.every((id) => pooled.has(id))).toBe(true);
    });
  });

  it('a_rejected_move_is_not_proposed_again_and_an_undecided_one_waits', async () => {
    const backend = await withWaitingAccounts();
    await openReview(backend);
    const rows = await screen.findAllByTestId('proposal');
    const [first, second] = rows;
    if (!first || !second) throw new Error('two proposals needed');
    const rejected = Number(first.dataset['accountId']);
    const waiting = Number(second.dataset['accountId']);
    fireEvent.click(within(first).getByTestId('reject'));
    expect(first.dataset['decision']).toBe('reject');
    fireEvent.click(screen.getByTestId('finish-review'));
    await screen.findByText('Review finished');
    await waitFor(() => {
      const shown = screen.queryAllByTestId('proposal').map((r) => Number(r.dataset['accountId']));
      expect(shown).not.toContain(rejected);
      expect(shown).toContain(waiting);
    });
  });
});
