/**
 * The review as a report, comparison, Progress and export, in real Chromium against the real
 * loopback adapter, services and analysis, with attempts seeded through the API by a scripted
 * engine (no Whisper: the transcripts are given). axe-core runs on every screen it shows.
 * Screenshots: test-results/e2e-report-*.png.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttemptDetail, QuestionRef } from '../../shared/ipc/contract.ts';
import { ANSWER_TEXT } from './answer-audio.ts';
import { seriousViolations } from './axe.ts';
import { screenshot as saveScreenshot } from './browser.ts';
import { openSeededApp, type SeededApp, type SeededServer } from './seed.ts';

const QUESTION: QuestionRef = {
  id: 'pipeline-broke',
  prompt: 'Tell me about a pipeline that broke in production. What did you do?',
  kind: 'incident',
  custom: false,
};

/** The same story told better: fewer fillers, no aside. */
const BETTER_TEXT = ANSWER_TEXT.replace(/\b(um|uh|you know|basically),?\s*/giu, '').replace(
  /By the way[^.]*\.\s*/u,
  '',
);

let app: SeededApp | null = null;
let workDir: string;
/** The recording as stored in the seeded server's data folder. */
const recordingBytes = (attemptId: string) =>
  readFileSync(join(seeded.server.dataDir, 'attempts', attemptId, 'recording.wav'));
let seeded: SeededServer;
let page: Page;
const attempts: AttemptDetail[] = [];

beforeAll(async () => {
  app = await openSeededApp('report');
  ({ workDir, seeded, page } = app);
  attempts.push(await seeded.addAttempt(QUESTION, ANSWER_TEXT, 150));
  attempts.push(await seeded.addAttempt(QUESTION, BETTER_TEXT, 120));
});

afterAll(async () => {
  await app?.close();
});

describe('The review as a report', () => {
  it('shows score, next step and transcript in the first screenful', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.goto(seeded.server.url);
    await page.getByRole('heading', { name: 'Pick a question' }).waitFor();
    await page.getByRole('button', { name: 'History' }).click();
    await page.locator('.attempt').first().waitFor();
    await saveScreenshot(page, 'report-history');
    expect(await seriousViolations(page, 'History')).toEqual([]);
    // The first, weaker attempt: more to coach.
    await page.locator('.attempt').nth(1).getByRole('button', { name: 'Open' }).click();
    await page.locator('.transcript').waitFor();
    await page
      .locator('[data-testid="player-position"]:not([data-duration="0.0"])')
      .waitFor({ timeout: 30_000 });
    await page.screenshot({ path: 'test-results/e2e-report-review-1024.png' });
    await saveScreenshot(page, 'report-review-1024-full');
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.screenshot({ path: 'test-results/e2e-report-review-1600.png' });
    expect(await seriousViolations(page, 'Review')).toEqual([]);
  });

  it('takes focus to the heading, plays a finding from a second before it, and keeps Space for play/pause', async () => {
    await expect(
      page.evaluate("document.activeElement?.classList.contains('review__prompt')"),
    ).resolves.toBe(true);
    // No rule codes on screen.
    await expect(page.locator('main').innerText()).resolves.not.toMatch(
      /\b(?:star|pitfall|delivery|result|length|tradeoff)\.[a-z-]+/,
    );
    const playButton = page.locator('.player__play');
    const finding = page.locator('button.finding__button').first();
    await finding.click();
    await expect.poll(() => playButton.getAttribute('aria-label')).toBe('Pause');
    await expect(page.locator('.word--evidence').count()).resolves.toBeGreaterThan(0);
    // Space on the focused finding pauses instead of pressing the finding again.
    await page.keyboard.press('Space');
    await expect.poll(() => playButton.getAttribute('aria-label')).toBe('Play');
    const paused = await page.getByTestId('player-position').getAttribute('data-seconds');
    await page.waitForTimeout(400);
    await expect(page.getByTestId('player-position').getAttribute('data-seconds')).resolves.toBe(
      paused,
    );
    // Space on a speed button plays too.
    await page.getByRole('button', { name: '1.5×' }).click();
    await page.keyboard.press('Space');
    await expect.poll(() => playButton.getAttribute('aria-label')).toBe('Pause');
    await page.keyboard.press('Space');
    await expect.poll(() => playButton.getAttribute('aria-label')).toBe('Play');
    await page.getByRole('button', { name: '1×', exact: true }).click();
  });

  it('reaches the transcript words with one Tab stop and the arrow keys', async () => {
    const tabbable = page.locator('.transcript [data-word-index][tabindex="0"]');
    await expect(tabbable.count()).resolves.toBe(1);
    await tabbable.focus();
    const start = Number(await tabbable.getAttribute('data-word-index'));
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const focused = await page.evaluate('Number(document.activeElement.dataset.wordIndex)');
    expect(focused).toBe(start + 2);
    await expect(page.locator('.transcript [tabindex="0"]').count()).resolves.toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.player__play').getAttribute('aria-label')).toBe('Pause');
    await page.keyboard.press('Space');
    await expect.poll(() => page.locator('.player__play').getAttribute('aria-label')).toBe('Play');
  });
});

