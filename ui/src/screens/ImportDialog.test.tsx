import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import type { ImportProgress, ImportReport } from '../api';
import { FakeBackend } from '../api/fake';
import { renderApp } from '../test/render';

const ACCOUNTS = '/home/director/Exports/accounts.csv';
const SIGNALS = '/home/director/Exports/signals-week-49.xlsx';

async function openDialog(backend = new FakeBackend()) {
  const view = renderApp('workspace', backend);
  await screen.findByTestId('counts');
  fireEvent.click(screen.getByRole('button', { name: /Import files/ }));
  const dialog = await screen.findByRole('dialog', { name: 'Import' });
  return { ...view, dialog };
}

function columnRow(dialog: HTMLElement, header: string): HTMLElement {
  const row = within(dialog)
    .getAllByTestId('import-column')
    .find((column) => within(column).queryByRole('rowheader', { name: header }));
  if (!row) throw new Error(`no column "${header}"`);
  return row;
}

async function showSignals(dialog: HTMLElement): Promise<void> {
  fireEvent.click(within(dialog).getByRole('tab', { name: /signals-week-49\.xlsx/ }));
  await within(dialog).findByRole('rowheader', { name: 'Activity Date' });
}

async function answerDayFirst(dialog: HTMLElement): Promise<HTMLElement> {
  await showSignals(dialog);
  fireEvent.click(within(dialog).getByLabelText('Day first (15/04)'));
  const confirm = within(dialog).getByTestId('import-confirm');
  await waitFor(() => expect(confirm).toBeEnabled());
  return confirm;
}

