/**
 * Audio too unclear to transcribe, on the review: an attempt seeded through the real API whose
 * transcript (from the scripted engine) reports an unclear span from 0:41 to 0:47. The review must
 * show it where it falls between the words, say above the transcript how much audio was lost, play
 * it when pressed, and pass axe. Screenshot: test-results/e2e-unclear-review.png.
 */
import { join } from 'node:path';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttemptDetail, QuestionRef } from '../../shared/ipc/contract.ts';
import { ANSWER_TEXT } from './answer-audio.ts';
import { seriousViolations } from './axe.ts';
import { RESULTS_DIR } from './browser.ts';
import { openSeededApp, type SeededApp, type SeededServer } from './seed.ts';

const QUESTION: QuestionRef = {
  id: 'pipeline-broke',
  prompt: 'Tell me about a pipeline that broke in production. What did you do?',
  kind: 'incident',
  custom: false,
};
const UNCLEAR = { start: 41, end: 47 };

let app: SeededApp | null = null;
let seeded: SeededServer;
let page: Page;
let attempt: AttemptDetail;

beforeAll(async () => {
  app = await openSeededApp('unclear');
  ({ seeded, page } = app);
  seeded.engine.unclear = [UNCLEAR];
  attempt = await seeded.addAttempt(QUESTION, ANSWER_TEXT, 150);
});

afterAll(async () => {
  await app?.close();
});

describe('Audio too unclear to transcribe', () => {
  it('is kept through the analysis and storage', () => {
    expect(attempt.transcript?.unclear).toEqual([UNCLEAR]);
    expect(attempt.report?.unclear).toEqual([UNCLEAR]);
    // The six seconds are neither a pause nor slow speech.
    expect(attempt.report?.timing.pauses.some((pause) => pause.durationSec >= 5)).toBe(false);
  });

  it('is marked in the transcript where it falls, with a note above saying how much', async () => {
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.goto(seeded.server.url);
    await page.getByRole('heading', { name: 'Pick a question' }).waitFor();
    await page.getByRole('button', { name: 'History' }).click();
    await page.locator('.attempt').first().getByRole('button', { name: 'Open' }).click();
    await page.locator('.transcript').waitFor();
    await page
      .locator('[data-testid="player-position"]:not([data-duration="0.0"])')
      .waitFor({ timeout: 30_000 });

    const note = page.locator('.unclear-note');
    await expect(note.innerText()).resolves.toMatch(
      /6 s of audio was too unclear to transcribe, so the score may miss what you said there/u,
    );
    // The note comes before the transcript.
    await expect(
      page.evaluate(
        "!!(document.querySelector('.unclear-note').compareDocumentPosition(document.querySelector('.transcript')) & Node.DOCUMENT_POSITION_FOLLOWING)",
      ),
    ).resolves.toBe(true);

    const chip = page.getByRole('button', {
      name: 'Audio too unclear to transcribe from 0:41 to 0:47. Play it',
    });
    await expect(chip.count()).resolves.toBe(1);
    await expect(chip.innerText()).resolves.toContain('[unclear 0:41–0:47]');
    // Between the last word before 0:41 and the first word after 0:47.
    const around = (await page.evaluate(`(() => {
      const chip = document.querySelector('.unclear-chip');
      const words = [...document.querySelectorAll('.transcript [data-word-index]')];
      const before = words.filter((w) => w.compareDocumentPosition(chip) & Node.DOCUMENT_POSITION_FOLLOWING);
      const after = words.filter((w) => w.compareDocumentPosition(chip) & Node.DOCUMENT_POSITION_PRECEDING);
      return { before: Number(before.at(-1)?.dataset.start), after: Number(after[0]?.dataset.start) };
    })()`)) as { before: number; after: number };
    expect(around.before).toBeLessThan(UNCLEAR.start);
    expect(around.after).toBeGreaterThanOrEqual(UNCLEAR.end);

    await chip.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-unclear-review.png') });
    await chip.screenshot({ path: join(RESULTS_DIR, 'e2e-unclear-chip.png') });
    expect(await seriousViolations(page, 'Review with unclear audio')).toEqual([]);
    // None at all, of any impact, on the note and the transcript.
    await page.evaluate(axe.source);
    const local = (await page.evaluate(
      'window.axe.run({ include: [".unclear-note", ".transcript", ".legend"] }, { resultTypes: ["violations"] }).then((r) => r.violations.map((v) => v.id))',
    )) as string[];
    expect(local).toEqual([]);
  });

  it('plays that part of the recording when pressed, with the mouse or the keyboard', async () => {
    const chip = page.locator('.unclear-chip');
    const playButton = page.locator('.player__play');
    const position = page.getByTestId('player-position');
    await chip.click();
    await expect.poll(() => playButton.getAttribute('aria-label')).toBe('Pause');
    await expect
      .poll(async () => Number(await position.getAttribute('data-seconds')))
      .toBeGreaterThanOrEqual(UNCLEAR.start);
    // Space pauses (it stays play/pause on the review), Enter on the focused chip plays it again.
    await page.keyboard.press('Space');
    await expect.poll(() => playButton.getAttribute('aria-label')).toBe('Play');
    await page.evaluate("document.querySelector('.player__play').focus()");
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect
      .poll(async () => Number(await position.getAttribute('data-seconds')))
      .toBeLessThan(UNCLEAR.start);
    await chip.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => playButton.getAttribute('aria-label')).toBe('Pause');
    await expect
      .poll(async () => Number(await position.getAttribute('data-seconds')))
      .toBeGreaterThanOrEqual(UNCLEAR.start);
    await page.keyboard.press('Space');
    await expect.poll(() => playButton.getAttribute('aria-label')).toBe('Play');
  });
});
