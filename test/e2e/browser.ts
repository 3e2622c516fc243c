/**
 * What the e2e tests share: where things are (repo, models, Chromium, screenshots), the checks that
 * must pass before a run, and Chromium launched with a fresh profile and a fake microphone.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const REPO_DIR = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const SHARED_DIR = resolve(
  process.env.REHEARSE_SHARED_DIR ?? join(REPO_DIR, '..', 'shared'),
);
export const MODELS_DIR = resolve(process.env.REHEARSE_MODELS_DIR ?? join(SHARED_DIR, 'models'));
export const CHROMIUM = process.env.REHEARSE_CHROMIUM ?? '/usr/bin/chromium';
export const RESULTS_DIR = join(REPO_DIR, 'test-results');

/**
 * Throws, saying what to do, when a model in `models`, Chromium or the built renderer is missing;
 * then makes sure the screenshots folder exists.
 */
export function assertE2ePrerequisites(models: readonly string[]): void {
  for (const model of models) {
    if (!existsSync(join(MODELS_DIR, model))) {
      throw new Error(
        `The e2e needs ${model} in ${MODELS_DIR} (set REHEARSE_SHARED_DIR or REHEARSE_MODELS_DIR).`,
      );
    }
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The e2e needs Chromium at ${CHROMIUM} (apt-get install chromium, or set REHEARSE_CHROMIUM).`,
    );
  }
  if (!existsSync(join(REPO_DIR, 'out', 'renderer', 'index.html'))) {
    throw new Error(
      'The renderer is not built: run "npm run build:renderer" (npm run test:e2e does it first).',
    );
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
}

export interface LaunchOptions {
  /** A fresh folder for this run's profile (launchPersistentContext is how Playwright takes --user-data-dir). */
  profileDir: string;
  /** A WAV the fake microphone plays once when the capture opens; without it Chromium's fake tone. */
  fakeAudioFile?: string;
}

/** Chromium with a fake microphone the page may use without asking; page errors go to the log. */
export async function launchChromium({
  profileDir,
  fakeAudioFile,
}: LaunchOptions): Promise<{ browser: BrowserContext; page: Page }> {
  const browser = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    viewport: { width: 1200, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      ...(fakeAudioFile
        ? [
            `--use-file-for-fake-audio-capture=${fakeAudioFile}%noloop`,
            '--autoplay-policy=no-user-gesture-required',
          ]
        : []),
    ],
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') console.error(`console: ${message.text()}`);
  });
  return { browser, page };
}

/** Saves a full-page screenshot as test-results/e2e-<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(RESULTS_DIR, `e2e-${name}.png`), fullPage: true });
}

/** A fresh folder for one e2e file (data folder, Chromium profile, generated audio). */
export function makeWorkDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `rehearse-e2e-${name}-`));
}

/** Removes the e2e file's folder, unless REHEARSE_E2E_KEEP asks to keep it for a look. */
export function removeWorkDir(dir: string | undefined): void {
  if (dir && !process.env.REHEARSE_E2E_KEEP) rmSync(dir, { recursive: true, force: true });
}
