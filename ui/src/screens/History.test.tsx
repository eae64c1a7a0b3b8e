import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { FakeBackend } from '../api/fake';
import { renderApp } from '../test/render';

async function backendWithMoves(): Promise<{ backend: FakeBackend; moved: number }> {
  const backend = new FakeBackend();
  const board = await backend.board();
  const [ana, ben] = board.reps;
  const card = ana?.accounts[0];
  if (!ana || !ben || !card) throw new Error('the fake board has no books');
  await backend.moveAccounts({ account_ids: [card.id], to_rep: ben.id });
  await backend.setLocked({ account_ids: [card.id], locked: true });
  const other = ana.accounts[1];
  if (!other) throw new Error('Ana needs two cards');
  await backend.moveAccounts({ account_ids: [other.id], to_rep: null });
  await backend.undo();
  return { backend, moved: card.id };
}

describe('history', () => {
  it('lists_every_change_newest_first_with_undone_ones_marked', async () => {
    const { backend } = await backendWithMoves();
    renderApp('history', backend);
    const rows = await screen.findAllByTestId('audit-entry');
    expect(rows.map((row) => row.dataset['state'])).toEqual(['undone', 'done', 'done']);
    expect(rows[0]?.textContent).toContain('move 1 account to the pool');
    expect(rows[2]?.textContent).toContain('move 1 account to Ben Carter');
  });

  it('an_entry_opens_its_changes_from_whom_to_whom', async () => {
    const { backend } = await backendWithMoves();
    const detail = vi.spyOn(backend, 'auditEntry');
    renderApp('history', backend);
    const rows = await screen.findAllByTestId('audit-entry');
    const oldest = rows[2];
    if (!oldest) throw new Error('three entries expected');
    fireEvent.click(oldest);
    const panel = await screen.findByTestId('audit-detail');
    // The virtualiser lays rows out only with a measured scroller; the header says what it holds.
    expect(within(panel).getByRole('heading').textContent).toBe('move 1 account to Ben Carter');
    await waitFor(() => expect(detail).toHaveBeenCalledWith(1, null));
    const changes = await backend.auditEntry(1, null);
    const moves = changes.changes.map((c) => `${c.from} → ${c.to}`);
    expect(moves).toEqual(['Ana Ortiz → Ben Carter']);
  });

  it('filtering_by_an_account_keeps_the_entries_that_changed_it', async () => {
    const { backend, moved } = await backendWithMoves();
    const log = vi.spyOn(backend, 'auditLog');
    renderApp('history', backend);
    await screen.findAllByTestId('audit-entry');
    const name = (
      await backend.listAccounts({
        search: '',
        sort: 'name',
        descending: false,
        offset: 0,
        limit: 100,
      })
    ).rows.find((row) => row.id === moved)?.name;
    if (!name) throw new Error('the moved account is not listed');
    fireEvent.change(screen.getByTestId('audit-search'), { target: { value: name } });
    fireEvent.click(await screen.findByRole('button', { name: new RegExp(name) }));
    // Its move to Ben, then its lock; the other account's move is left out.
    await waitFor(() =>
      expect(screen.getAllByTestId('audit-entry').map((row) => row.dataset['action'])).toEqual([
        'lock',
        'move',
      ]),
    );
    expect(log).toHaveBeenLastCalledWith({ account_id: moved, offset: 0, limit: 100 });
    expect(screen.getByTestId('audit-filter').textContent).toContain(name);
  });

  it('the_log_exports_to_excel', async () => {
    const { backend } = await backendWithMoves();
    const exported = vi.spyOn(backend, 'exportAuditLog');
    renderApp('history', backend);
    await screen.findAllByTestId('audit-entry');
    fireEvent.click(screen.getByTestId('export-audit'));
    await screen.findByText('Audit log exported');
    expect(exported).toHaveBeenCalledWith({ path: '/home/director/Documents/audit-log.xlsx' });
  });
});
