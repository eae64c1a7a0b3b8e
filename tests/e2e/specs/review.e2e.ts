/**
 * The daily review and the audit log, end to end in the real app: an account worth working
 * waits in the pool, the review proposes bringing it back with a reason, the director accepts
 * and finishes, the review is then empty, and the History screen lists the review's moves.
 */

import { $, $$, browser, expect } from '@wdio/globals';

import { confirmation, importMaven, openScreen, screenshot } from '../support/app.ts';

describe('a director reviews the day and reads the history', () => {
  let accountId = '';

  it('sends an account to the pool, unlocked, so the engine may place it again', async () => {
    await openScreen('Territories');
    if ((await $$('[data-testid="rep-column"]').length) === 0) {
      await importMaven();
      await openScreen('Territories');
    }
    await browser.waitUntil(async () => (await $$('[data-testid="rep-column"]').length) > 0, {
      timeoutMsg: 'the territories board showed no rep columns',
    });
    // The draft left by an earlier spec is not what this one edits.
    if (await $('[data-testid="show-active"]').isExisting()) {
      await $('[data-testid="show-active"]').click();
    }
    const card = await $('[data-testid="rep-column"] [data-testid="account-card"]');
    accountId = (await card.getAttribute('data-account-id')) ?? '';
    await card.click();
    await $('[data-testid="move-to"]').selectByAttribute('value', 'pool');
    const inPool = `[data-testid="pool-column"] [data-testid="account-card"][data-account-id="${accountId}"]`;
    await $(inPool).waitForExist({
      timeoutMsg: `account ${accountId} did not reach the pool`,
    });

    // A move to the pool does not lock the account, so the review may place it again.
    expect(await $(`${inPool} [data-testid="lock-icon"]`).isExisting()).toBe(false);
  });

  it('proposes bringing the account back with a reason, and finishing leaves nothing', async () => {
    await openScreen('Review');
    await $('[data-testid="proposals"]').waitForDisplayed({ timeout: 60_000 });
    const row = $(`[data-testid="proposal"][data-account-id="${accountId}"]`);
    await row.waitForExist({
      timeoutMsg: `account ${accountId} was not proposed`,
    });
    expect(await row.getText()).toMatch(/to .+: readiness \d\.\d\d/);
    await screenshot('review-1-proposals');

    await $('[data-testid="accept-all"]').click();
    await $('[data-testid="finish-review"]').click();
    await confirmation('Review finished');
    await $('.empty-title=Nothing to move today').waitForExist({
      timeout: 30_000,
    });
    expect(await $$('[data-testid="proposal"]').length).toBe(0);
    await screenshot('review-2-finished');
  });

  it('lists the review in the history with the accounts it moved', async () => {
    await openScreen('History');
    const newest = $('[data-testid="audit-entry"]');
    await newest.waitForExist({ timeout: 30_000 });
    expect(await newest.getAttribute('data-action')).toBe('review');
    // WebKit's driver clicks cells, not table rows.
    await newest.$('td').click();
    await $('[data-testid="audit-detail"]').waitForDisplayed();
    await browser.waitUntil(async () => (await $$('[data-testid="audit-change"]').length) > 0, {
      timeoutMsg: 'the review entry showed no changes',
    });
    await screenshot('review-3-history');
  });
});
