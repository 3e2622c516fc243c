/**
 * Settings end to end in real Chromium against the real loopback adapter, services and Whisper:
 * the screen shows, a bad models folder gets its error next to the field (and nothing is saved),
 * switching to whisper-tiny loads it and persists across a reload. Then the download and the
 * model-problem states, with the engine status answered by Playwright (a real download needs the
 * network), to check and photograph what the user sees. Screenshots: test-results/e2e-settings*.png.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../shared/ipc/contract.ts';
import {
  assertE2ePrerequisites,
  launchChromium,
  MODELS_DIR,
  screenshot as saveScreenshot,
  makeWorkDir,
  removeWorkDir,
} from './browser.ts';
import { startAppServer, type RunningServer } from './loopback-server.ts';
import { MODEL_WAIT_MS } from '../waits.ts';

let workDir: string;
let server: RunningServer | null = null;
let browser: BrowserContext | null = null;
let page: Page;

const screenshot = (name: string) => saveScreenshot(page, name);

const navSettings = () =>
  page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'Settings', exact: true });
const folderField = () => page.getByLabel('Models folder');
const badge = () => page.locator('.engine-badge');

/** Answers getEngineStatus with `status` (the real engine is ready; this shows the other states). */
async function pretendEngine(status: EngineStatus) {
  await page.unroute('**/api/getEngineStatus');
  await page.route('**/api/getEngineStatus', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(status) }),
  );
  await page.reload();
  await page.getByRole('heading', { name: 'Pick a question' }).waitFor();
}

beforeAll(async () => {
  assertE2ePrerequisites(['whisper-base', 'whisper-tiny']);
  workDir = makeWorkDir('settings');
  server = await startAppServer(join(workDir, 'data'));
  // A fresh profile per run.
  ({ browser, page } = await launchChromium({ profileDir: join(workDir, 'chromium-profile') }));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  removeWorkDir(workDir);
});

