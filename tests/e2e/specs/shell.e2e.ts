/**
 * The locked-down shell, from inside the page: what a script in the webview could try, and the
 * app refusing it. The main window's capability grants the core's event listener and the app
 * commands ui/src/api calls, nothing else; app commands refuse arguments over their bounds and
 * paths the user did not pick in a dialog; and the CSP blocks nothing the app itself uses while
 * the director goes through every screen, but does block a remote image and `eval`.
 */

import { $, browser, expect } from '@wdio/globals';

import { openScreen } from '../support/app.ts';

/** What one `invoke` from the page came to. */
interface Outcome {
  ok: boolean;
  /**
   * The rejection: Tauri's text for a denied command, or the app's `{code, message}` as JSON.
   * Not named `error`: WebdriverIO takes a script's result with an `error` key for a failure.
   */
  refusal: string;
}

/** Calls a command the way any script in the page could, through Tauri's IPC object. */
async function invoke(command: string, args: Record<string, unknown> = {}): Promise<Outcome> {
  return browser.execute(
    async (name: string, payload: Record<string, unknown>) => {
      type Internals = { invoke: (cmd: string, args: unknown) => Promise<unknown> };
      const internals = (window as unknown as { __TAURI_INTERNALS__: Internals })
        .__TAURI_INTERNALS__;
      try {
        await internals.invoke(name, payload);
        return { ok: true, refusal: '' };
      } catch (error) {
        return {
          ok: false,
          refusal: typeof error === 'string' ? error : JSON.stringify(error),
        };
      }
    },
    command,
    args,
  );
}

/** The app's `{code, message}` refusal, parsed. */
function appError(outcome: Outcome): { code: string; message: string } {
  expect(outcome.ok).toBe(false);
  return JSON.parse(outcome.refusal) as { code: string; message: string };
}

/** Commands of the core and of plugins that the capability does not grant, with arguments. */
const NOT_GRANTED: [string, Record<string, unknown>][] = [
  ['plugin:window|close', { label: 'main' }],
  ['plugin:window|set_title', { label: 'main', value: 'pwned' }],
  ['plugin:window|create', { options: { label: 'other', url: 'https://example.com' } }],
  [
    'plugin:webview|create_webview_window',
    { options: { label: 'other', url: 'https://example.com' } },
  ],
  ['plugin:webview|set_webview_zoom', { label: 'main', value: 3 }],
  ['plugin:path|resolve_directory', { directory: 11, path: null }],
  ['plugin:app|version', {}],
  ['plugin:app|app_hide', {}],
  ['plugin:event|emit', { event: 'workspace-changed', payload: null }],
  ['plugin:dialog|open', { options: { directory: false, multiple: true } }],
  ['plugin:dialog|save', { options: {} }],
  ['plugin:fs|read_text_file', { path: '/etc/passwd' }],
  ['plugin:shell|execute', { program: 'sh', args: ['-c', 'id'] }],
  ['plugin:opener|open_url', { url: 'https://example.com' }],
  // An app command that no longer exists, and one that never did.
  ['score_history', { account: 1 }],
  ['read_file', { path: '/etc/passwd' }],
];

