import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { FakeBackend } from '../api/fake';
import { renderApp } from '../test/render';
import { nextQuarter } from './Realignment';

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

/** Every account's column on the board, by account id. */
function owners(): Map<number, string> {
  const map = new Map<number, string>();
  for (const element of [
    screen.getByTestId('pool-column'),
    ...screen.getAllByTestId('rep-column'),
  ]) {
    const name = element.dataset['repName'] ?? 'Pool';
    for (const id of cardIds(element)) map.set(id, name);
  }
  return map;
}

async function buildDraft(backend = new FakeBackend()) {
  const view = renderApp('territories', backend);
  await screen.findAllByTestId('rep-column');
  const active = owners();
  fireEvent.click(screen.getByTestId('realign-open'));
  const dialog = await screen.findByRole('dialog', { name: 'Quarterly realignment' });
  fireEvent.change(within(dialog).getByTestId('realign-effective'), {
    target: { value: '2027-04-01' },
  });
  fireEvent.click(within(dialog).getByTestId('realign-create'));
  await screen.findByTestId('draft-panel');
  return { ...view, active };
}

describe('quarterly realignment', () => {
  it('the_next_quarter_starts_on_the_first_day_of_its_first_month', () => {
    expect(nextQuarter(new Date(2026, 11, 4))).toBe('2027-01-01');
    expect(nextQuarter(new Date(2026, 0, 1))).toBe('2026-04-01');
    expect(nextQuarter(new Date(2026, 8, 30))).toBe('2026-10-01');
  });

  it('building_a_draft_shows_it_on_the_board_beside_the_active_plan', async () => {
    await buildDraft();
    expect(screen.getByTestId('show-draft').getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('draft-panel').textContent).toContain('Realignment for Q2 2027');
    expect(screen.getByTestId('draft-headline').textContent).toMatch(/^The draft moves \d+/);
    expect(screen.getAllByTestId('draft-rep')).toHaveLength(4);
    expect(screen.queryByTestId('replan')).toBeNull();
  });

  it('a_move_on_the_draft_board_leaves_the_active_plan_as_it_was', async () => {
    const { backend, active } = await buildDraft();
    const spy = vi.spyOn(backend, 'moveAccounts');
    const card = within(column('Ana Ortiz')).getAllByTestId('account-card')[0];
    if (!card) throw new Error('Ana has no cards in the draft');
    const id = Number(card.dataset['accountId']);
    fireEvent.click(card);
    fireEvent.change(screen.getByTestId('move-to'), { target: { value: '4' } });
    await waitFor(() => expect(cardIds(column('David Okafor'))).toContain(id));
    expect(spy).toHaveBeenCalledWith({ account_ids: [id], to_rep: 4, draft: true });

    fireEvent.click(screen.getByTestId('show-active'));
    await waitFor(() => expect(owners()).toEqual(active));
  });

  it('activation_asks_once_more_then_the_draft_is_active_and_undo_brings_the_old_plan_back', async () => {
    const { active } = await buildDraft();
    const drafted = owners();
    fireEvent.click(screen.getByTestId('activate-draft'));
    expect(screen.getByTestId('activate-warning').textContent).toContain('backup copy');
    fireEvent.click(screen.getByTestId('activate-confirm'));

    await screen.findByText('Realignment for Q2 2027 is active');
    await waitFor(() => expect(screen.queryByTestId('draft-panel')).toBeNull());
    await waitFor(() => expect(owners()).toEqual(drafted));

    fireEvent.click(screen.getByTestId('undo'));
    await waitFor(() => expect(owners()).toEqual(active));
    expect(await screen.findByTestId('show-draft')).toBeInTheDocument();
  });

  it('a_band_over_100_percent_is_refused_in_the_dialog_and_no_draft_is_made', async () => {
    const backend = new FakeBackend();
    renderApp('territories', backend);
    await screen.findAllByTestId('rep-column');
    fireEvent.click(screen.getByTestId('realign-open'));
    const dialog = await screen.findByRole('dialog', { name: 'Quarterly realignment' });
    fireEvent.change(within(dialog).getByTestId('realign-band'), { target: { value: '150' } });
    fireEvent.click(within(dialog).getByTestId('realign-create'));
    expect((await within(dialog).findByTestId('realign-error')).textContent).toContain(
      'above 0% and at most 100%, not 150%',
    );
    expect(await backend.draftComparison()).toBeNull();
  });

  it('discarding_the_draft_returns_the_board_to_the_active_plan', async () => {
    const { backend, active } = await buildDraft();
    fireEvent.click(screen.getByTestId('discard-draft'));
    await waitFor(() => expect(screen.queryByTestId('show-draft')).toBeNull());
    expect(owners()).toEqual(active);
    expect(await backend.draftComparison()).toBeNull();
  });
});
