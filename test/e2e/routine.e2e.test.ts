/**
 * The guide's practice routine end to end in real Chromium against the real loopback adapter,
 * services and Whisper: write two stories with drafts, tell one of them against two questions from
 * the matrix (a near-verbatim reading of its draft, then a free retelling with one figure changed),
 * see the told-vs-written comparison flag the reading as recited and not the retelling, see the
 * matrix, then run a four-question mock panel and read its report. Each recording has its own
 * espeak-ng answer, so each gets its own Chromium (the fake microphone plays one file); the data
 * folder carries over. Screenshots: test-results/e2e-routine-*.png.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { speakToWav, type AnswerAudio } from './answer-audio.ts';
import {
  assertE2ePrerequisites,
  launchChromium,
  screenshot,
  makeWorkDir,
  removeWorkDir,
} from './browser.ts';
import { startAppServer, type RunningServer } from './loopback-server.ts';
import { MODEL_WAIT_MS } from '../waits.ts';

// Written for this test.
const INCIDENT_DRAFT = [
  'Last spring the nightly orders pipeline in Airflow failed after a vendor changed their export format.',
  'I was on call and got paged at two in the morning because the revenue dashboard had gone stale.',
  'My task was to restore the dashboard before the finance review at nine without loading bad rows.',
  'I paused the downstream dbt models, wrote a parser for the new format, and backfilled the three missing days.',
  'Then I added a schema contract test on the vendor file, so a format change now fails loudly at ingestion.',
  'The dashboard was current by seven, finance closed the month on time, and we have had zero format incidents since.',
  'The fix also cut our retry cost by $4,800 a month.',
].join(' ');

const RETELLING = [
  'So this one is about our orders pipeline.',
  'A vendor quietly switched how they export files, and the nightly load broke.',
  'I had the pager that week, and the alert woke me up around two because revenue numbers stopped updating.',
  'What I needed was the dashboard fixed before finance met at nine, with no bad rows getting in.',
  'First I stopped the dbt models downstream, then I wrote a new parser and backfilled the days we missed.',
  'After that I put a contract test on the vendor file, so if the format changes again, ingestion fails right away.',
  'By seven the dashboard was current, and finance closed the month on time.',
  'And the retries now cost about $6,000 a month less.',
].join(' ');

const COST_DRAFT = [
  'Our Snowflake bill had grown forty percent in one quarter.',
  'Finance asked me to renegotiate the contract, but the real problem was two dbt models doing full table scans every fifteen minutes.',
  'I clustered the events table, made both models incremental and paused idle warehouses.',
  'Spend dropped by $11,000 a month and we did not miss a single SLA.',
].join(' ');

const PANEL_ANSWER = [
  'A vendor changed their export format and our orders pipeline broke overnight.',
  'I was on call, so I paused the dbt models, wrote a new parser and backfilled the missing days.',
  'Then I added a contract test on the vendor file.',
  'The dashboard was current by seven and finance closed the month on time.',
].join(' ');

/** Whisper work on a busy machine: up to four queued answers (the panel) behind a model load. */
const WHISPER_WAIT_MS = 2 * MODEL_WAIT_MS;

let workDir: string;
let server: RunningServer | null = null;
let browser: BrowserContext | null = null;
let page: Page;
const audio: Record<string, AnswerAudio> = {};

beforeAll(async () => {
  assertE2ePrerequisites(['whisper-base']);
  workDir = makeWorkDir('routine');
  audio.verbatim = speakToWav(workDir, 'verbatim', INCIDENT_DRAFT, { leadingSilenceSec: 5 });
  audio.retelling = speakToWav(workDir, 'retelling', RETELLING, { leadingSilenceSec: 5 });
  audio.panel = speakToWav(workDir, 'panel', PANEL_ANSWER, { leadingSilenceSec: 5 });
  server = await startAppServer(join(workDir, 'data'));
});

afterEach(async () => {
  await browser?.close();
  browser = null;
});

afterAll(async () => {
  await server?.stop();
  removeWorkDir(workDir);
});

/** A fresh Chromium whose microphone plays `speech`, at the app. */
async function openApp(speech?: AnswerAudio, name = 'profile'): Promise<void> {
  ({ browser, page } = await launchChromium({
    profileDir: join(workDir, `${name}-${Date.now()}`),
    ...(speech ? { fakeAudioFile: speech.path } : {}),
  }));
  await page.goto(server!.url);
  await page.getByRole('heading', { name: 'Pick a question' }).waitFor();
}

const nav = (name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true });

/** On the record screen: count in, let the microphone's file play out, stop. */
async function answer(speech: AnswerAudio): Promise<void> {
  await page.locator('.record__controls button:enabled').waitFor({ timeout: WHISPER_WAIT_MS });
  const micOpenedAt = Date.now();
  await page.keyboard.press('Space');
  const stop = page.getByRole('button', { name: /^Stop/ });
  await stop.waitFor({ timeout: 30_000 });
  const speechEndsAt = micOpenedAt + (speech.leadingSilenceSec + speech.speechSec + 1) * 1000;
  await page.waitForTimeout(Math.max(0, speechEndsAt - Date.now()));
  await stop.click();
}