describe('the shell refuses what the page was not given', () => {
  before(async () => {
    // Collect CSP violations from here on; the screens visited below must cause none.
    await browser.execute(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (event) => {
        seen.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
  });

  it('denies every core and plugin command the capability does not grant', async () => {
    for (const [command, args] of NOT_GRANTED) {
      const outcome = await invoke(command, args);
      expect({ command, ok: outcome.ok }).toEqual({ command, ok: false });
      // Tauri says the command is not allowed, or that no such command or plugin exists.
      expect({ command, refusal: outcome.refusal }).toEqual({
        command,
        refusal: expect.stringMatching(/not allowed|not found/i),
      });
    }
    expect(await browser.getTitle()).toBe('Terrain');
  });

  it('still answers a command the capability grants', async () => {
    const outcome = await invoke('workspace_summary');
    expect(outcome).toEqual({ ok: true, refusal: '' });
  });

  it('refuses paths that no dialog returned, and takes them once a dialog has', async () => {
    const picked = (process.env['TERRAIN_TEST_PICK_FILES'] ?? '').split(':');
    const file = picked[0] ?? '';
    expect(file).not.toBe('');
    const input = { paths: [file], kind: null, map: [], columns: [], files: [] };

    const before = appError(await invoke('inspect_import', { input }));
    expect(before.code).toBe('bad_input');
    expect(before.message).toContain('was not chosen in a file dialog');

    for (const [command, args] of [
      ['import_files', { input: { ...input, paths: ['/etc/passwd'] } }],
      ['export_plan', { input: { path: '/tmp/terrain-shell-test.xlsx' } }],
      ['export_audit_log', { input: { path: '/tmp/terrain-shell-test.xlsx' } }],
      [
        'write_change_set',
        { input: { path: '/tmp/x.csv', format: 'salesforce', since_date: null, since_plan: null } },
      ],
      [
        'save_chart',
        { input: { kind: 'lorenz', period: { from: null, to: null }, path: '/tmp/x.svg' } },
      ],
      ['export_review_pack', { input: { folder: '/tmp', period: { from: null, to: null } } }],
    ] as const) {
      const refused = appError(await invoke(command, args));
      expect({ command, code: refused.code }).toEqual({ command, code: 'bad_input' });
      expect(refused.message).toContain('was not chosen in a file dialog');
    }

    // The e2e run's stand-in for the dialog returns the same files, which then count as picked.
    const chosen = await invoke('pick_import_files');
    expect(chosen.ok).toBe(true);
    const after = await invoke('inspect_import', { input });
    expect(after).toEqual({ ok: true, refusal: '' });
  });

  it('refuses arguments over their bounds, naming the argument', async () => {
    const search = appError(
      await invoke('list_accounts', {
        query: { search: 'x'.repeat(5_000), sort: 'name', descending: false, offset: 0, limit: 50 },
      }),
    );
    expect(search.code).toBe('bad_input');
    expect(search.message).toMatch(/^query\.search is 5000 bytes long/);

    const ids = appError(
      await invoke('move_accounts', {
        input: { account_ids: Array.from({ length: 100_001 }, (_, i) => i + 1), to_rep: null },
      }),
    );
    expect(ids.code).toBe('bad_input');
    expect(ids.message).toMatch(/^input\.account_ids holds 100001 entries/);
  });

  it('blocks nothing the app uses on any screen or dialog under its CSP', async () => {
    const screens = await browser.execute(() =>
      [...document.querySelectorAll('nav[aria-label="Screens"] button[title]')].map((button) =>
        (button.getAttribute('title') ?? '').replace(/ \(Alt\+\d\)$/, ''),
      ),
    );
    expect(screens.length).toBeGreaterThan(3);
    for (const screen of screens) {
      await openScreen(screen);
      await browser.pause(1_000);
    }
    // The import dialog, with the surveyed files' columns and samples.
    await openScreen('Workspace');
    await $('[data-testid="import"]').click();
    await $('[data-testid="import-dialog"]').waitForDisplayed({ timeout: 60_000 });
    await browser.keys('Escape');
    await $('[data-testid="import-dialog"]').waitForDisplayed({ reverse: true });

    const violations = await browser.execute(
      () => (window as unknown as { cspViolations: string[] }).cspViolations,
    );
    expect(violations).toEqual([]);
  });

  it('blocks a remote image and eval, and reports them as violations', async () => {
    const outcome = await browser.executeAsync(
      (done: (result: { evaluated: boolean; violations: string[] }) => void) => {
        const image = document.createElement('img');
        image.src = 'https://example.com/pixel.png';
        document.body.appendChild(image);
        let evaluated = true;
        try {
          (0, eval)('1 + 1');
        } catch {
          evaluated = false;
        }
        // Violation events are dispatched after the blocked load.
        setTimeout(() => {
          image.remove();
          const { cspViolations } = window as unknown as { cspViolations: string[] };
          done({ evaluated, violations: cspViolations });
        }, 1_000);
      },
    );
    expect(outcome.evaluated).toBe(false);
    expect(outcome.violations).toEqual(
      expect.arrayContaining(['img-src https://example.com/pixel.png', 'script-src eval']),
    );
  });
});
