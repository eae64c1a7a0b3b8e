import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { FakeBackend } from '../api/fake';
import { renderApp } from '../test/render';

/** Answers the fake signals workbook's date question and starts the import. */
async function confirmImport(): Promise<void> {
  const dialog = await screen.findByRole('dialog', { name: 'Import' });
  const tab = within(dialog).getByRole('tab', { name: /signals-week-49\.xlsx/ });
  fireEvent.click(tab);
  fireEvent.click(await within(dialog).findByLabelText('Day first (15/04)'));
  const confirm = within(dialog).getByTestId('import-confirm');
  await waitFor(() => expect(confirm).toBeEnabled());
  fireEvent.click(confirm);
}

describe('workspace', () => {
  it('shows_the_counts_the_health_and_the_scoring_note', async () => {
    renderApp('workspace');
    expect(await screen.findByTestId('workspace-path')).toHaveTextContent('.terrain');
    const counts = screen.getByTestId('counts');
    expect(within(counts).getByText('Accounts').nextSibling).toHaveTextContent('40');
    expect(within(counts).getByText('Reps').nextSibling).toHaveTextContent('4');
    expect(screen.getByTestId('scoring-note')).toHaveTextContent('rule-based');
    expect(screen.getByText('Opportunities without an account').nextSibling).toHaveTextContent('3');
  });

  it('an_empty_workspace_explains_what_to_import', async () => {
    renderApp('workspace', new FakeBackend({ empty: true }));
    const empty = await screen.findByTestId('empty-state');
    expect(empty).toHaveTextContent('This workspace is empty');
    expect(empty).toHaveTextContent('Reps');
    expect(empty).toHaveTextContent('Accounts');
    expect(within(empty).getByRole('button', { name: /Import files/ })).toBeEnabled();
  });

  it('importing_shows_the_report_and_a_virtualised_problem_list', async () => {
    const backend = new FakeBackend({ empty: true });
    const importSpy = vi.spyOn(backend, 'importFiles');
    renderApp('workspace', backend);
    await screen.findByTestId('empty-state');
    fireEvent.click(screen.getAllByRole('button', { name: /Import files/ })[0] as HTMLElement);
    await confirmImport();

    const report = await screen.findByTestId('import-report');
    expect(screen.queryByRole('dialog', { name: 'Import' })).toBeNull();
    expect(importSpy).toHaveBeenCalledWith(
      expect.objectContaining({
        paths: [
          '/home/director/Exports/accounts.csv',
          '/home/director/Exports/signals-week-49.xlsx',
        ],
        kind: null,
        map: [],
      }),
    );
    const files = within(report).getAllByTestId('import-file');
    expect(files).toHaveLength(2);
    expect(files[0]).toHaveTextContent('accounts.csv');
    expect(files[0]).toHaveTextContent('Tier, Partner');
    expect(report).toHaveTextContent('1,501');
    const rows = within(report).getAllByTestId('problem-row');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(200);
    expect(rows[0]).toHaveTextContent('Annual Revenue');
    expect(rows[0]).toHaveTextContent('"12,5 M" is not a number');
    // The import filled the workspace, and the summary follows the workspace-changed event.
    await waitFor(() => expect(screen.queryByText('This workspace is empty')).toBeNull());
  });

  it('cancelling_the_file_dialog_imports_nothing', async () => {
    const backend = new FakeBackend({ empty: true });
    vi.spyOn(backend, 'pickImportFiles').mockResolvedValue([]);
    const importSpy = vi.spyOn(backend, 'importFiles');
    const inspectSpy = vi.spyOn(backend, 'inspectImport');
    renderApp('workspace', backend);
    await screen.findByTestId('empty-state');
    fireEvent.click(screen.getAllByRole('button', { name: /Import files/ })[0] as HTMLElement);
    await waitFor(() =>
      expect(screen.getAllByRole('button', { name: /Import files/ })[0]).toBeEnabled(),
    );
    expect(importSpy).not.toHaveBeenCalled();
    expect(inspectSpy).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByTestId('import-report')).toBeNull();
  });

  it('exporting_confirms_the_file_and_the_number_of_accounts', async () => {
    const backend = new FakeBackend();
    const exportSpy = vi.spyOn(backend, 'exportPlan');
    renderApp('workspace', backend);
    await screen.findByTestId('counts');
    fireEvent.click(screen.getByRole('button', { name: /XLSX/ }));

    const confirmation = await screen.findByTestId('confirmation');
    expect(exportSpy).toHaveBeenCalledWith({ path: '/home/director/Documents/Terrain plan.xlsx' });
    expect(confirmation).toHaveTextContent(
      '40 accounts written to /home/director/Documents/Terrain plan.xlsx',
    );
  });

  it('a_failed_import_shows_the_backend_message_in_the_dialog', async () => {
    const backend = new FakeBackend();
    vi.spyOn(backend, 'importFiles').mockRejectedValue({
      code: 'storage',
      message: 'the workspace file is read-only; copy it somewhere writable',
    });
    renderApp('workspace', backend);
    await screen.findByTestId('counts');
    fireEvent.click(screen.getByRole('button', { name: /Import files/ }));
    await confirmImport();
    const error = await screen.findByTestId('import-error');
    expect(error).toHaveTextContent('the workspace file is read-only');
    expect(screen.getByRole('dialog', { name: 'Import' })).toBeInTheDocument();
    expect(screen.getByTestId('import-confirm')).toBeEnabled();
  });

  it('files_that_cannot_be_read_open_no_dialog_and_say_why', async () => {
    const backend = new FakeBackend();
    vi.spyOn(backend, 'inspectImport').mockRejectedValue({
      code: 'bad_input',
      message: 'accounts.csv: cannot read the file: permission denied',
    });
    renderApp('workspace', backend);
    await screen.findByTestId('counts');
    fireEvent.click(screen.getByRole('button', { name: /Import files/ }));
    const banner = await screen.findByTestId('error-banner');
    expect(banner).toHaveTextContent('The files could not be read');
    expect(banner).toHaveTextContent('permission denied');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
