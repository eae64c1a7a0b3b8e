import { invoke } from '@tauri-apps/api/core';
import { describe, expect, it, vi } from 'vitest';

import { api, setBackend, tauriBackend, toErrorPayload } from './index';
import { FakeBackend } from './fake';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn(() => Promise.resolve(null)) }));

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

describe('tauriBackend', () => {
  it('sends_the_scoring_commands_their_arguments_under_the_names_rust_expects', async () => {
    vi.mocked(invoke).mockClear();
    const backend = new FakeBackend();
    const { settings } = await backend.scoringSettings();
    await tauriBackend.scoringSettings();
    await tauriBackend.previewScoring(settings);
    await tauriBackend.saveScoringSettings(settings);
    await tauriBackend.modelReport();
    await tauriBackend.scoreHistoryChart(7);
    expect(vi.mocked(invoke).mock.calls).toEqual([
      ['scoring_settings'],
      ['preview_scoring', { settings }],
      ['save_scoring_settings', { settings }],
      ['model_report'],
      ['score_history_chart', { account: 7 }],
    ]);
    vi.mocked(invoke).mockClear();
  });

  it('sends_the_insights_commands_their_arguments_under_the_names_rust_expects', async () => {
    const period = { from: '2026-07-01', to: '2026-09-30' };
    await tauriBackend.metrics(period);
    await tauriBackend.chart({ kind: 'lorenz', period });
    await tauriBackend.pickChartPath('png', 'lorenz.png');
    await tauriBackend.saveChart({ kind: 'lorenz', period, path: '/tmp/l.png' });
    await tauriBackend.pickFolder();
    await tauriBackend.exportReviewPack({ folder: '/tmp', period });
    await tauriBackend.compare();
    expect(vi.mocked(invoke).mock.calls).toEqual([
      ['metrics', { period }],
      ['chart', { query: { kind: 'lorenz', period } }],
      ['pick_chart_path', { format: 'png', suggested: 'lorenz.png' }],
      ['save_chart', { input: { kind: 'lorenz', period, path: '/tmp/l.png' } }],
      ['pick_folder'],
      ['export_review_pack', { input: { folder: '/tmp', period } }],
      ['compare'],
    ]);
  });
});