describe('the import mapping dialog', () => {
  it('the_dialog_lists_every_column_with_its_field_and_sample_values', async () => {
    const { dialog } = await openDialog();
    expect(within(dialog).getAllByRole('tab')).toHaveLength(2);
    const file = within(dialog).getByTestId('import-file');
    expect(file).toHaveTextContent('accounts.csv');
    expect(file).toHaveTextContent('41 rows');
    expect(within(dialog).getByTestId('import-kind')).toHaveValue('accounts');
    expect(within(dialog).getAllByTestId('import-column')).toHaveLength(9);

    const name = columnRow(dialog, 'Account Name');
    expect(within(name).getByLabelText('Maps to, for the column Account Name')).toHaveValue('name');
    expect(name).toHaveTextContent('Acme Corporation, Globex, Initech');
    const tier = columnRow(dialog, 'Tier');
    expect(within(tier).getByLabelText('Maps to, for the column Tier')).toHaveValue('');
    expect(within(tier).getByRole('option', { name: 'Custom field' })).toBeInTheDocument();
  });

  it('an_open_date_question_is_highlighted_with_its_example_and_blocks_the_import', async () => {
    const { dialog } = await openDialog();
    const confirm = within(dialog).getByTestId('import-confirm');
    expect(confirm).toBeDisabled();
    expect(within(dialog).getByTestId('import-why')).toHaveTextContent(
      'signals-week-49.xlsx: answer the highlighted question',
    );
    await showSignals(dialog);
    const column = columnRow(dialog, 'Activity Date');
    expect(column).toHaveClass('asking');
    expect(within(column).getByTestId('import-question')).toHaveTextContent(
      '“03/04/2026” in row 2 reads two ways',
    );
    expect(within(column).getByLabelText('Month first (04/15)')).not.toBeChecked();
    expect(within(column).getByLabelText('Bare numbers are Excel dates')).not.toBeChecked();
    expect(within(dialog).getByTestId('import-sheet')).toHaveTextContent('Lookups (hidden)');
  });

  it('answering_a_date_order_question_enables_import_and_sends_the_reading_in_files', async () => {
    const backend = new FakeBackend();
    const importSpy = vi.spyOn(backend, 'importFiles');
    const { dialog } = await openDialog(backend);
    const confirm = await answerDayFirst(dialog);
    expect(within(dialog).queryByTestId('import-question')).toBeNull();
    expect(within(dialog).queryByTestId('import-why')).toBeNull();
    fireEvent.click(confirm);

    await screen.findByTestId('import-report');
    const input = importSpy.mock.calls[0]?.[0];
    const signals = input?.files.find((file) => file.path === SIGNALS);
    expect(signals?.columns).toEqual([
      { header: 'Activity Date', decimal: null, date_order: 'day_first', serial_dates: false },
    ]);
    expect(input?.files.map((file) => file.path)).toEqual([ACCOUNTS, SIGNALS]);
  });

  it('mapping_a_column_sends_a_field_map_and_frees_the_column_that_had_the_field', async () => {
    const backend = new FakeBackend();
    const inspect = vi.spyOn(backend, 'inspectImport');
    const { dialog } = await openDialog(backend);
    const partner = columnRow(dialog, 'Partner');
    fireEvent.change(within(partner).getByLabelText('Maps to, for the column Partner'), {
      target: { value: 'industry' },
    });
    await waitFor(() =>
      expect(
        within(columnRow(dialog, 'Industry')).getByLabelText('Maps to, for the column Industry'),
      ).toHaveValue(''),
    );
    const accounts = inspect.mock.lastCall?.[0].files.find((file) => file.path === ACCOUNTS);
    expect(accounts?.map).toEqual([{ field: 'industry', header: 'Partner' }]);
  });

  it('a_column_the_headers_mapped_can_be_kept_as_a_custom_field', async () => {
    const backend = new FakeBackend();
    const inspect = vi.spyOn(backend, 'inspectImport');
    const { dialog } = await openDialog(backend);
    const owner = () =>
      within(columnRow(dialog, 'Account Owner')).getByLabelText(
        'Maps to, for the column Account Owner',
      );
    expect(owner()).toHaveValue('owner');
    fireEvent.change(owner(), { target: { value: '' } });
    await waitFor(() => expect(inspect).toHaveBeenCalledTimes(2));
    const accounts = inspect.mock.lastCall?.[0].files.find((file) => file.path === ACCOUNTS);
    expect(accounts?.unmapped).toEqual(['Account Owner']);
    await waitFor(() => expect(owner()).toHaveValue(''));

    fireEvent.change(owner(), { target: { value: 'owner' } });
    await waitFor(() => expect(inspect).toHaveBeenCalledTimes(3));
    const again = inspect.mock.lastCall?.[0].files.find((file) => file.path === ACCOUNTS);
    expect(again?.unmapped).toEqual([]);
    expect(again?.map).toEqual([{ field: 'owner', header: 'Account Owner' }]);
  });

  it('changing_the_kind_inspects_the_file_again_as_that_kind', async () => {
    const backend = new FakeBackend();
    const inspect = vi.spyOn(backend, 'inspectImport');
    const { dialog } = await openDialog(backend);
    fireEvent.change(within(dialog).getByTestId('import-kind'), { target: { value: 'products' } });
    const error = await within(dialog).findByTestId('import-file-error');
    expect(error).toHaveTextContent('products need a column for "product"');
    expect(inspect.mock.lastCall?.[0].files[0]).toMatchObject({ path: ACCOUNTS, kind: 'products' });
    expect(within(dialog).getByTestId('import-confirm')).toBeDisabled();
    expect(
      within(columnRow(dialog, 'Tier')).getByRole('option', { name: 'Not imported' }),
    ).toBeInTheDocument();
  });

  it('preview_shows_what_would_be_imported_and_the_first_problems', async () => {
    const backend = new FakeBackend();
    const importSpy = vi.spyOn(backend, 'importFiles');
    const { dialog } = await openDialog(backend);
    await answerDayFirst(dialog);
    fireEvent.click(within(dialog).getByTestId('import-preview'));
    const report = await within(dialog).findByTestId('import-preview-report');
    expect(report).toHaveTextContent('nothing has been imported yet');
    expect(report).toHaveTextContent('3,613');
    expect(report).toHaveTextContent('accounts.csv, row 14, column “Annual Revenue”');
    expect(report).toHaveTextContent(/and 1,\d{3} more problems/);
    expect(importSpy).not.toHaveBeenCalled();
  });

  it('progress_events_move_the_bar', async () => {
    const backend = new FakeBackend();
    let emit: ((progress: ImportProgress) => void) | null = null;
    vi.spyOn(backend, 'onImportProgress').mockImplementation(async (handler) => {
      emit = handler;
      return () => undefined;
    });
    let finish: ((report: ImportReport) => void) | null = null;
    vi.spyOn(backend, 'importFiles').mockImplementation(
      () =>
        new Promise((resolve) => {
          finish = resolve;
        }),
    );
    const { dialog } = await openDialog(backend);
    fireEvent.click(await answerDayFirst(dialog));
    await within(dialog).findByTestId('import-progress');
    await waitFor(() => expect(finish).not.toBeNull());

    const send = (progress: ImportProgress) => {
      act(() => {
        emit?.(progress);
      });
    };
    // A large text file is counted as it is read, but the dialog's survey counted it already.
    send({
      file: 'accounts.csv',
      file_index: 0,
      files: 2,
      rows_done: 20,
      rows_total: 43,
      rows_exact: false,
    });
    expect(within(dialog).getByTestId('import-progress-file')).toHaveTextContent(
      'accounts.csv — 20 of 41 rows',
    );
    expect(within(dialog).getByTestId('import-bar-file')).toHaveAttribute('aria-valuenow', '49');
    const overall = within(dialog).getByTestId('import-bar-overall');
    expect(overall).toHaveAttribute('aria-valuenow', '0');

    send({
      file: 'signals-week-49.xlsx',
      file_index: 1,
      files: 2,
      rows_done: 2_406,
      rows_total: 4_812,
      rows_exact: true,
    });
    expect(within(dialog).getByTestId('import-progress-file')).toHaveTextContent(
      'signals-week-49.xlsx — 2,406 of 4,812 rows',
    );
    expect(within(dialog).getByTestId('import-bar-file')).toHaveAttribute('aria-valuenow', '50');
    // accounts.csv counts whole once signals began: (41 + 2,406) of 4,853 rows.
    expect(overall).toHaveAttribute('aria-valuenow', '50');
    expect(within(dialog).getByTestId('import-confirm')).toBeDisabled();
    expect(within(dialog).getByTestId('import-kind')).toBeDisabled();
    expect(within(dialog).getByTestId('import-cancel')).toBeEnabled();

    // The import started over (a file read differently past its first rows): what was loaded
    // no longer counts, and Cancel stays available.
    send({
      file: 'accounts.csv',
      file_index: 0,
      files: 2,
      rows_done: 10,
      rows_total: 41,
      rows_exact: true,
    });
    expect(within(dialog).getByTestId('import-progress-file')).toHaveTextContent(
      'accounts.csv — 10 of 41 rows',
    );
    expect(overall).toHaveAttribute('aria-valuenow', '0');
    expect(within(dialog).getByTestId('import-cancel')).toBeEnabled();

    send({
      file: 'signals-week-49.xlsx',
      file_index: 1,
      files: 2,
      rows_done: 4_812,
      rows_total: 4_812,
      rows_exact: true,
    });
    expect(overall).toHaveAttribute('aria-valuenow', '100');
    expect(within(dialog).getByTestId('import-progress')).toHaveTextContent(
      'Saving, rescoring and re-planning',
    );
    // Every row is in and the import commits: Cancel would no longer take it back.
    expect(within(dialog).getByTestId('import-cancel')).toBeDisabled();

    const report: ImportReport = { files: [], problems: [] };
    await act(async () => {
      finish?.(report);
    });
    await screen.findByTestId('import-report');
  });

  it('cancel_calls_cancel_import_and_shows_a_calm_notice', async () => {
    const backend = new FakeBackend({ importStepMs: 60_000 });
    const cancelSpy = vi.spyOn(backend, 'cancelImport');
    const { dialog } = await openDialog(backend);
    fireEvent.click(await answerDayFirst(dialog));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    fireEvent.click(await within(dialog).findByTestId('import-cancel'));

    const notice = await within(dialog).findByTestId('import-cancelled');
    expect(notice).toHaveTextContent('Import cancelled; nothing was imported');
    expect(notice).toHaveAttribute('role', 'status');
    expect(cancelSpy).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('error-banner')).toBeNull();
    expect(within(dialog).queryByTestId('import-error')).toBeNull();
    expect(within(dialog).queryByTestId('import-progress')).toBeNull();
    expect(within(dialog).getByTestId('import-confirm')).toBeEnabled();
    expect(screen.queryByTestId('import-report')).toBeNull();
  });

  it('escape_closes_the_dialog_when_no_import_runs', async () => {
    const backend = new FakeBackend();
    const importSpy = vi.spyOn(backend, 'importFiles');
    const { dialog } = await openDialog(backend);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(importSpy).not.toHaveBeenCalled();
  });

  it('the_next_import_of_the_same_report_starts_from_the_settings_remembered', async () => {
    const backend = new FakeBackend();
    const first = await openDialog(backend);
    fireEvent.click(await answerDayFirst(first.dialog));
    await screen.findByTestId('import-report');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    fireEvent.click(screen.getByRole('button', { name: /Import files/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Import' });
    await showSignals(dialog);
    expect(within(dialog).getByTestId('import-remembered')).toHaveTextContent(
      'remembered from an earlier import',
    );
    expect(within(dialog).getByLabelText('Day first (15/04)')).toBeChecked();
    expect(within(dialog).getByTestId('import-confirm')).toBeEnabled();
  });

  it('the_fake_import_reports_each_file_until_its_last_row', async () => {
    const backend = new FakeBackend();
    const events: ImportProgress[] = [];
    await backend.onImportProgress((progress) => events.push(progress));
    await backend.importFiles({
      paths: [ACCOUNTS],
      kind: null,
      map: [],
      columns: [],
      files: [],
    });
    expect(events.length).toBeGreaterThan(1);
    expect(events[events.length - 1]).toEqual({
      file: 'accounts.csv',
      file_index: 0,
      files: 1,
      rows_done: 41,
      rows_total: 41,
      rows_exact: true,
    });
  });
});
