import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

import { FakeBackend } from '../api/fake';
import { renderApp } from '../test/render';

async function openDialog(backend = new FakeBackend()) {
  const view = renderApp('workspace', backend);
  const opener = await screen.findByTestId('crm-export-open');
  await waitFor(() => expect(opener).not.toBeDisabled());
  fireEvent.click(opener);
  const dialog = await screen.findByRole('dialog', { name: 'Send owner changes to the CRM' });
  await within(dialog).findAllByTestId('crm-id-row');
  return { ...view, dialog };
}

/** Moves the first account of the first rep to the second rep, so there is a change to send. */
async function moveOne(backend: FakeBackend): Promise<void> {
  const board = await backend.board();
  const [first, second] = board.reps;
  const account = first?.accounts[0];
  if (!first || !second || !account) throw new Error('the fake board has no books');
  await backend.moveAccounts({ account_ids: [account.id], to_rep: second.id });
}

describe('owner changes for the CRM', () => {
  it('salesforce_is_refused_while_a_new_owner_has_no_crm_user_id_and_names_the_rep', async () => {
    const backend = new FakeBackend();
    await moveOne(backend);
    const write = vi.spyOn(backend, 'writeChangeSet');
    const { dialog } = await openDialog(backend);
    fireEvent.click(within(dialog).getByTestId('crm-write'));
    const error = await within(dialog).findByTestId('crm-error');
    expect(error.textContent).toContain('Ben Carter');
    expect(write).toHaveBeenCalledTimes(1);
  });

  it('crm_user_ids_typed_in_the_dialog_are_saved_and_the_file_is_written', async () => {
    const backend = new FakeBackend();
    await moveOne(backend);
    const { dialog } = await openDialog(backend);
    const inputs = within(dialog).getAllByTestId('crm-id');
    inputs.forEach((input, index) =>
      fireEvent.change(input, { target: { value: `005USER${String(index)}` } }),
    );
    fireEvent.click(within(dialog).getByTestId('crm-write'));
    await screen.findByText('Owner changes written');
    expect(screen.getByText(/1 account written to .*salesforce-owner-updates\.csv/)).toBeTruthy();
    const saved = await backend.crmUserIds();
    expect(saved.map((row) => row.crm_user_id)).toEqual(
      inputs.map((_, i) => `005USER${String(i)}`),
    );
  });

  it('one_crm_user_id_for_two_reps_is_refused_and_nothing_is_saved', async () => {
    const backend = new FakeBackend();
    const { dialog } = await openDialog(backend);
    const [first, second] = within(dialog).getAllByTestId('crm-id');
    if (!first || !second) throw new Error('two reps needed');
    fireEvent.change(first, { target: { value: '005SAME' } });
    fireEvent.change(second, { target: { value: '005SAME' } });
    fireEvent.click(within(dialog).getByTestId('crm-write'));
    expect((await within(dialog).findByTestId('crm-error')).textContent).toContain('005SAME');
    expect((await backend.crmUserIds()).every((row) => row.crm_user_id === null)).toBe(true);
  });

  it('the_workbook_needs_no_crm_user_ids', async () => {
    const backend = new FakeBackend();
    await moveOne(backend);
    const write = vi.spyOn(backend, 'writeChangeSet');
    const { dialog } = await openDialog(backend);
    fireEvent.click(within(dialog).getByTestId('crm-format-xlsx'));
    fireEvent.change(within(dialog).getByTestId('crm-since'), { target: { value: '2026-12-01' } });
    fireEvent.click(within(dialog).getByTestId('crm-write'));
    await screen.findByText('Owner changes written');
    expect(write).toHaveBeenCalledWith({
      path: '/home/director/Documents/owner-changes.xlsx',
      format: 'xlsx',
      since_date: '2026-12-01',
      since_plan: null,
    });
  });
});
