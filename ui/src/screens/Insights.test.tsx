import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { FakeBackend } from '../api/fake';
import { renderApp } from '../test/render';

describe('insights', () => {
  it('the_metrics_table_switches_between_rep_team_and_region', async () => {
    renderApp('insights');
    const table = await screen.findByTestId('metrics-table');
    await waitFor(() => expect(within(table).getAllByTestId('metrics-row')).toHaveLength(4));
    expect(table).toHaveTextContent('Ana Ortiz');

    fireEvent.click(screen.getByRole('tab', { name: 'By team' }));
    const teams = within(table)
      .getAllByTestId('metrics-row')
      .map((row) => row.firstChild?.textContent);
    expect(teams).toEqual(['Enterprise', 'Mid-Market']);

    fireEvent.click(screen.getByRole('tab', { name: 'Overall' }));
    expect(within(table).getAllByTestId('metrics-row')).toHaveLength(1);
    expect(within(table).getByText('All reps')).toBeInTheDocument();
  });

  it('conversion_is_a_percentage_with_one_decimal', async () => {
    renderApp('insights');
    const table = await screen.findByTestId('metrics-table');
    await waitFor(() => expect(within(table).getAllByTestId('metrics-row')).toHaveLength(4));
    const row = within(table).getAllByTestId('metrics-row')[0];
    expect(row?.children[4]?.textContent).toMatch(/^(\d+\.\d%|—)$/);
  });

  it('draws_the_four_charts_as_svg', async () => {
    const backend = new FakeBackend();
    const spy = vi.spyOn(backend, 'chart');
    renderApp('insights', backend);
    await waitFor(() =>
      expect(document.querySelectorAll('[data-testid="chart"] svg')).toHaveLength(4),
    );
    const kinds = spy.mock.calls.map(([kind]) => kind).sort();
    expect([...new Set(kinds)]).toEqual([
      'accounts_by_rep',
      'conversion_by_rep',
      'expected_value_by_rep',
      'readiness_distribution',
    ]);
    expect(screen.getByText('Readiness distribution')).toBeInTheDocument();
  });
});
