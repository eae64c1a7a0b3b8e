import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { FakeBackend } from '../api/fake';
import { renderApp } from '../test/render';

async function metricsRows(count: number): Promise<HTMLElement[]> {
  const table = await screen.findByTestId('metrics-table');
  await waitFor(() => expect(within(table).getAllByTestId('metrics-row')).toHaveLength(count));
  return within(table).getAllByTestId('metrics-row');
}

async function allChartsDrawn(): Promise<void> {
  await waitFor(() =>
    expect(document.querySelectorAll('[data-testid="chart"] svg')).toHaveLength(10),
  );
}

function counter(): string | null {
  return screen.getByTestId('slide-counter').textContent;
}

describe('insights', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('the_metrics_table_switches_between_rep_team_and_region', async () => {
    renderApp('insights');
    await metricsRows(4);
    expect(screen.getByTestId('metrics-table')).toHaveTextContent('Ana Ortiz');

    fireEvent.click(screen.getByRole('tab', { name: 'By team' }));
    const teams = (await metricsRows(2)).map((row) => row.firstChild?.textContent);
    expect(teams).toEqual(['Enterprise', 'Mid-Market']);

    fireEvent.click(screen.getByRole('tab', { name: 'Overall' }));
    await metricsRows(1);
    expect(screen.getByText('All reps')).toBeInTheDocument();
  });

  it('the_by_plan_tab_shows_one_row_per_plan', async () => {
    renderApp('insights');
    await metricsRows(4);
    fireEvent.click(screen.getByRole('tab', { name: 'By plan' }));
    const plans = (await metricsRows(2)).map((row) => row.firstChild?.textContent);
    expect(plans).toEqual(['Q1 plan (active)', 'Q4 plan (archived)']);
    expect(screen.getByRole('columnheader', { name: 'Plan' })).toBeInTheDocument();
  });

  it('conversion_is_a_percentage_with_one_decimal', async () => {
    renderApp('insights');
    const [row] = await metricsRows(4);
    const header = screen.getByRole('columnheader', { name: 'Conversion' });
    const column = [...(header.parentElement?.children ?? [])].indexOf(header);
    expect(row?.children[column]?.textContent).toMatch(/^(\d+\.\d%|—)$/);
  });

  it('clicking_a_header_sorts_by_it_and_a_second_click_reverses', async () => {
    renderApp('insights');
    await metricsRows(4);
    const table = within(screen.getByTestId('metrics-table'));
    const rows = () => table.getAllByTestId('metrics-row');
    const names = () => rows().map((row) => row.firstChild?.textContent ?? '');
    const accounts = () =>
      rows().map((row) => Number((row.children[1]?.textContent ?? '').replace(/\D/g, '')));

    fireEvent.click(table.getByRole('button', { name: /^Accounts/ }));
    const header = table.getByRole('columnheader', { name: /^Accounts/ });
    expect(header).toHaveAttribute('aria-sort', 'descending');
    const down = accounts();
    expect(down).toEqual([...down].sort((a, b) => b - a));

    fireEvent.click(table.getByRole('button', { name: /^Accounts/ }));
    expect(header).toHaveAttribute('aria-sort', 'ascending');
    expect(accounts()).toEqual([...down].sort((a, b) => a - b));

    fireEvent.click(table.getByRole('button', { name: /^Rep/ }));
    expect(names()).toEqual([...names()].sort((a, b) => a.localeCompare(b)));
    fireEvent.click(table.getByRole('button', { name: /^Rep/ }));
    expect(names()).toEqual([...names()].sort((a, b) => b.localeCompare(a)));
    expect(names()[0]).toBe('David Okafor');
  });

  it('the_balance_strip_shows_the_plans_spread_figures', async () => {
    renderApp('insights');
    const strip = await screen.findByTestId('insights-balance');
    expect(within(strip).getByText('Gini')).toBeInTheDocument();
    expect(strip).toHaveTextContent(/EV spread \(CV\)\s*\d+\.\d%/);
    expect(strip).toHaveTextContent(/Max \/ min EV\s*\d+\.\d\d×/);
  });

  it('draws_all_ten_charts_as_svg_with_title_and_period', async () => {
    const backend = new FakeBackend();
    const spy = vi.spyOn(backend, 'chart');
    renderApp('insights', backend);
    await allChartsDrawn();
    const kinds = new Set(spy.mock.calls.map(([query]) => query.kind));
    expect(kinds.size).toBe(10);
    expect(screen.getByText('Readiness distribution')).toBeInTheDocument();
    expect(screen.getAllByText('All time').length).toBeGreaterThanOrEqual(10);
  });

  it('an_empty_workspace_shows_the_empty_state_and_draws_no_charts', async () => {
    const backend = new FakeBackend({ empty: true });
    const chart = vi.spyOn(backend, 'chart');
    renderApp('insights', backend);
    expect(await screen.findByText('Nothing to measure yet')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Present' })).not.toBeInTheDocument();
    fireEvent.keyDown(window, { key: 'p' });
    expect(screen.queryByTestId('presentation')).not.toBeInTheDocument();
    expect(chart).not.toHaveBeenCalled();
  });

  it('changing_the_period_refetches_metrics_and_charts_for_that_period', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 11, 3, 10, 0));
    const backend = new FakeBackend();
    const metrics = vi.spyOn(backend, 'metrics');
    const chart = vi.spyOn(backend, 'chart');
    renderApp('insights', backend);
    await allChartsDrawn();
    expect(metrics).toHaveBeenLastCalledWith({ from: null, to: null });

    fireEvent.click(screen.getByRole('radio', { name: 'Last quarter' }));
    const quarter = { from: '2026-07-01', to: '2026-09-30' };
    await waitFor(() => expect(metrics).toHaveBeenLastCalledWith(quarter));
    await waitFor(() => {
      const latest = chart.mock.calls.slice(-10).map(([query]) => query);
      expect(new Set(latest.map((query) => query.kind)).size).toBe(10);
      expect(latest.every((query) => query.period.from === quarter.from)).toBe(true);
      expect(latest.every((query) => query.period.to === quarter.to)).toBe(true);
    });
    await waitFor(() =>
      expect(screen.getAllByText('1 Jul 2026 – 30 Sep 2026').length).toBeGreaterThan(1),
    );

    fireEvent.click(screen.getByRole('radio', { name: 'Custom' }));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-08-15' } });
    await waitFor(() =>
      expect(metrics).toHaveBeenLastCalledWith({ from: '2026-08-15', to: '2026-09-30' }),
    );
  });

  it('a_custom_start_after_the_end_is_refused_without_a_fetch', async () => {
    const backend = new FakeBackend();
    const metrics = vi.spyOn(backend, 'metrics');
    renderApp('insights', backend);
    await metricsRows(4);
    fireEvent.click(screen.getByRole('radio', { name: 'Custom' }));
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-01-31' } });
    await waitFor(() => expect(metrics).toHaveBeenLastCalledWith({ from: null, to: '2026-01-31' }));
    const calls = metrics.mock.calls.length;
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-01' } });
    expect(screen.getByRole('alert')).toHaveTextContent('The start is after the end.');
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(metrics.mock.calls.length).toBe(calls);
  });

  it('saving_a_chart_picks_a_path_then_saves_that_kind_and_format', async () => {
    const backend = new FakeBackend();
    const pick = vi.spyOn(backend, 'pickChartPath');
    const save = vi.spyOn(backend, 'saveChart');
    renderApp('insights', backend);
    await allChartsDrawn();
    const card = document.querySelector<HTMLElement>('[data-kind="lorenz"]');
    if (!card) throw new Error('no lorenz chart card');

    fireEvent.click(within(card).getByRole('button', { name: /as SVG$/ }));
    const confirmation = await screen.findByTestId('confirmation');
    const path = '/home/director/Documents/Charts/lorenz_all-time.svg';
    expect(pick).toHaveBeenCalledWith('svg', 'lorenz_all-time');
    expect(save).toHaveBeenCalledWith({ kind: 'lorenz', period: { from: null, to: null }, path });
    expect(pick.mock.invocationCallOrder[0]).toBeLessThan(save.mock.invocationCallOrder[0] ?? 0);
    expect(confirmation).toHaveTextContent(`Saved ${path}`);
  });

  it('cancelling_the_save_dialog_saves_nothing', async () => {
    const backend = new FakeBackend();
    backend.pickChartPath = () => Promise.resolve(null);
    const save = vi.spyOn(backend, 'saveChart');
    renderApp('insights', backend);
    await allChartsDrawn();
    const card = document.querySelector<HTMLElement>('[data-kind="time_to_close"]');
    if (!card) throw new Error('no time-to-close chart card');
    fireEvent.click(within(card).getByRole('button', { name: /as PNG$/ }));
    await waitFor(() =>
      expect(within(card).getByRole('button', { name: /as PNG$/ })).toBeEnabled(),
    );
    expect(save).not.toHaveBeenCalled();
    expect(screen.queryByTestId('confirmation')).not.toBeInTheDocument();
  });

  it('the_review_pack_button_confirms_how_many_files_were_written_and_where', async () => {
    const backend = new FakeBackend();
    const pack = vi.spyOn(backend, 'exportReviewPack');
    renderApp('insights', backend);
    await metricsRows(4);
    fireEvent.click(screen.getByRole('button', { name: 'Export review pack…' }));
    const confirmation = await screen.findByTestId('confirmation');
    expect(pack).toHaveBeenCalledWith({
      folder: '/home/director/Documents/Quarterly review',
      period: { from: null, to: null },
    });
    expect(confirmation).toHaveTextContent(
      '11 files written to /home/director/Documents/Quarterly review',
    );
  });

  it('a_failed_review_pack_shows_the_backends_message', async () => {
    const backend = new FakeBackend();
    backend.exportReviewPack = () =>
      Promise.reject({ code: 'io', message: 'the folder is read-only' });
    renderApp('insights', backend);
    await metricsRows(4);
    fireEvent.click(screen.getByRole('button', { name: 'Export review pack…' }));
    expect(await screen.findByTestId('error-banner')).toHaveTextContent('the folder is read-only');
  });

  it('presentation_mode_opens_on_p_steps_with_arrows_and_closes_on_escape', async () => {
    renderApp('insights');
    await allChartsDrawn();
    expect(screen.queryByTestId('presentation')).not.toBeInTheDocument();

    fireEvent.keyDown(window, { key: 'p' });
    const slides = await screen.findByTestId('presentation');
    expect(counter()).toBe('1 / 10');
    expect(within(slides).getByText('Expected value by rep')).toBeInTheDocument();
    expect(within(slides).getByText(/^\d{1,2} [A-Z][a-z]+ \d{4}$/)).toBeInTheDocument();

    fireEvent.keyDown(window, { key: 'ArrowRight' });
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    expect(counter()).toBe('3 / 10');
    expect(within(slides).getByText('Readiness distribution')).toBeInTheDocument();

    fireEvent.keyDown(window, { key: 'ArrowLeft' });
    expect(counter()).toBe('2 / 10');

    fireEvent.keyDown(window, { key: 'End' });
    expect(counter()).toBe('10 / 10');
    fireEvent.keyDown(window, { key: ' ' });
    expect(counter()).toBe('10 / 10');
    fireEvent.keyDown(window, { key: 'Home' });
    expect(counter()).toBe('1 / 10');

    fireEvent.keyDown(window, { key: 'Escape' });
    expect(screen.queryByTestId('presentation')).not.toBeInTheDocument();
  });

  it('the_present_button_opens_the_slides_and_clicking_the_halves_navigates', async () => {
    renderApp('insights');
    await allChartsDrawn();
    fireEvent.click(screen.getByRole('button', { name: 'Present' }));
    const slides = await screen.findByTestId('presentation');
    // The test setup lays every element out as a 1200 px wide box at x = 0.
    fireEvent.click(slides, { clientX: 900 });
    expect(counter()).toBe('2 / 10');
    fireEvent.click(slides, { clientX: 200 });
    expect(counter()).toBe('1 / 10');
    fireEvent.click(within(slides).getByRole('button', { name: /Leave the presentation/ }));
    expect(screen.queryByTestId('presentation')).not.toBeInTheDocument();
  });

  it('the_strategies_table_shows_static_round_robin_dynamic_and_realignment_with_dynamic_highlighted', async () => {
    renderApp('insights');
    const panel = await screen.findByTestId('strategies');
    await waitFor(() => expect(within(panel).getAllByTestId('strategy-row')).toHaveLength(4));
    const rows = within(panel).getAllByTestId('strategy-row');
    expect(rows.map((row) => row.getAttribute('data-strategy'))).toEqual([
      'static',
      'round-robin',
      'dynamic',
      'realignment',
    ]);
    expect(rows.map((row) => row.firstChild?.textContent)).toEqual([
      'Static territories by state',
      'Round-robin',
      'Dynamic (Terrain)',
      'Realignment (Terrain)',
    ]);
    const highlighted = rows.filter((row) => row.classList.contains('strategy-highlight'));
    expect(highlighted.map((row) => row.getAttribute('data-strategy'))).toEqual(['dynamic']);
    for (const label of ['Expected value', 'Gini', 'Max / min EV', 'Moves']) {
      expect(within(panel).getByRole('columnheader', { name: label })).toBeInTheDocument();
    }
    expect(rows[2]).toHaveTextContent(/\$[\d.]+[KM]/);
    expect(within(panel).getByTestId('strategies-headline')).toHaveTextContent(
      /^Dynamic captures \d+% (more|less) expected value than static territories \(by state\), with \d+ moves against their \d+\.$/,
    );
  });

  it('the_strategies_refresh_after_the_workspace_changes', async () => {
    const backend = new FakeBackend();
    const compare = vi.spyOn(backend, 'compare');
    renderApp('insights', backend);
    await screen.findByTestId('strategies-headline');
    const calls = compare.mock.calls.length;
    await act(async () => {
      await backend.replan();
    });
    await waitFor(() => expect(compare.mock.calls.length).toBeGreaterThan(calls));
  });

  it('a_failed_comparison_shows_the_backends_message', async () => {
    const backend = new FakeBackend();
    backend.compare = () => Promise.reject({ code: 'storage', message: 'the workspace is locked' });
    renderApp('insights', backend);
    expect(await screen.findByTestId('error-banner')).toHaveTextContent('the workspace is locked');
  });

  it('an_empty_workspace_compares_nothing', async () => {
    const backend = new FakeBackend({ empty: true });
    const compare = vi.spyOn(backend, 'compare');
    renderApp('insights', backend);
    await screen.findByText('Nothing to measure yet');
    expect(compare).not.toHaveBeenCalled();
  });

  it('typing_p_in_a_date_field_does_not_start_the_presentation', async () => {
    renderApp('insights');
    await metricsRows(4);
    fireEvent.click(screen.getByRole('radio', { name: 'Custom' }));
    fireEvent.keyDown(screen.getByLabelText('From'), { key: 'p' });
    expect(screen.queryByTestId('presentation')).not.toBeInTheDocument();
  });
});