describe('Attempt against attempt, Progress, export and backup', () => {
  it('shows what changed on the repeat attempt, in History and on Home', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByRole('button', { name: 'History' }).click();
    const rows = page.locator('.attempt');
    await rows.first().waitFor();
    await expect(rows.first().locator('.attempt__number').innerText()).resolves.toBe('Attempt 2');
    await expect(rows.nth(1).locator('.attempt__number').innerText()).resolves.toBe('Attempt 1');
    await expect(rows.first().innerText()).resolves.toMatch(/fillers\/min · Whisper tiny/);
    await expect(rows.first().locator('.attempt__change').innerText()).resolves.toMatch(
      /since last/,
    );
    await rows.first().getByRole('button', { name: 'Open' }).click();
    const comparison = page.getByRole('region', { name: /Attempt 2: what changed/ });
    await comparison.waitFor();
    await expect(comparison.innerText()).resolves.toMatch(/Against the last attempt \(attempt 1\)/);
    await expect(comparison.innerText()).resolves.toMatch(/Fillers per minute/);
    await expect(comparison.innerText()).resolves.toMatch(/Fixed\s+Many filler words|▲ better/);
    await comparison.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/e2e-report-compare.png' });
    await saveScreenshot(page, 'report-compare-full');
    expect(await seriousViolations(page, 'Review (repeat attempt)')).toEqual([]);

    // Try again carries this attempt's focus to the recording screen.
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByTestId('carried-focus').innerText()).resolves.toMatch(
      /^Last time \(attempt 2, score \d+\): /,
    );

    await page.getByRole('button', { name: 'Practice' }).click();
    const option = page.locator('[data-question-id="pipeline-broke"]');
    await expect(option.innerText()).resolves.toMatch(/2 attempts · last \d+ · best \d+/);
    await expect(
      page.locator('[data-question-id="star-tradeoff"], .question-option').last().innerText(),
    ).resolves.toMatch(/Not practised yet/);
    await option.click();
    await expect(page.getByTestId('carried-focus').innerText()).resolves.toMatch(
      /^Last time \(attempt 2, score \d+\): .+; \d+\.\d fillers a minute\.$/,
    );
    await saveScreenshot(page, 'report-home');
  });

  it('charts progress over time, readable without colour', async () => {
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.getByRole('button', { name: 'Progress' }).click();
    await page.getByRole('heading', { level: 1, name: 'Progress' }).waitFor();
    await page.locator('.chart .recharts-line').first().waitFor();
    await expect(page.locator('.chart').count()).resolves.toBe(4);
    // Every point carries its value as text, and each chart its own marker shape.
    await expect(
      page.locator('.chart').first().locator('.recharts-label-list text').count(),
    ).resolves.toBe(2);
    await page.getByText('The same figures as a table').click();
    await expect(page.locator('.progress-table tbody tr').count()).resolves.toBe(2);
    await saveScreenshot(page, 'report-progress');
    expect(await seriousViolations(page, 'Progress')).toEqual([]);
  });

  it('exports the report, transcript and recording, and the printable page', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByRole('button', { name: 'History' }).click();
    await page.locator('.attempt').nth(1).getByRole('button', { name: 'Open' }).click();
    await page.locator('.transcript').waitFor();
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export this attempt' });
    await dialog.waitFor();
    await saveScreenshot(page, 'report-export-dialog');
    expect(await seriousViolations(page, 'Export dialog')).toEqual([]);
    const save = async (name: string) => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        dialog.getByRole('button', { name }).click(),
      ]);
      const path = join(workDir, download.suggestedFilename());
      await download.saveAs(path);
      return { name: download.suggestedFilename(), bytes: readFileSync(path) };
    };
    const markdown = await save('Report (Markdown)');
    expect(markdown.name).toMatch(/^rehearse-pipeline-broke-.+\.md$/);
    expect(markdown.bytes.toString('utf8')).toMatch(/\*\*Score: \d+ \/ 100\*\*/);
    expect((await save('Subtitles (SRT)')).bytes.toString('utf8')).toMatch(/^1\n00:00:00,000 --> /);
    const wav = await save('Recording (WAV)');
    expect(Buffer.compare(wav.bytes, recordingBytes(attempts[0]!.id))).toBe(0);

    const [printable] = await Promise.all([
      page.context().waitForEvent('page'),
      dialog.getByRole('link', { name: /Printable report/ }).click(),
    ]);
    await printable.getByRole('heading', { level: 1 }).waitFor();
    await expect(printable.locator('mark').count()).resolves.toBeGreaterThan(0);
    await printable.pdf({ path: join('test-results', 'e2e-report.pdf'), format: 'A4' });
    await printable.emulateMedia({ media: 'print' });
    await printable.setViewportSize({ width: 794, height: 1123 });
    await printable.screenshot({ path: 'test-results/e2e-report-printable.png' });
    await printable.close();
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('exports all data, deletes everything, and imports it back byte for byte', async () => {
    const before = await Promise.all(
      attempts.map(async (a) => ({
        detail: await seeded.call('getAttempt', { attemptId: a.id }),
        wav: recordingBytes(a.id),
      })),
    );
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Settings' })
      .click();
    await expect(page.getByTestId('data-dir').innerText()).resolves.toBe(seeded.server.dataDir);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export all data' }).click(),
    ]);
    const archive = join(workDir, download.suggestedFilename());
    await download.saveAs(archive);
    await page.getByRole('button', { name: 'Delete all attempts…' }).click();
    await page
      .getByRole('dialog', { name: 'Delete every attempt?' })
      .getByRole('button', { name: 'Delete all' })
      .click();
    await expect
      .poll(() => page.getByTestId('backup-status').innerText())
      .toBe('2 attempts deleted.');
    await expect(seeded.call('listAttempts', {})).resolves.toEqual([]);
    await page.setInputFiles('input[type="file"]', archive);
    await expect
      .poll(() => page.getByTestId('backup-status').innerText())
      .toBe('2 attempts imported.');
    await saveScreenshot(page, 'report-settings');
    for (const { detail, wav } of before) {
      await expect(seeded.call('getAttempt', { attemptId: detail.id })).resolves.toEqual(detail);
      const again = recordingBytes(detail.id);
      expect(Buffer.compare(again, wav), 'the recording comes back byte for byte').toBe(0);
    }
  });
});