async function writeStory(title: string, kind: string, draft: string): Promise<void> {
  await page.getByRole('button', { name: 'New story' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByRole('checkbox', { name: kind, exact: true }).check();
  await page.getByLabel(/^Draft/).fill(draft);
  await page.getByRole('button', { name: 'Save story' }).click();
  await page.locator('.story-row').filter({ hasText: title }).waitFor();
}

/** Starts an answer from the matrix cell of a story and a question. */
async function tellFromMatrix(title: string, question: RegExp): Promise<void> {
  await nav('Stories').click();
  await page.getByRole('tab', { name: 'Story × question' }).click();
  const cells = page.locator('.matrix__button');
  // The matrix renders once the stories and attempts have loaded.
  await cells.first().waitFor();
  const labels = await cells.evaluateAll((buttons) =>
    buttons.map((button) => button.getAttribute('aria-label') ?? ''),
  );
  const index = labels.findIndex(
    (label) => label.startsWith(`Tell “${title}” to `) && question.test(label),
  );
  expect(index, `a matrix cell for ${title} × ${question}`).toBeGreaterThanOrEqual(0);
  await cells.nth(index).click();
  await expect(page.locator('.record__question .eyebrow').textContent()).resolves.toContain(title);
}

/** What the told-vs-written panel of the current review says. */
async function toldVsWritten(): Promise<{ recited: boolean; text: string }> {
  const told = page.locator('.told');
  await told.waitFor({ timeout: 30_000 });
  const text = await told.innerText();
  return { recited: /sounds recited/u.test(text), text };
}

describe('the practice routine in Chromium', () => {
  it('writes two stories and checks a draft on paper', async () => {
    await openApp();
    await nav('Stories').click();
    await page.getByRole('heading', { name: 'Your stories' }).waitFor();
    await writeStory('Orders outage', 'Incident', INCIDENT_DRAFT);
    await expect(page.locator('.story-editor').innerText()).resolves.toMatch(/\d+ \/ 250 words/u);
    await expect(page.locator('.draft-check').innerText()).resolves.toMatch(/On paper: \d+/u);
    await writeStory('Snowflake bill', 'Cost-cutting win', COST_DRAFT);
    const summary = await page.locator('.inventory__summary').innerText();
    expect(summary).toMatch(/2 stories/u);
    expect(summary).toMatch(/Still uncovered: Migration, Schema change, Stakeholder conflict/u);
    await screenshot(page, 'routine-stories');
  });

  it('flags a near-verbatim reading of the draft as recited', async () => {
    await openApp(audio.verbatim!, 'verbatim');
    await tellFromMatrix('Orders outage', /pipeline that broke in production/u);
    await answer(audio.verbatim!);
    await page.locator('.transcript').waitFor({ timeout: WHISPER_WAIT_MS });
    const told = await toldVsWritten();
    console.log(`e2e routine: verbatim reading → ${told.text.replace(/\s+/gu, ' ')}`);
    expect(told.recited).toBe(true);
    await screenshot(page, 'routine-told-verbatim');
  });

  it('does not flag a free retelling, and shows kept points and the changed figure', async () => {
    await openApp(audio.retelling!, 'retelling');
    await tellFromMatrix('Orders outage', /missed an SLA/u);
    await answer(audio.retelling!);
    await page.locator('.transcript').waitFor({ timeout: WHISPER_WAIT_MS });
    const told = await toldVsWritten();
    console.log(`e2e routine: free retelling → ${told.text.replace(/\s+/gu, ' ')}`);
    expect(told.recited).toBe(false);
    // espeak's "pager" is not always heard as such, so the on-call moment is not asserted here.
    expect(told.text).toMatch(/Post-incident change kept/u);
    expect(told.text).toMatch(/Result kept/u);
    expect(told.text).toMatch(/Number changed: “\$4,800” — you said “\$6,000”/u);
    // The same figure drifted from the previous telling (the verbatim reading) too; how the
    // recogniser wrote that earlier figure varies ("$4,800", "$4,800,000"), the drift must show.
    expect(told.text).toMatch(/Last telling said “\$4,800[^”]*”, this one “\$6,000”/u);
    await screenshot(page, 'routine-told-retelling');

    const startedAt = Date.now();
    await nav('Stories').click();
    await page.getByRole('tab', { name: 'Story × question' }).click();
    await page.locator('.matrix__table').waitFor();
    console.log(`e2e routine: matrix shown ${Date.now() - startedAt} ms after the click`);
    const told2 = await page
      .locator('.matrix__button')
      .filter({ hasText: /1× · best/u })
      .count();
    expect(told2, 'two cells hold one attempt each').toBe(2);
    await screenshot(page, 'routine-matrix');
  });

  it('runs a four-question mock panel and reports it', async () => {
    await openApp(audio.panel!, 'panel');
    await nav('Mock panel').click();
    await page.getByLabel('Questions').selectOption('4');
    await page.getByRole('button', { name: 'Start the panel' }).click();
    for (let question = 1; question <= 4; question += 1) {
      // The next question follows the last one's Stop (once its audio is saved), with no review.
      await page
        .locator('.record__question .eyebrow', { hasText: `question ${question} of 4` })
        .waitFor({ timeout: WHISPER_WAIT_MS });
      if (question === 1) {
        await expect(page.locator('.record__prompt').innerText()).resolves.toMatch(
          /pipeline that broke in production/u,
        );
      }
      await answer(audio.panel!);
    }
    const lastStop = Date.now();
    const report = page.locator('.panel-report');
    await report.waitFor({ timeout: WHISPER_WAIT_MS });
    console.log(`e2e routine: panel report shown ${Date.now() - lastStop} ms after the last Stop`);
    const rows = report.locator('tbody tr');
    await expect(rows.count()).resolves.toBe(4);
    const text = await report.innerText();
    console.log(`e2e routine: panel report → ${text.replace(/\s+/gu, ' ')}`);
    expect(text).toMatch(/4 answers in \d+:\d\d/u);
    // Every answer told the same story: detected from its draft, and a collision.
    expect(text).toMatch(/Orders outage/u);
    expect(text).toMatch(/was told \d times in one panel/u);
    await screenshot(page, 'routine-panel-report');
  });
});
