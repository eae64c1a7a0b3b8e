import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { FakeBackend } from '../api/fake';
import { renderApp } from '../test/render';

describe('backups', () => {
  it('the_dialog_lists_backups_newest_first_with_time_reason_and_size', async () => {
    renderApp('workspace');
    fireEvent.click(await screen.findByTestId('backups-open'));
    const dialog = await screen.findByRole('dialog', { name: 'Backups' });
    const rows = await within(dialog).findAllByTestId('backup-row');
    expect(rows).toHaveLength(5);
    expect(rows[0]).toHaveTextContent('before importing accounts.csv and 1 more');
    expect(rows[0]).toHaveTextContent('5.2 MB');
    expect(rows[1]).toHaveTextContent('daily copy');
    expect(rows[4]).toHaveTextContent('before upgrading to schema');
  });

  it('restoring_asks_first_then_restores_the_chosen_copy_and_says_what_was_kept', async () => {
    const backend = new FakeBackend();
    const restoreSpy = vi.spyOn(backend, 'restoreBackup');
    renderApp('workspace', backend);
    fireEvent.click(await screen.findByTestId('backups-open'));
    const dialog = await screen.findByRole('dialog', { name: 'Backups' });
    const rows = await within(dialog).findAllByTestId('backup-row');
    fireEvent.click(within(rows[2] as HTMLElement).getByRole('button', { name: 'Restore…' }));

    // Nothing is restored until the question is answered.
    const question = within(dialog).getByRole('alertdialog', { name: 'Restore this backup?' });
    expect(question).toHaveTextContent('before activating a plan');
    expect(question).toHaveTextContent('kept as a backup first');
    expect(restoreSpy).not.toHaveBeenCalled();

    fireEvent.click(within(question).getByTestId('restore-confirm'));
    await waitFor(() =>
      expect(restoreSpy).toHaveBeenCalledWith({
        backup: expect.stringContaining('-activation.terrain') as string,
      }),
    );
    expect(await screen.findByText('Workspace restored')).toBeInTheDocument();
    expect(screen.getByText(/kept as .*-restore\.terrain/)).toBeInTheDocument();
    expect(screen.queryByRole('dialog', { name: 'Backups' })).toBeNull();
  });

  it('cancelling_the_question_restores_nothing', async () => {
    const backend = new FakeBackend();
    const restoreSpy = vi.spyOn(backend, 'restoreBackup');
    renderApp('workspace', backend);
    fireEvent.click(await screen.findByTestId('backups-open'));
    const dialog = await screen.findByRole('dialog', { name: 'Backups' });
    const rows = await within(dialog).findAllByTestId('backup-row');
    fireEvent.click(within(rows[0] as HTMLElement).getByRole('button', { name: 'Restore…' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(within(dialog).queryByRole('alertdialog')).toBeNull();
    expect(restoreSpy).not.toHaveBeenCalled();
  });

  it('back_up_now_adds_a_copy_at_the_top', async () => {
    renderApp('workspace');
    fireEvent.click(await screen.findByTestId('backups-open'));
    const dialog = await screen.findByRole('dialog', { name: 'Backups' });
    await within(dialog).findAllByTestId('backup-row');
    fireEvent.click(within(dialog).getByTestId('back-up-now'));
    await waitFor(() => expect(within(dialog).getAllByTestId('backup-row')).toHaveLength(6));
    expect(within(dialog).getAllByTestId('backup-row')[0]).toHaveTextContent('made by hand');
  });

  it('a_damaged_workspace_shows_the_banner_until_the_newest_backup_is_restored', async () => {
    const backend = new FakeBackend({ damaged: true });
    const restoreSpy = vi.spyOn(backend, 'restoreBackup');
    renderApp('territories', backend);
    const banner = await screen.findByTestId('damaged-banner');
    expect(banner).toHaveTextContent('This workspace is damaged');
    expect(banner).toHaveTextContent('read-only');
    expect(banner).toHaveTextContent('before importing accounts.csv and 1 more');

    fireEvent.click(within(banner).getByRole('button', { name: 'All backups…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Backups' });
    expect(within(dialog).getByTestId('back-up-now')).toBeDisabled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));

    fireEvent.click(within(banner).getByTestId('restore-latest'));
    expect(restoreSpy).not.toHaveBeenCalled();
    fireEvent.click(within(banner).getByTestId('restore-latest-confirm'));
    await waitFor(() =>
      expect(restoreSpy).toHaveBeenCalledWith({
        backup: expect.stringContaining('-import-accounts.csv+1.terrain') as string,
      }),
    );
    await waitFor(() => expect(screen.queryByTestId('damaged-banner')).toBeNull());
    expect(screen.getByText(/kept as .*-damaged\.terrain/)).toBeInTheDocument();
  });

  it('a_read_that_meets_damage_asks_for_a_check_and_leaves_the_news_to_the_banner', async () => {
    const backend = new FakeBackend();
    vi.spyOn(backend, 'board').mockRejectedValue({
      code: 'damaged',
      message: 'the workspace file is damaged (file is not a database)',
    });
    const health = vi.spyOn(backend, 'workspaceHealth');
    renderApp('territories', backend);
    await waitFor(() => expect(health).toHaveBeenCalledWith(true));
    expect(health).toHaveBeenCalledWith(false);
    expect(screen.queryByText(/file is not a database/)).toBeNull();
  });

  it('a_sound_workspace_shows_no_banner', async () => {
    renderApp('workspace');
    await screen.findByTestId('workspace-path');
    expect(screen.queryByTestId('damaged-banner')).toBeNull();
  });
});
