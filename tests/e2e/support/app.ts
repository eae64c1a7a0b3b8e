/**
 * Steps the end-to-end specs share: switching screens from the sidebar, importing the Maven
 * sheets into a fresh workspace through the mapping dialog, waiting for a notice, and keeping a
 * screenshot of a step.
 */
import path from 'node:path';

import { $, $$, browser } from '@wdio/globals';

/** sales_teams, accounts, products and sales_pipeline. */
const MAVEN_SHEETS = 4;

const artifacts = process.env['TERRAIN_E2E_ARTIFACTS'] ?? '';

export async function openScreen(label: string): Promise<void> {
  const button = $(`nav[aria-label="Screens"] button[title^="${label}"]`);
  await button.waitForClickable({ timeout: 30_000 });
  await button.click();
}

/**
 * Imports the four Maven sheets (the file dialog's answer is set by `wdio.conf.ts`): picks
 * them, checks the mapping dialog recognised each one with nothing left to answer, and
 * confirms it.
 */
export async function importMaven(): Promise<void> {
  await openScreen('Workspace');
  await $('[data-testid="import"]').click();
  const dialog = $('[data-testid="import-dialog"]');
  await dialog.waitForDisplayed({ timeout: 60_000 });
  const files = await $$('[data-testid="import-file-tab"]').length;
  if (files !== MAVEN_SHEETS) {
    throw new Error(`the mapping dialog lists ${String(files)} files, not ${String(MAVEN_SHEETS)}`);
  }
  const confirm = $('[data-testid="import-confirm"]');
  await confirm.waitForEnabled({
    timeout: 30_000,
    timeoutMsg: 'the mapping dialog did not allow the import',
  });
  await confirm.click();
  await $('[data-testid="import-report"]').waitForDisplayed({ timeout: 120_000 });
  await dialog.waitForDisplayed({ reverse: true });
}

/** Waits for a confirmation notice containing `text` and returns its whole text. */
export async function confirmation(text: string): Promise<string> {
  let found = '';
  await browser.waitUntil(
    async () => {
      found = await browser.execute(
        (wanted: string) =>
          [...document.querySelectorAll('[data-testid="confirmation"]')]
            .map((notice) => notice.textContent ?? '')
            .find((content) => content.includes(wanted)) ?? '',
        text,
      );
      return found !== '';
    },
    { timeout: 60_000, timeoutMsg: `no notice saying "${text}" appeared` },
  );
  return found;
}

/** Keeps a screenshot of the step in `tests/e2e/artifacts/`. */
export async function screenshot(name: string): Promise<void> {
  if (artifacts !== '') await browser.saveScreenshot(path.join(artifacts, `${name}.png`));
}
