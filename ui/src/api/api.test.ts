import { describe, expect, it } from 'vitest';

import { api, setBackend, toErrorPayload } from './index';
import { FakeBackend } from './fake';

describe('toErrorPayload', () => {
  it('keeps_a_code_and_message_sent_by_rust', () => {
    const payload = toErrorPayload({ code: 'conflict', message: 'nothing to undo' });
    expect(payload).toEqual({ code: 'conflict', message: 'nothing to undo' });
  });

  it('turns_a_bare_string_into_an_io_error_with_that_message', () => {
    expect(toErrorPayload('command board not found')).toEqual({
      code: 'io',
      message: 'command board not found',
    });
  });

  it('maps_an_unknown_code_to_io_but_keeps_the_message', () => {
    expect(toErrorPayload(new Error('disk full'))).toEqual({ code: 'io', message: 'disk full' });
    expect(toErrorPayload({ code: 'weird', message: 'odd' })).toEqual({
      code: 'io',
      message: 'odd',
    });
  });

  it('gives_a_message_even_for_null', () => {
    expect(toErrorPayload(null).message.length).toBeGreaterThan(0);
  });
});

describe('api', () => {
  it('rejects_with_an_error_payload_when_the_backend_throws_a_string', async () => {
    const backend = new FakeBackend();
    backend.board = () => Promise.reject('the workspace file is locked');
    setBackend(backend);
    await expect(api.board()).rejects.toEqual({
      code: 'io',
      message: 'the workspace file is locked',
    });
  });

  it('fake_undo_puts_moved_accounts_back_with_their_owner', async () => {
    const backend = new FakeBackend();
    setBackend(backend);
    const before = await api.board();
    const card = before.pool[0];
    expect(card).toBeDefined();
    const ana = before.reps[0];
    if (!card || !ana) return;
    const result = await api.moveAccounts({ account_ids: [card.id], to_rep: ana.id });
    expect(result.history.undo_label).toBe(`move 1 account to ${ana.name}`);
    await api.undo();
    const after = await api.board();
    expect(after.pool.map((c) => c.id)).toContain(card.id);
    expect(after.balance).toEqual(before.balance);
  });
});
