/**
 * Backups in the real app: Workspace › Backups… makes a verified copy now, lists it newest
 * first, and restores it after asking, keeping the state it replaces as a copy of its own.
 * The workspace's content is the same before and after, so the specs that follow are not
 * affected.
 */
import { existsSync } from 'node:fs';

import { $, $$, browser, expect } from '@wdio/globals';

import { confirmation, openScreen, screenshot } from '../support/app.ts';

async function rowTexts(): Promise<string[]> {
  const rows = await $$('[data-testid="backup-row"]').getElements();
  const texts: string[] = [];
  for (const row of rows) texts.push(await row.getText());
  return texts;
}

describe('a director makes a backup and restores it', () => {
  it('makes a verified copy now and lists it first', async () => {
    await openScreen('Workspace');
    await $('[data-testid="backups-open"]').click();
    await $('[data-testid="backups-dialog"]').waitForDisplayed();
    const before = (await rowTexts()).length;

    await $('[data-testid="back-up-now"]').click();
    const notice = await confirmation('was written and verified');
    const name = /(\S+\.terrain) was written/.exec(notice)?.[1] ?? '';
    expect(name).toMatch(/-manual\.terrain$/);
    await browser.waitUntil(async () => (await rowTexts()).length === before + 1, {
      timeoutMsg: 'the new copy was not listed',
    });
    expect((await rowTexts())[0]).toContain('made by hand');
    await screenshot('backups-1-dialog');
  });

  it('restores the copy after asking, and keeps the replaced state as a copy', async () => {
    const first = $('[data-testid="backup-row"]');
    const path = (await first.getAttribute('title')) ?? '';
    expect(existsSync(path)).toBe(true);
    await first.$('button=Restore…').click();
    const confirm = $('[data-testid="restore-confirm"]');
    await confirm.waitForDisplayed();
    await screenshot('backups-2-confirm');
    await confirm.click();

    const notice = await confirmation('Workspace restored');
    expect(notice).toMatch(/kept as \S+-restore\.terrain/);
    await $('[data-testid="backups-dialog"]').waitForDisplayed({
      reverse: true,
    });
    expect(existsSync(path)).toBe(true);
  });
});
