import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { FakeBackend } from '../api/fake';
import { renderApp } from '../test/render';
import { replanSummary } from './Territories';

async function openSettings(backend = new FakeBackend()) {
  const view = renderApp('territories', backend);
  await screen.findAllByTestId('rep-column');
  const opener = screen.getByTestId('plan-settings-open');
  // A real click focuses the button; jsdom's does not.
  opener.focus();
  fireEvent.click(opener);
  const dialog = await screen.findByRole('dialog', { name: 'Plan settings' });
  await within(dialog).findByTestId('plan-band');
  return { ...view, dialog };
}

function input(testId: string): HTMLInputElement {
  return screen.getByTestId<HTMLInputElement>(testId);
}

describe('plan settings', () => {
  it('the_dialog_shows_the_saved_settings_as_percentages_and_focuses_the_first_field', async () => {
    await openSettings();
    expect(input('plan-band').value).toBe('15');
    expect(input('plan-pool').value).toBe('12');
    expect(input('plan-move-cost').value).toBe('5');
    expect(input('plan-open-deal-cost').value).toBe('50');
    expect(input('plan-outside-allowed').checked).toBe(true);
    expect(input('plan-capacity-computed').checked).toBe(true);
    expect(document.activeElement).toBe(input('plan-band'));
  });

  it('saving_a_band_of_8_percent_stores_0_08_and_the_balance_panel_shows_it', async () => {
    const { backend } = await openSettings();
    fireEvent.change(input('plan-band'), { target: { value: '8' } });
    fireEvent.click(screen.getByTestId('plan-settings-save'));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect((await backend.planningForm()).settings.band).toBe(0.08);
    expect(await screen.findByText('Plan settings saved')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('Outside ±8%')).toBeInTheDocument());
  });

  it('a_refused_setting_shows_the_backends_message_in_the_dialog_and_saves_nothing', async () => {
    const { backend } = await openSettings();
    fireEvent.change(input('plan-band'), { target: { value: '150' } });
    fireEvent.click(screen.getByTestId('plan-settings-save'));

    expect(await screen.findByTestId('plan-settings-error')).toHaveTextContent(
      'the balance band must be between 0% and 100%, not 150%',
    );
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect((await backend.planningForm()).settings.band).toBe(0.15);
  });

  it('an_empty_number_is_caught_before_saving_and_names_the_field', async () => {
    await openSettings();
    fireEvent.change(input('plan-move-cost'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('plan-settings-save'));
    expect(await screen.findByTestId('plan-settings-error')).toHaveTextContent(
      'enter a number for the cost of a move',
    );
  });

  it('forbidding_reps_outside_the_segment_and_a_custom_column_are_saved', async () => {
    const { backend } = await openSettings();
    fireEvent.change(screen.getByTestId('plan-segment'), { target: { value: 'custom:Language' } });
    expect(screen.getByText(/Each rep covers the values in their "Language" column/)).toBeVisible();
    fireEvent.click(input('plan-outside-forbidden'));
    expect(input('plan-outside-fit').disabled).toBe(true);
    fireEvent.click(input('plan-capacity-override'));
    fireEvent.change(input('plan-capacity'), { target: { value: '0' } });
    fireEvent.click(screen.getByTestId('plan-settings-save'));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const { settings } = await backend.planningForm();
    expect(settings.segment_by).toBe('custom');
    expect(settings.segment_field).toBe('Language');
    expect(settings.outside_segment_fit).toBeNull();
    expect(settings.default_capacity).toBe(0);
  });

  it('a_segment_the_reps_sheet_has_no_column_for_says_it_changes_nothing_yet', async () => {
    await openSettings();
    fireEvent.change(screen.getByTestId('plan-segment'), { target: { value: 'industry' } });
    expect(screen.getByText(/The reps sheet has no "industry" column/)).toBeVisible();
  });

  it('escape_closes_the_dialog_without_saving_and_does_not_lock_the_selection', async () => {
    const { backend } = renderApp('territories');
    const [card] = await screen.findAllByTestId('account-card');
    if (!card) throw new Error('the board has no cards');
    fireEvent.click(card);
    expect(card).toHaveAttribute('aria-pressed', 'true');
    const opener = screen.getByTestId('plan-settings-open');
    opener.focus();
    fireEvent.click(opener);
    await screen.findByTestId('plan-band');

    fireEvent.change(input('plan-band'), { target: { value: '30' } });
    // On the board L locks the selection and Escape clears it; in the dialog neither may.
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    fireEvent.keyDown(cancel, { key: 'l' });
    fireEvent.keyDown(cancel, { key: 'Escape' });

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect((await backend.planningForm()).settings.band).toBe(0.15);
    expect(screen.queryAllByTestId('lock-icon')).toHaveLength(0);
    expect(card).toHaveAttribute('aria-pressed', 'true');
    expect(document.activeElement).toBe(opener);
  });

  it('reset_restores_the_defaults_in_the_fields', async () => {
    await openSettings();
    fireEvent.change(input('plan-pool'), { target: { value: '40' } });
    fireEvent.click(screen.getByTestId('plan-settings-reset'));
    expect(input('plan-pool').value).toBe('12');
  });
});

describe('re-plan notice', () => {
  const change = {
    plan: { id: 1, name: 'Q1 plan', status: 'active', effective: '2027-01-01' },
    moved: 12,
    assigned: 2_040,
    pooled: 960,
    expected_value: 1,
    bound_gap: 0.0002,
    outside_band: 0,
  };

  it('says_the_moves_and_how_close_the_plan_is_to_the_best_possible', () => {
    expect(replanSummary(change)).toBe(
      '12 moves, within 0.02% of the best possible plan. 2,040 accounts in books, 960 in the pool.',
    );
  });

  it('says_why_there_is_no_bound_when_the_band_cannot_be_met', () => {
    expect(replanSummary({ ...change, moved: 1, bound_gap: null, outside_band: 2 })).toMatch(
      /^1 move; the balance band cannot be met for 2 reps/,
    );
  });

  it('a_replan_on_the_board_shows_the_notice', async () => {
    renderApp('territories');
    await screen.findAllByTestId('rep-column');
    fireEvent.click(screen.getByTestId('replan'));
    const notice = await screen.findByTestId('confirmation');
    expect(notice).toHaveTextContent('Re-planned');
    expect(notice).toHaveTextContent(/moves?, (within [\d.]+% of )?the best possible plan/);
  });
});
