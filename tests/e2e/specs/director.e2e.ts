/**
 * A director's first session, end to end in the real app: import the Maven CRM sheets, drag
 * an account to another rep, undo it, and export the plan as a workbook.
 */
import { existsSync, readFileSync } from 'node:fs';

import { $, $$, browser, expect } from '@wdio/globals';

import { importMaven, openScreen, screenshot } from '../support/app.ts';
import { readWorkbook } from '../support/xlsx.ts';

const REPS_IN_MAVEN = 35;
const ACCOUNTS_IN_MAVEN = 85;
const EXPORT_HEADERS = ['Account ID', 'Account', 'Owner', 'Readiness', 'Stage', 'Reasons'];

const exportPath = requiredEnv('TERRAIN_TEST_SAVE_FILE');

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface DragPlan {
  accountId: string;
  fromRep: string;
  toRep: string;
  from: Rect;
  to: Rect;
}

describe('a director imports CRM sheets, moves an account and exports the plan', () => {
  let drag: DragPlan;
  let balanceBefore = '';

  it('imports the four Maven sheets and shows one column per rep', async () => {
    await importMaven();
    await screenshot('1-import-report');

    await openScreen('Territories');
    await browser.waitUntil(async () => (await $$('[data-testid="rep-column"]').length) > 0, {
      timeoutMsg: 'the territories board showed no rep columns',
    });
    await screenshot('2-territories');
    expect(await $$('[data-testid="rep-column"]').length).toBe(REPS_IN_MAVEN);
  });

  it('moves an account to another rep by dragging its card', async () => {
    balanceBefore = await $('[data-testid="balance-cv"]').getText();
    drag = await planDrag();

    const pointer = browser.action('pointer', { parameters: { pointerType: 'mouse' } });
    const start = centre(drag.from);
    const end = {
      x: drag.to.x + drag.to.width / 2,
      y: drag.to.y + Math.min(drag.to.height / 2, 300),
    };
    pointer.move({ x: start.x, y: start.y, origin: 'viewport' }).down({ button: 0 });
    // dnd-kit's pointer sensor starts a drag only after a few pixels and then tracks each
    // move, so the pointer travels in steps rather than jumping.
    const steps = 12;
    for (let step = 1; step <= steps; step += 1) {
      const x = Math.round(start.x + ((end.x - start.x) * step) / steps);
      const y = Math.round(start.y + ((end.y - start.y) * step) / steps);
      pointer.move({ x, y, origin: 'viewport', duration: 40 });
    }
    await pointer.pause(150).up({ button: 0 }).perform();

    await browser.waitUntil(async () => (await ownerOf(drag.accountId)) === drag.toRep, {
      timeoutMsg: `account ${drag.accountId} did not land in rep ${drag.toRep}'s column`,
    });
    await browser.waitUntil(
      async () => (await $('[data-testid="balance-cv"]').getText()) !== balanceBefore,
      { timeoutMsg: `the balance stayed at ${balanceBefore} after the move` },
    );
    await screenshot('3-after-drag');
  });

  it('puts the account back with undo', async () => {
    await $('[data-testid="undo"]').click();

    await browser.waitUntil(async () => (await ownerOf(drag.accountId)) === drag.fromRep, {
      timeoutMsg: `undo did not return account ${drag.accountId} to rep ${drag.fromRep}`,
    });
    await browser.waitUntil(
      async () => (await $('[data-testid="balance-cv"]').getText()) === balanceBefore,
      { timeoutMsg: `the balance did not return to ${balanceBefore} after undo` },
    );
    await screenshot('4-after-undo');
  });

  it('exports the plan as a workbook listing every account', async () => {
    await openScreen('Workspace');
    await $('button*=XLSX').click();
    // The notice appears once the export command has returned, so the file is complete then.
    await browser.waitUntil(() => hasConfirmation('Plan exported'), {
      timeout: 60_000,
      timeoutMsg: 'no "Plan exported" notice appeared',
    });
    expect(existsSync(exportPath)).toBe(true);
    await screenshot('5-exported');

    const file = readFileSync(exportPath);
    expect(file.subarray(0, 2).toString('latin1')).toBe('PK');
    const sheets = [...readWorkbook(file).values()];
    const accounts = sheets.find((rows) => rows.some((row) => row.includes('Account ID')));
    if (!accounts) throw new Error('no sheet of the export has an "Account ID" header');
    const headerIndex = accounts.findIndex((row) => row.includes('Account ID'));
    const header = accounts[headerIndex] ?? [];
    for (const name of EXPORT_HEADERS) expect(header).toContain(name);
    const rows = accounts.slice(headerIndex + 1).filter((row) => row.some((cell) => cell !== ''));
    expect(rows.length).toBe(ACCOUNTS_IN_MAVEN);
  });
});

/**
 * Picks the first unlocked card of the first rep who has one, and a neighbouring rep whose
 * column is fully on screen to drop it on. Rectangles are in viewport pixels, as the pointer
 * actions use them.
 */
async function planDrag(): Promise<DragPlan> {
  const plan = await browser.execute(() => {
    const rect = (element: Element) => {
      const box = element.getBoundingClientRect();
      return { x: box.x, y: box.y, width: box.width, height: box.height };
    };
    const columns = [...document.querySelectorAll('[data-testid="rep-column"]')];
    for (const [index, column] of columns.entries()) {
      const card = [...column.querySelectorAll('[data-testid="account-card"]')].find(
        (candidate) => !candidate.querySelector('[data-testid="lock-icon"]'),
      );
      if (!card) continue;
      card.scrollIntoView({ block: 'center', inline: 'center' });
      const onScreen = (other: Element) => {
        const box = other.getBoundingClientRect();
        return box.left >= 0 && box.right <= window.innerWidth;
      };
      const target = [columns[index + 1], columns[index - 1]].find(
        (other) => other !== undefined && onScreen(other),
      );
      if (!target) continue;
      return {
        accountId: card.getAttribute('data-account-id') ?? '',
        fromRep: column.getAttribute('data-rep-id') ?? '',
        toRep: target.getAttribute('data-rep-id') ?? '',
        from: rect(card),
        to: rect(target),
      };
    }
    return null;
  });
  if (!plan) throw new Error('no rep column holds an unlocked card beside another rep column');
  return plan;
}

/** The rep id of the column that shows the account's card, or '' when none does. */
async function ownerOf(accountId: string): Promise<string> {
  return browser.execute((id: string) => {
    const card = document.querySelector(`[data-testid="account-card"][data-account-id="${id}"]`);
    return card?.closest('[data-testid="rep-column"]')?.getAttribute('data-rep-id') ?? '';
  }, accountId);
}

async function hasConfirmation(title: string): Promise<boolean> {
  return browser.execute(
    (text: string) =>
      [...document.querySelectorAll('[data-testid="confirmation"]')].some((notice) =>
        notice.textContent?.includes(text),
      ),
    title,
  );
}

function centre(rect: Rect): { x: number; y: number } {
  return { x: Math.round(rect.x + rect.width / 2), y: Math.round(rect.y + rect.height / 2) };
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run the test through wdio.conf.ts`);
  return value;
}
