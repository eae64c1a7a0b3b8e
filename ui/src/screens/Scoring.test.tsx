import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { FakeBackend } from '../api/fake';
import { renderApp } from '../test/render';

async function weightInput(label: string): Promise<HTMLElement> {
  return screen.findByLabelText(`Weight of ${label}`);
}

describe('scoring settings', () => {
  it('edits_are_previewed_once_after_a_pause_and_saving_rescores_with_them', async () => {
    const backend = new FakeBackend({ ruleBased: true });
    const preview = vi.spyOn(backend, 'previewScoring');
    const save = vi.spyOn(backend, 'saveScoringSettings');
    renderApp('scoring', backend);
    const visits = await weightInput('web visits');
    expect(screen.getByTestId('scoring-save')).toBeDisabled();

    fireEvent.change(visits, { target: { value: '4' } });
    fireEvent.change(visits, { target: { value: '6' } });
    fireEvent.change(visits, { target: { value: '9' } });
    const headline = await screen.findByTestId('preview-headline');
    expect(headline.textContent).toMatch(/^\d+ of 40 accounts would change stage$/);
    expect(preview).toHaveBeenCalledTimes(1);
    const sent = preview.mock.calls[0]?.[0];
    expect(sent?.kinds.find((k) => k.kind === 'web_visit')?.weight).toBe(9);
    expect(screen.getAllByTestId('stage-change').length).toBeGreaterThan(0);
    expect(screen.queryByTestId('preview-model-note')).toBeNull();

    fireEvent.click(screen.getByTestId('scoring-save'));
    expect(await screen.findByText('Scoring settings saved')).toBeInTheDocument();
    expect(save.mock.calls[0]?.[0].kinds.find((k) => k.kind === 'web_visit')?.weight).toBe(9);
    await waitFor(() => expect(screen.getByTestId('scoring-save')).toBeDisabled());
    expect(await weightInput('web visits')).toHaveValue('9');
  });

  it('with_a_trained_model_the_preview_says_stages_stay_and_why', async () => {
    renderApp('scoring');
    fireEvent.change(await weightInput('meetings'), { target: { value: '8' } });
    expect(await screen.findByTestId('preview-headline')).toHaveTextContent(
      '0 of 40 accounts would change stage',
    );
    expect(screen.getByTestId('preview-model-note')).toHaveTextContent(
      'Readiness comes from the trained model',
    );
  });

  it('a_setting_the_backend_refuses_shows_its_message_beside_the_form', async () => {
    const backend = new FakeBackend({ ruleBased: true });
    const save = vi.spyOn(backend, 'saveScoringSettings');
    renderApp('scoring', backend);
    const halfLife = await screen.findByLabelText('Half-life of email opens in days');
    fireEvent.change(halfLife, { target: { value: '0' } });
    expect(await screen.findByTestId('scoring-error')).toHaveTextContent(
      'the half-life of email opens must be at least 1 day',
    );

    fireEvent.click(screen.getByTestId('scoring-save'));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    await expect(save.mock.results[0]?.value).rejects.toMatchObject({ code: 'bad_input' });
    expect(screen.getByTestId('scoring-error')).toHaveTextContent('at least 1 day');
    expect((await backend.scoringSettings()).settings.kinds[0]?.half_life_days).toBe(7);

    fireEvent.change(halfLife, { target: { value: 'seven' } });
    expect(screen.getByTestId('scoring-error')).toHaveTextContent(
      'the half-life of email opens is not a number',
    );
    expect(screen.getByTestId('scoring-save')).toBeDisabled();
  });

  it('criteria_and_topics_are_added_and_removed_and_reset_brings_back_the_defaults', async () => {
    const backend = new FakeBackend({ ruleBased: true });
    const save = vi.spyOn(backend, 'saveScoringSettings');
    renderApp('scoring', backend);
    fireEvent.click(await screen.findByTestId('add-criterion'));
    fireEvent.click(screen.getByTestId('add-criterion'));
    expect(screen.getAllByTestId('icp-row')).toHaveLength(2);
    const field = screen.getByLabelText('Field of criterion 1');
    expect(within(field).getByRole('option', { name: 'Lead Source' })).toBeInTheDocument();
    fireEvent.change(field, { target: { value: 'employees' } });
    fireEvent.change(screen.getByLabelText('Minimum of criterion 1'), {
      target: { value: '1000' },
    });
    fireEvent.change(screen.getByLabelText('Weight of criterion 1'), { target: { value: '2' } });
    fireEvent.click(screen.getByLabelText('Remove criterion 2'));
    expect(screen.getAllByTestId('icp-row')).toHaveLength(1);

    const topic = screen.getByLabelText('New intent topic');
    fireEvent.change(topic, { target: { value: 'data warehouse' } });
    fireEvent.submit(topic);
    fireEvent.change(topic, { target: { value: 'pricing' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add topic' }));
    fireEvent.click(screen.getByLabelText('Remove topic pricing'));
    expect(screen.getAllByTestId('topic').map((t) => t.firstChild?.textContent)).toEqual([
      'data warehouse',
    ]);

    fireEvent.click(screen.getByTestId('scoring-save'));
    await screen.findByText('Scoring settings saved');
    const saved = save.mock.calls[0]?.[0];
    expect(saved?.icp).toEqual([
      { field: 'employees', values: [], min: 1000, max: null, weight: 2 },
    ]);
    expect(saved?.intent_topics).toEqual(['data warehouse']);

    fireEvent.click(await screen.findByRole('button', { name: 'Reset to defaults' }));
    expect(screen.queryAllByTestId('icp-row')).toHaveLength(0);
    expect(screen.queryAllByTestId('topic')).toHaveLength(0);
    expect(screen.getByTestId('scoring-save')).toBeEnabled();
    fireEvent.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect(screen.getAllByTestId('icp-row')).toHaveLength(1);
  });
});

describe('scoring model', () => {
  it('the_model_tab_shows_the_report_and_the_suspects_it_leaves_out', async () => {
    renderApp('scoring');
    fireEvent.click(await screen.findByRole('tab', { name: 'Model' }));
    expect(await screen.findByTestId('model-message')).toHaveTextContent(
      /^Readiness is a gradient boosting trained on \d+ outcomes/,
    );
    expect(screen.getByTestId('model-auc')).toHaveTextContent('0.874');
    expect(within(screen.getByTestId('candidates')).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByTestId('candidates')).toHaveTextContent('chosen');
    expect(within(screen.getByTestId('calibration')).getAllByRole('row')).toHaveLength(11);
    expect(within(screen.getByTestId('lift')).getAllByRole('row')).toHaveLength(11);
    expect(within(screen.getByTestId('importances')).getAllByRole('listitem')).toHaveLength(13);
    const suspects = screen.getByTestId('suspects');
    expect(suspects).toHaveTextContent('excluded from the model');
    expect(within(suspects).getByTestId('suspect')).toHaveTextContent('Tier');
    expect(within(suspects).getByTestId('suspect')).toHaveTextContent('alone AUC 0.970');
  });

  it('a_rule_based_fallback_says_so_and_why', async () => {
    renderApp('scoring', new FakeBackend({ ruleBased: true }));
    fireEvent.click(await screen.findByRole('tab', { name: 'Model' }));
    expect(await screen.findByTestId('model-message')).toHaveTextContent(
      'too close to chance; readiness uses the rule-based parts',
    );
    expect(screen.getByTestId('model-name')).toHaveTextContent('none: the rule-based parts');
    expect(screen.getByTestId('model-auc')).toHaveTextContent('—');
    expect(screen.getByText('No calibration without a fitted model.')).toBeInTheDocument();
  });
});
