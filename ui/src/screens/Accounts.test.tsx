import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { FakeBackend } from '../api/fake';
import { renderApp } from '../test/render';

function names(): string[] {
  return screen
    .getAllByTestId('account-row')
    .map((row) => row.querySelector('.cell-name')?.textContent ?? '');
}

describe('accounts', () => {
  it('the_grid_asks_for_pages_of_one_hundred_sorted_by_readiness', async () => {
    const backend = new FakeBackend();
    const spy = vi.spyOn(backend, 'listAccounts');
    renderApp('accounts', backend);
    await waitFor(() => expect(screen.getAllByTestId('account-row')).toHaveLength(40));
    expect(spy).toHaveBeenCalledWith({
      search: '',
      sort: 'readiness',
      descending: true,
      offset: 0,
      limit: 100,
    });
    expect(screen.getByTestId('account-total')).toHaveTextContent('40 accounts');
  });

  it('search_filters_the_grid', async () => {
    renderApp('accounts');
    await waitFor(() => expect(screen.getAllByTestId('account-row')).toHaveLength(40));
    fireEvent.change(screen.getByLabelText('Search accounts'), { target: { value: 'health' } });

    await waitFor(() => expect(screen.getAllByTestId('account-row').length).toBeLessThan(40));
    const rows = screen.getAllByTestId('account-row');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.textContent?.toLowerCase()).toContain('health');
    expect(names()).toContain('Cedar & Pine Health');
    expect(screen.getByTestId('account-total')).toHaveTextContent(
      `${String(rows.length)} matching`,
    );
  });

  it('a_search_without_matches_says_so', async () => {
    renderApp('accounts');
    await screen.findAllByTestId('account-row');
    fireEvent.change(screen.getByLabelText('Search accounts'), { target: { value: 'zzzz' } });
    expect(await screen.findByText('No matches')).toBeInTheDocument();
  });

  it('clicking_a_header_sorts_by_that_column_and_again_reverses_it', async () => {
    renderApp('accounts');
    await waitFor(() => expect(screen.getAllByTestId('account-row')).toHaveLength(40));
    fireEvent.click(screen.getByRole('button', { name: /^Name/ }));
    await waitFor(() => expect(names()[0]).toBe('Arbor Realty'));
    const ascending = names();
    expect([...ascending].sort((a, b) => a.localeCompare(b))).toEqual(ascending);

    fireEvent.click(screen.getByRole('button', { name: /^Name/ }));
    await waitFor(() => expect(names()[0]).toBe('Zephyr Air'));
    expect(screen.getAllByRole('columnheader')[0]).toHaveAttribute('aria-sort', 'descending');
  });

  it('selecting_a_row_shows_its_reasons_with_their_signs', async () => {
    renderApp('accounts');
    await screen.findAllByTestId('account-row');
    fireEvent.change(screen.getByLabelText('Search accounts'), {
      target: { value: 'Northwind' },
    });
    await waitFor(() => expect(screen.getAllByTestId('account-row')).toHaveLength(1));
    const [row] = screen.getAllByTestId('account-row');
    if (!row) throw new Error('no row');
    fireEvent.click(row);

    const panel = screen.getByTestId('reason-panel');
    expect(panel).toHaveTextContent('Northwind Logistics');
    const reasons = within(panel).getAllByTestId('reason');
    expect(reasons).toHaveLength(3);
    const up = reasons.filter((r) => r.classList.contains('reason-up'));
    const down = reasons.filter((r) => r.classList.contains('reason-down'));
    expect(up.length).toBeGreaterThan(0);
    expect(down.length).toBeGreaterThan(0);
    expect(up[0]?.querySelector('.reason-sign')?.textContent).toBe('+');
    expect(down[0]?.querySelector('.reason-sign')?.textContent).toBe('−');
    expect(down[0]).toHaveTextContent('no engagement for 60 days');
    await waitFor(() =>
      expect(within(panel).getByTestId('score-history').querySelector('svg')).not.toBeNull(),
    );
  });

  it('the_selected_account_shows_its_score_history_chart_and_a_new_selection_redraws_it', async () => {
    const backend = new FakeBackend();
    const chart = vi.spyOn(backend, 'scoreHistoryChart');
    renderApp('accounts', backend);
    await waitFor(() => expect(screen.getAllByTestId('account-row')).toHaveLength(40));
    const [first, second] = screen.getAllByTestId('account-row');
    if (!first || !second) throw new Error('no rows');
    fireEvent.click(first);
    const history = await screen.findByTestId('score-history');
    await waitFor(() => expect(history.querySelector('svg')).not.toBeNull());
    expect(history).toHaveTextContent('6 snapshots');
    fireEvent.click(within(history).getByRole('button', { name: /full size/ }));
    const dialog = await screen.findByTestId('score-chart-dialog');
    expect(dialog.querySelector('svg')).not.toBeNull();
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByTestId('score-chart-dialog')).toBeNull();

    fireEvent.click(second);
    await waitFor(() => expect(chart).toHaveBeenCalledTimes(2));
    const ids = chart.mock.calls.map(([id]) => id);
    expect(new Set(ids).size).toBe(2);
  });

  it('a_failed_page_shows_the_message_in_the_error_banner', async () => {
    const backend = new FakeBackend();
    vi.spyOn(backend, 'listAccounts').mockRejectedValue({
      code: 'storage',
      message: 'the workspace file is read-only; copy it somewhere writable',
    });
    renderApp('accounts', backend);
    const banner = await screen.findByTestId('error-banner');
    expect(banner).toHaveTextContent('the workspace file is read-only; copy it somewhere writable');
  });
});
