import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { FakeBackend } from '../api/fake';
import { renderApp } from '../test/render';

async function openBoard(backend = new FakeBackend()) {
  const view = renderApp('territories', backend);
  await screen.findAllByTestId('rep-column');
  return view;
}

function column(name: string): HTMLElement {
  const found = screen
    .getAllByTestId('rep-column')
    .find((element) => element.dataset['repName'] === name);
  if (!found) throw new Error(`no column for ${name}`);
  return found;
}

function cardIds(element: HTMLElement): number[] {
  return within(element)
    .queryAllByTestId('account-card')
    .map((card) => Number(card.dataset['accountId']));
}

function cv(): string {
  return screen.getByTestId('balance-cv').textContent ?? '';
}

describe('territories', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('shows_the_pool_first_then_one_column_per_rep', async () => {
    await openBoard();
    const board = screen.getByTestId('board');
    const first = board.firstElementChild as HTMLElement;
    expect(first.dataset['testid']).toBe('pool-column');
    const names = screen.getAllByTestId('rep-column').map((el) => el.dataset['repName']);
    expect(names).toEqual(['Ana Ortiz', 'Ben Carter', 'Chloé Martin', 'David Okafor']);
    expect(cardIds(screen.getByTestId('pool-column')).length).toBeGreaterThan(0);
  });

  it('cards_show_readiness_as_a_percentage_and_a_stage_chip', async () => {
    await openBoard();
    const card = within(column('Ana Ortiz')).getAllByTestId('account-card')[0];
    if (!card) throw new Error('Ana has no cards');
    expect(card.textContent).toMatch(/\d+\.\d%/);
    const chip = within(card).getByTestId('stage-chip');
    expect(['cold', 'aware', 'considering', 'deciding', 'buying']).toContain(chip.textContent);
    expect(chip.className).toContain(`chip-stage-${chip.textContent ?? ''}`);
  });

  it('cards_within_a_column_are_sorted_by_readiness', async () => {
    await openBoard();
    const readiness = within(column('Ben Carter'))
      .getAllByTestId('account-card')
      .map((card) => parseFloat(card.querySelector('.card-readiness')?.textContent ?? ''));
    expect(readiness.length).toBeGreaterThan(1);
    expect([...readiness].sort((a, b) => b - a)).toEqual(readiness);
  });

  it('moving_the_selection_with_move_to_updates_the_balance_panel', async () => {
    const { backend } = await openBoard();
    const spy = vi.spyOn(backend, 'moveAccounts');
    const before = cv();
    const [first, second] = within(column('Ana Ortiz')).getAllByTestId('account-card');
    if (!first || !second) throw new Error('Ana needs two cards');
    fireEvent.click(first);
    fireEvent.click(second, { ctrlKey: true });
    expect(screen.getByText('2 accounts selected')).toBeInTheDocument();
    const ids = [Number(first.dataset['accountId']), Number(second.dataset['accountId'])];

    fireEvent.change(screen.getByTestId('move-to'), { target: { value: '4' } });

    await waitFor(() =>
      expect(cardIds(column('David Okafor'))).toEqual(expect.arrayContaining(ids)),
    );
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy).toHaveBeenCalledWith({ account_ids: ids, to_rep: 4 });
    expect(cardIds(column('Ana Ortiz'))).not.toContain(ids[0]);
    await waitFor(() => expect(cv()).not.toBe(before));
  });

  it('dropping_a_selection_calls_move_accounts_once', async () => {
    const { backend } = await openBoard();
    const spy = vi.spyOn(backend, 'moveAccounts');
    const cards = within(column('Ben Carter')).getAllByTestId('account-card');
    const [a, b, c] = cards;
    if (!a || !b || !c) throw new Error('Ben needs three cards');
    fireEvent.click(a);
    fireEvent.click(c, { shiftKey: true });
    expect(screen.getByText('3 accounts selected')).toBeInTheDocument();

    // Lay the columns out side by side, 300px apart, so the pointer lands on one of them.
    const columns = [screen.getByTestId('pool-column'), ...screen.getAllByTestId('rep-column')];
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function rect(
      this: HTMLElement,
    ) {
      const owner = this.closest('[data-testid$="-column"]');
      const index = owner instanceof HTMLElement ? columns.indexOf(owner) : -1;
      const x = index < 0 ? 0 : index * 300;
      return DOMRect.fromRect({ x, y: 0, width: 272, height: index < 0 ? 0 : 800 });
    });
    const ben = columns.indexOf(column('Ben Carter'));
    const chloe = columns.indexOf(column('Chloé Martin'));
    const start = { clientX: ben * 300 + 40, clientY: 20 };
    const end = { clientX: chloe * 300 + 40, clientY: 200 };

    fireEvent.pointerDown(b, { ...start, button: 0, isPrimary: true });
    fireEvent.pointerMove(document, { clientX: start.clientX + 20, clientY: 30 });
    await act(async () => {
      fireEvent.pointerMove(document, end);
    });
    expect(screen.getByTestId('drag-overlay').textContent).toContain('+2');
    await act(async () => {
      fireEvent.pointerUp(document, end);
    });

    await waitFor(() => expect(spy).toHaveBeenCalledTimes(1));
    const ids = [a, b, c].map((card) => Number(card.dataset['accountId']));
    expect(spy).toHaveBeenCalledWith({ account_ids: ids, to_rep: 3 });
    await waitFor(() =>
      expect(cardIds(column('Chloé Martin'))).toEqual(expect.arrayContaining(ids)),
    );
  });

  it('undo_restores_the_cards_and_the_balance', async () => {
    await openBoard();
    const before = cv();
    const card = within(screen.getByTestId('pool-column')).getAllByTestId('account-card')[0];
    if (!card) throw new Error('the pool is empty');
    const id = Number(card.dataset['accountId']);
    fireEvent.click(card);
    fireEvent.change(screen.getByTestId('move-to'), { target: { value: '1' } });
    await waitFor(() => expect(cardIds(column('Ana Ortiz'))).toContain(id));
    await waitFor(() => expect(cv()).not.toBe(before));

    const undo = screen.getByTestId('undo');
    await waitFor(() => expect(undo).toBeEnabled());
    expect(undo).toHaveAttribute('title', 'Undo move 1 account to Ana Ortiz (Ctrl+Z)');
    fireEvent.click(undo);

    await waitFor(() => expect(cardIds(screen.getByTestId('pool-column'))).toContain(id));
    expect(cardIds(column('Ana Ortiz'))).not.toContain(id);
    await waitFor(() => expect(cv()).toBe(before));
    await waitFor(() => expect(screen.getByTestId('redo')).toBeEnabled());
  });

  it('ctrl_z_undoes_and_ctrl_y_redoes_a_move', async () => {
    await openBoard();
    const card = within(column('David Okafor')).getAllByTestId('account-card')[0];
    if (!card) throw new Error('David has no cards');
    const id = Number(card.dataset['accountId']);
    fireEvent.click(card);
    fireEvent.change(screen.getByTestId('move-to'), { target: { value: 'pool' } });
    await waitFor(() => expect(cardIds(screen.getByTestId('pool-column'))).toContain(id));
    await waitFor(() => expect(screen.getByTestId('undo')).toBeEnabled());

    fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    await waitFor(() => expect(cardIds(column('David Okafor'))).toContain(id));
    await waitFor(() => expect(screen.getByTestId('redo')).toBeEnabled());

    fireEvent.keyDown(window, { key: 'y', ctrlKey: true });
    await waitFor(() => expect(cardIds(screen.getByTestId('pool-column'))).toContain(id));
  });

  it('the_l_key_locks_the_selected_accounts_and_again_unlocks_them', async () => {
    await openBoard();
    const card = within(column('Chloé Martin')).getAllByTestId('account-card')[0];
    if (!card) throw new Error('Chloé has no cards');
    const id = String(card.dataset['accountId']);
    const cardNow = () => document.querySelector(`[data-account-id="${id}"]`) as HTMLElement;
    expect(within(card).queryByTestId('lock-icon')).toBeNull();
    fireEvent.click(card);

    fireEvent.keyDown(window, { key: 'l' });
    await waitFor(() => expect(within(cardNow()).getByTestId('lock-icon')).toBeInTheDocument());
    expect(screen.getByTestId('lock')).toHaveTextContent('Unlock');

    fireEvent.keyDown(window, { key: 'L' });
    await waitFor(() => expect(within(cardNow()).queryByTestId('lock-icon')).toBeNull());
  });

  it('a_rejected_move_shows_its_message_and_leaves_the_cards_where_they_were', async () => {
    const { backend } = await openBoard();
    vi.spyOn(backend, 'moveAccounts').mockRejectedValue({
      code: 'conflict',
      message: 'the plan changed while you were editing; reload and try again',
    });
    const card = within(column('Ana Ortiz')).getAllByTestId('account-card')[0];
    if (!card) throw new Error('Ana has no cards');
    const id = Number(card.dataset['accountId']);
    fireEvent.click(card);
    fireEvent.change(screen.getByTestId('move-to'), { target: { value: '2' } });

    const banner = await screen.findByTestId('error-banner');
    expect(banner).toHaveTextContent(
      'the plan changed while you were editing; reload and try again',
    );
    await waitFor(() => expect(cardIds(column('Ana Ortiz'))).toContain(id));
    expect(cardIds(column('Ben Carter'))).not.toContain(id);
  });

  it('a_rep_over_capacity_shows_a_red_capacity_and_counts_in_the_panel', async () => {
    await openBoard();
    const pool = within(screen.getByTestId('pool-column')).getAllByTestId('account-card');
    const [first] = pool;
    const last = pool[pool.length - 1];
    if (!first || !last) throw new Error('the pool is empty');
    expect(within(column('David Okafor')).getByTestId('capacity')).not.toHaveClass('capacity-over');
    fireEvent.click(first);
    fireEvent.click(last, { shiftKey: true });
    fireEvent.change(screen.getByTestId('move-to'), { target: { value: '4' } });

    await waitFor(() =>
      expect(within(column('David Okafor')).getByTestId('capacity')).toHaveClass('capacity-over'),
    );
    await waitFor(() => expect(screen.getByTestId('balance-over')).toHaveTextContent('1'));
  });

  it('a_workspace_changed_event_refreshes_the_board', async () => {
    const { backend } = await openBoard();
    const card = within(column('Ana Ortiz')).getAllByTestId('account-card')[0];
    if (!card) throw new Error('Ana has no cards');
    const id = Number(card.dataset['accountId']);
    // Another window or the CLI moves an account; the fake emits workspace-changed.
    await act(async () => {
      await backend.moveAccounts({ account_ids: [id], to_rep: 2 });
    });
    await waitFor(() => expect(cardIds(column('Ben Carter'))).toContain(id));
  });

  it('thirty_five_rep_columns_render_with_virtualised_cards', async () => {
    renderApp('territories', new FakeBackend({ large: true }));
    await waitFor(() => expect(screen.getAllByTestId('rep-column')).toHaveLength(35));
    const rendered = screen.getAllByTestId('account-card').length;
    expect(rendered).toBeGreaterThan(35);
    expect(rendered).toBeLessThan(3_000);
    expect(screen.getByTestId('balance-outside')).toHaveTextContent('0');
  });

  it('an_empty_workspace_says_how_to_get_territories', async () => {
    renderApp('territories', new FakeBackend({ empty: true }));
    expect(await screen.findByText('No territories yet')).toBeInTheDocument();
    expect(screen.getByTestId('empty-state')).toHaveTextContent('Import files');
  });
});
