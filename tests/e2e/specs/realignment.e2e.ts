/**
 * The quarterly realignment, end to end in the real app: build a draft beside the active plan,
 * edit it, activate it (a backup copy is written first), and undo the activation.
 */
import { existsSync } from 'node:fs';

import { $, $$, browser, expect } from '@wdio/globals';

import { confirmation, importMaven, openScreen, screenshot } from '../support/app.ts';

/** Every account's rep id on the board shown ('' for the pool). */
type Owners = Record<string, string>;

describe('a director builds a quarterly draft, activates it and undoes it', () => {
  let active: Owners = {};
  let drafted: Owners = {};

  it('builds a draft from scratch and shows it beside the active plan', async () => {
    await openScreen('Territories');
    if ((await $$('[data-testid="rep-column"]').length) === 0) {
      await importMaven();
      await openScreen('Territories');
    }
    await browser.waitUntil(async () => (await $$('[data-testid="rep-column"]').length) > 0, {
      timeoutMsg: 'the territories board showed no rep columns',
    });
    active = await owners();

    await $('[data-testid="realign-open"]').click();
    await $('[data-testid="realign-dialog"]').waitForDisplayed();
    await $('[data-testid="realign-create"]').click();
    await $('[data-testid="draft-panel"]').waitForDisplayed({
      timeout: 60_000,
    });
    await screenshot('realign-1-draft');

    expect(await $('[data-testid="show-draft"]').getAttribute('aria-selected')).toBe('true');
    expect(await $('[data-testid="draft-headline"]').getText()).toMatch(/^The draft moves/);
    expect(await $$('[data-testid="draft-rep"]').length).toBeGreaterThan(0);
  });

  it('edits the draft with Move to… and leaves the active plan as it was', async () => {
    const before = await owners();
    const card = await $('[data-testid="rep-column"] [data-testid="account-card"]');
    const accountId = (await card.getAttribute('data-account-id')) ?? '';
    const from = before[accountId] ?? '';
    const to = Object.values(before).find((rep) => rep !== '' && rep !== from) ?? '';
    await card.click();
    await $('[data-testid="move-to"]').selectByAttribute('value', to);
    await browser.waitUntil(async () => (await owners())[accountId] === to, {
      timeoutMsg: `account ${accountId} did not move to rep ${to} in the draft`,
    });
    drafted = await owners();

    await $('[data-testid="show-active"]').click();
    await browser.waitUntil(async () => sameOwners(await owners(), active), {
      timeoutMsg: 'the active plan changed while the draft was edited',
    });
    await $('[data-testid="show-draft"]').click();
    await browser.waitUntil(async () => sameOwners(await owners(), drafted), {
      timeoutMsg: 'the draft board did not come back with the edit',
    });
  });

  it('activates the draft after a backup copy, and undo brings the old plan back', async () => {
    await $('[data-testid="activate-draft"]').click();
    await $('[data-testid="activate-confirm"]').click();
    const notice = await confirmation('is active');
    await screenshot('realign-2-activated');
    const backup = /at (\S+\.terrain)\./.exec(notice)?.[1];
    expect(backup).toBeDefined();
    expect(existsSync(backup ?? '')).toBe(true);

    await browser.waitUntil(async () => sameOwners(await owners(), drafted), {
      timeoutMsg: 'the board did not show the activated plan',
    });
    expect(await $('[data-testid="draft-panel"]').isExisting()).toBe(false);

    await $('[data-testid="undo"]').click();
    await browser.waitUntil(async () => sameOwners(await owners(), active), {
      timeoutMsg: 'undo did not restore the owners of the previous plan',
    });
    await $('[data-testid="show-draft"]').waitForDisplayed();
    await screenshot('realign-3-undone');
  });
});

/**
 * Reads the owners from the board. The columns are virtualised, so only cards in view are in
 * the page; the comparison covers those, which is every card of the Maven books (2 or 3 each).
 */
async function owners(): Promise<Owners> {
  return browser.execute(() => {
    const found: Record<string, string> = {};
    for (const card of document.querySelectorAll('[data-testid="account-card"]')) {
      const id = card.getAttribute('data-account-id') ?? '';
      found[id] = card.closest('[data-testid="rep-column"]')?.getAttribute('data-rep-id') ?? '';
    }
    return found;
  });
}

function sameOwners(shown: Owners, expected: Owners): boolean {
  const ids = Object.keys(expected);
  return ids.length > 0 && ids.every((id) => shown[id] === expected[id]);
}