describe('Accessibility of the other screens', () => {
  it('has no serious or critical axe violations on Home, Recording and Settings', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByRole('button', { name: 'Practice' }).click();
    await page.getByRole('heading', { name: 'Pick a question' }).waitFor();
    expect(await seriousViolations(page, 'Home')).toEqual([]);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: 'Settings' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(await seriousViolations(page, 'Settings')).toEqual([]);
    await page.getByRole('button', { name: 'Practice' }).click();
    await page.getByRole('button', { name: 'Start answering' }).click();
    await page.locator('.record__controls button:enabled').waitFor({ timeout: 20_000 });
    expect(await seriousViolations(page, 'Recording (ready)')).toEqual([]);
    await page.keyboard.press('Space');
    const stop = page.getByRole('button', { name: /^Stop/ });
    await stop.waitFor({ timeout: 10_000 });
    await page.waitForTimeout(1500);
    expect(await seriousViolations(page, 'Recording')).toEqual([]);
    await stop.click();
    await page.locator('.transcript, .review [role="alert"]').first().waitFor({ timeout: 60_000 });
  });
});

describe('Comparison by story', () => {
  it("compares an answer with the story's last and best tellings at other questions", async () => {
    const story = await seeded.call('saveStory', {
      title: 'Orders outage',
      kinds: ['incident'],
      draft: BETTER_TEXT,
    });
    const other: QuestionRef = {
      id: 'bad-data-downstream',
      prompt: 'Describe a time bad data made it downstream into a dashboard or report.',
      kind: 'incident',
      custom: false,
    };
    await seeded.addAttempt(QUESTION, BETTER_TEXT, 120, story.id);
    await seeded.addAttempt(other, ANSWER_TEXT, 150, story.id);
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByRole('button', { name: 'History' }).click();
    const rows = page.locator('.attempt');
    await rows.first().waitFor();
    await rows.first().getByRole('button', { name: 'Open' }).click();
    const comparison = page.getByRole('region', { name: /Attempt 1: what changed/ });
    await comparison.waitFor();
    // The story's title arrives with the stories; wait for it rather than read once.
    await comparison
      .getByText(
        /Against the last telling of “Orders outage” \(attempt \d at “Tell me about a pipeline that broke/,
      )
      .waitFor();
    await expect(comparison.innerText()).resolves.toMatch(/Fillers per minute/);
    await comparison.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'report-compare-story');
    expect(await seriousViolations(page, 'Review (story comparison)')).toEqual([]);
  });
});