describe('Settings in Chromium', () => {
  it('refuses a bad models folder next to the field, and switching to whisper-tiny persists across a reload', async () => {
    await page.goto(server!.url);
    await page.getByRole('heading', { name: 'Pick a question' }).waitFor();
    await navSettings().click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await expect(navSettings().getAttribute('aria-current')).resolves.toBe('page');
    const base = page.getByRole('radio', { name: /Whisper base/ });
    const tiny = page.getByRole('radio', { name: /Whisper tiny/ });
    await base.and(page.locator(':checked')).waitFor();
    await expect(tiny.isChecked()).resolves.toBe(false);
    await expect(page.getByText('More accurate. Recommended.').isVisible()).resolves.toBe(true);
    await page
      .getByText('Whisper base is ready.', { exact: false })
      .waitFor({ timeout: MODEL_WAIT_MS });

    // A folder that does not exist: the error sits by the field, nothing is saved.
    const missing = join(workDir, 'no-such-folder');
    await folderField().fill(missing);
    await page.getByRole('button', { name: 'Use this folder' }).click();
    const folderError = page.locator('.settings__folder .field-error');
    await folderError.waitFor();
    await expect(folderError.innerText()).resolves.toBe(
      `The folder ${missing} does not exist. Choose the folder that holds the model folders, or clear the field to use the bundled models.`,
    );
    await expect(folderField().getAttribute('aria-invalid')).resolves.toBe('true');
    // A folder that exists but holds no model.
    await folderField().fill(workDir);
    await page.getByRole('button', { name: 'Use this folder' }).click();
    await page
      .getByText(`${workDir} does not hold Whisper base: there is no whisper-base folder in it.`, {
        exact: false,
      })
      .waitFor();
    const settingsFile = join(workDir, 'data', 'settings.json');
    expect(existsSync(settingsFile), 'a refused folder is not saved (nothing was saved yet)').toBe(
      false,
    );

    // The real models folder is accepted, then whisper-tiny loads from it.
    await folderField().fill(MODELS_DIR);
    await page.getByRole('button', { name: 'Use this folder' }).click();
    await page.getByText(`Saved. Models come from ${MODELS_DIR}.`).waitFor();
    await expect(folderError.count()).resolves.toBe(0);
    await tiny.click();
    await page.getByText('Saved. Rehearse now uses Whisper tiny.').waitFor();
    await badge().getByText('Whisper tiny · on this computer').waitFor({ timeout: MODEL_WAIT_MS });

    // After a reload the choice is still there, from the main side.
    await page.reload();
    await navSettings().click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page
      .getByRole('radio', { name: /Whisper tiny/ })
      .and(page.locator(':checked'))
      .waitFor();
    await expect(folderField().inputValue()).resolves.toBe(MODELS_DIR);
    await expect(badge().innerText()).resolves.toMatch(/Whisper tiny · on this computer/);
    expect(JSON.parse(readFileSync(join(workDir, 'data', 'settings.json'), 'utf8'))).toMatchObject({
      model: 'whisper-tiny',
      modelsDir: MODELS_DIR,
    });
    await folderField().fill('relative/models');
    await page.getByRole('button', { name: 'Use this folder' }).click();
    await page.getByText('"relative/models" is not a full path.', { exact: false }).waitFor();
    await screenshot('settings');
  });

  it('shows a model download with a real progress bar, on Home and in the badge', async () => {
    await pretendEngine({
      state: 'downloading',
      model: 'whisper-tiny', // the model chosen above
      download: { loadedBytes: 19_000_000, totalBytes: 45_209_522 },
    });
    const bar = page.getByRole('progressbar', { name: 'Downloading Whisper tiny' });
    await bar.waitFor();
    await expect(bar.getAttribute('aria-valuenow')).resolves.toBe('42');
    await expect(bar.getAttribute('aria-valuetext')).resolves.toBe('19.0 MB of 45.2 MB · 42%');
    await expect(page.getByText('19.0 MB of 45.2 MB · 42%').isVisible()).resolves.toBe(true);
    await expect(badge().innerText()).resolves.toMatch(/Whisper tiny · downloading\s*42%/);
    await expect(badge().getAttribute('title')).resolves.toBe(
      'Downloading Whisper tiny: 19.0 MB of 45.2 MB · 42%',
    );
    await screenshot('settings-download');
    // Settings shows the same download inside the model section.
    await navSettings().click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await expect(
      page
        .getByRole('progressbar', { name: 'Downloading Whisper tiny' })
        .getAttribute('aria-valuenow'),
    ).resolves.toBe('42');
    await screenshot('settings-downloading-in-settings');
  });

  it('says what to do when the model is missing, with Retry and Open settings', async () => {
    const message =
      'Model whisper-tiny was not found in /opt/rehearse/models. Run "npm run fetch-models" (needs internet), or point REHEARSE_MODELS_DIR at a folder that holds whisper-tiny/.';
    await pretendEngine({
      state: 'error',
      model: 'whisper-tiny',
      error: { code: 'MODEL_NOT_FOUND', message },
    });
    const problem = page.locator('.model-problem');
    await problem.waitFor();
    await expect(problem.innerText()).resolves.toContain(message);
    await expect(problem.innerText()).resolves.toContain(
      'Or choose a folder that holds the model in Settings.',
    );
    await expect(page.getByRole('button', { name: 'Start answering' }).isEnabled()).resolves.toBe(
      true,
    );
    await screenshot('settings-model-missing');
    await problem.getByRole('button', { name: 'Open settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();

    // Retry (from Settings, beside the problem) really reloads the model: the main side's events
    // take the status through loading to ready.
    await page.unroute('**/api/getEngineStatus');
    await page.locator('.settings .model-problem').getByRole('button', { name: 'Retry' }).click();
    await page
      .getByText('Whisper tiny is ready.', { exact: false })
      .waitFor({ timeout: MODEL_WAIT_MS });
    await expect(page.locator('.model-problem').count()).resolves.toBe(0);
  });
});
