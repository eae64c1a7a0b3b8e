import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { FakeBackend } from '../api/fake';
import { renderApp } from '../test/render';

async function openDuplicates() {
  fireEvent.click(await screen.findByRole('button', { name: 'Possible duplicates (1)' }));
  return screen.findByTestId('duplicates');
}

describe('possible duplicates', () => {
  it('no_entry_shows_when_no_accounts_look_alike', async () => {
    renderApp('accounts');
    await waitFor(() => expect(screen.getAllByTestId('account-row')).toHaveLength(40));
    expect(screen.queryByTestId('duplicates-open')).toBeNull();
  });

  it('the_dialog_lists_each_group_with_its_raw_names_keys_websites_and_reason', async () => {
    renderApp('accounts', new FakeBackend({ duplicates: true }));
    const dialog = await openDuplicates();
    const [group, ...others] = within(dialog).getAllByTestId('duplicate-group');
    expect(others).toHaveLength(0);
    if (!group) throw new Error('no group');
    const rows = within(group).getAllByTestId('duplicate-account');
    expect(rows.map((row) => row.querySelector('.duplicate-raw')?.textContent)).toEqual([
      '“Acme Corporation”',
      '“ACME Corporation”',
      '“Acme Corp.”',
    ]);
    expect(rows[1]).toHaveTextContent('https://www.acme.example/');
    expect(within(group).getByTestId('duplicate-reason')).toHaveTextContent(
      'the same website (acme.example)',
    );
    expect(within(group).getByLabelText('Keep Acme Corporation')).toBeChecked();
  });

  it('merge_keeps_the_chosen_account_with_the_others_raw_values_and_the_entry_goes', async () => {
    const backend = new FakeBackend({ duplicates: true });
    const merge = vi.spyOn(backend, 'mergeAccounts');
    renderApp('accounts', backend);
    await waitFor(() => expect(screen.getByTestId('account-total')).toHaveTextContent('44'));
    const [proposal] = await backend.mergeProposals();
    const corp = proposal?.accounts.find((account) => account.name === 'Acme Corp.');
    const dialog = await openDuplicates();
    fireEvent.click(within(dialog).getByLabelText('Keep Acme Corp.'));
    fireEvent.click(within(dialog).getByTestId('duplicate-merge'));

    await waitFor(() => expect(screen.getByTestId('account-total')).toHaveTextContent('42'));
    expect(merge).toHaveBeenCalledWith({ proposal: proposal?.id, keep: corp?.id });
    expect(await within(dialog).findByTestId('duplicates-none')).toBeInTheDocument();
    expect(screen.queryByTestId('duplicates-open')).toBeNull();
    expect(await screen.findByText('Accounts merged')).toBeInTheDocument();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    fireEvent.change(screen.getByLabelText('Search accounts'), {
      target: { value: 'Acme Corp.' },
    });
    await waitFor(() => expect(screen.getAllByTestId('account-row')).toHaveLength(1));
    const [row] = screen.getAllByTestId('account-row');
    if (!row) throw new Error('no row');
    fireEvent.click(row);
    const merged = await screen.findByTestId('merged-from');
    expect(merged).toHaveTextContent('“Acme Corporation”');
    expect(merged).toHaveTextContent('“ACME Corporation” · ACME Corporation');
    expect(merged).toHaveTextContent('https://www.acme.example/');
  });

  it('keep_apart_leaves_every_account_and_the_group_is_not_listed_again', async () => {
    const backend = new FakeBackend({ duplicates: true });
    renderApp('accounts', backend);
    await waitFor(() => expect(screen.getByTestId('account-total')).toHaveTextContent('44'));
    const dialog = await openDuplicates();
    fireEvent.click(within(dialog).getByTestId('duplicate-keep-apart'));

    expect(await within(dialog).findByTestId('duplicates-none')).toBeInTheDocument();
    expect(screen.getByTestId('account-total')).toHaveTextContent('44');
    expect(await backend.mergeProposals()).toEqual([]);
  });

  it('a_refused_merge_shows_the_message_in_the_dialog', async () => {
    const backend = new FakeBackend({ duplicates: true });
    vi.spyOn(backend, 'mergeAccounts').mockRejectedValue({
      code: 'conflict',
      message: 'merge proposal 1 was answered already, or its accounts changed since',
    });
    renderApp('accounts', backend);
    const dialog = await openDuplicates();
    fireEvent.click(within(dialog).getByTestId('duplicate-merge'));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('answered already');
  });
});
