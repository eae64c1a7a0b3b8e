/**
 * WebdriverIO set-up for the end-to-end test of the real app.
 *
 * The run starts its own X server (Xvfb on a free display) and `tauri-driver`, which launches
 * the built binary through WebKitWebDriver. The app inherits tauri-driver's environment, which
 * is how each run gets a fresh empty workspace and answers for the file dialogs that WebDriver
 * cannot drive (see `src-tauri/src/commands/files.rs`).
 *
 * Build the binary first with `npx tauri build --debug --no-bundle` from the repository root
 * (`make e2e` does it): a plain `cargo build` binary loads the dev server instead of the
 * embedded front end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startXvfb, waitForPort } from './support/processes.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
/** CI clones the repository beside `shared/`, which holds the public data sets. */
const dataDir = path.resolve(repo, '..', 'shared', 'data', 'maven-crm-sales-opportunities');
const application = process.env['TERRAIN_E2E_APP'] ?? path.join(repo, 'target', 'debug', 'terrain-app');
const tauriDriver =
  process.env['TAURI_DRIVER'] ?? path.join(process.env['HOME'] ?? '', '.cargo', 'bin', 'tauri-driver');

const artifactsDir = path.join(here, 'artifacts');

let runDir: string | undefined;
let xvfb: ChildProcess | undefined;
let driver: ChildProcess | undefined;

function stopAll(): void {
  driver?.kill();
  xvfb?.kill();
  driver = undefined;
  xvfb = undefined;
}

export const config: WebdriverIO.Config = {
  runner: 'local',
  specs: ['./specs/**/*.ts'],
  maxInstances: 1,
  hostname: '127.0.0.1',
  port: 4444,
  capabilities: [
    {
      browserName: 'wry',
      // tauri-driver speaks WebDriver Classic only; WebdriverIO 9 would try BiDi first.
      'wdio:enforceWebDriverClassic': true,
      'tauri:options': { application },
    } as WebdriverIO.Capabilities,
  ],
  logLevel: 'warn',
  bail: 0,
  waitforTimeout: 20_000,
  connectionRetryTimeout: 60_000,
  connectionRetryCount: 1,
  framework: 'mocha',
  reporters: ['spec'],
  mochaOpts: { ui: 'bdd', timeout: 180_000 },

  onPrepare: async () => {
    if (!existsSync(application)) {
      throw new Error(`${application} is missing; build it with \`make e2e-app\``);
    }
    const files = ['sales_teams', 'accounts', 'products', 'sales_pipeline'].map((name) =>
      path.join(dataDir, `${name}.csv`),
    );
    const missing = files.filter((file) => !existsSync(file));
    if (missing.length > 0) {
      throw new Error(`the test data is missing: ${missing.join(', ')}`);
    }
    rmSync(artifactsDir, { recursive: true, force: true });
    mkdirSync(artifactsDir, { recursive: true });

    // A fresh, empty workspace for every run. The variables are set on this process so the
    // spec workers, which inherit them, know where the export lands.
    runDir = mkdtempSync(path.join(tmpdir(), 'terrain-e2e-'));
    process.env['TERRAIN_WORKSPACE'] = path.join(runDir, 'e2e.terrain');
    process.env['TERRAIN_TEST_PICK_FILES'] = files.join(path.delimiter);
    process.env['TERRAIN_TEST_SAVE_FILE'] = path.join(runDir, 'plan.xlsx');
    process.env['TERRAIN_E2E_ARTIFACTS'] = artifactsDir;
    // No D-Bus session under Xvfb; this keeps GTK from warning about dconf on every start.
    process.env['GSETTINGS_BACKEND'] = 'memory';
    process.env['DISPLAY'] = process.env['TERRAIN_E2E_DISPLAY'] ?? (await startXvfbForRun());

    driver = spawn(tauriDriver, ['--port', '4444'], {
      env: process.env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    driver.on('error', (error) => {
      console.error(`could not start ${tauriDriver}: ${error.message} (run \`make deps\`)`);
    });
    process.once('exit', stopAll);
    await waitForPort('127.0.0.1', 4444, 15_000);
  },

  onComplete: () => {
    stopAll();
    if (runDir) rmSync(runDir, { recursive: true, force: true });
  },
};

async function startXvfbForRun(): Promise<string> {
  const started = await startXvfb('1440x900x24');
  xvfb = started.process;
  return started.display;
}
