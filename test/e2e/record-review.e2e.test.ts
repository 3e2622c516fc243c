/**
 * End to end in real Chromium against the real loopback adapter, services and Whisper:
 * Home → record a spoken answer fed as the fake microphone → Stop → Review (transcript, fillers,
 * findings, click-to-seek) → reload → History. Saves screenshots to test-results/ and prints the
 * time from Stop to Review.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAnswerAudio, EXPECTED_WORDS, wordRecall, type AnswerAudio } from './answer-audio.ts';
import { seriousViolations } from './axe.ts';
import {
  assertE2ePrerequisites,
  launchChromium,
  RESULTS_DIR,
  screenshot as saveScreenshot,
  makeWorkDir,
  removeWorkDir,
} from './browser.ts';
import { startAppServer, type RunningServer } from './loopback-server.ts';

const QUESTION_ID = 'pipeline-broke';

let workDir: string;
let audio: AnswerAudio;
let server: RunningServer | null = null;
let browser: BrowserContext | null = null;
let page: Page;

const screenshot = (name: string) => saveScreenshot(page, name);

beforeAll(async () => {
  assertE2ePrerequisites(['whisper-base']);
  workDir = makeWorkDir('record');
  audio = buildAnswerAudio(workDir);
  console.log(
    `e2e: answer audio ${audio.speechSec.toFixed(1)} s of speech (${audio.durationSec.toFixed(1)} s with silence)`,
  );

  server = await startAppServer(join(workDir, 'data'));
  ({ browser, page } = await launchChromium({
    profileDir: join(workDir, 'chromium-profile'),
    fakeAudioFile: audio.path,
  }));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  removeWorkDir(workDir);
});

describe('Rehearse in Chromium', () => {
  it('records a spoken answer, reviews it, and finds it in History', async () => {
    // Home
    await page.goto(server!.url);
    await page.getByRole('heading', { name: 'Pick a question' }).waitFor();
    await page.locator(`[data-question-id="${QUESTION_ID}"]`).click();
    await expect(
      page
        .getByRole('heading', { level: 2, name: /pipeline that broke in production/ })
        .isVisible(),
    ).resolves.toBe(true);
    await expect(page.getByText('What the interviewer is listening for').isVisible()).resolves.toBe(
      true,
    );
    await screenshot('home');

    // Record: the fake microphone starts playing the file when the capture opens.
    await page.getByRole('button', { name: 'Start answering' }).click();
    await page.locator('.record__controls button:enabled').waitFor({ timeout: 20_000 });
    const micOpenedAt = Date.now();
    await page.keyboard.press('Space');
    await page.locator('.countdown__number').waitFor({ timeout: 5_000 });
    const stop = page.getByRole('button', { name: /^Stop/ });
    await stop.waitFor({ timeout: 10_000 });
    const recordingStartedAt = Date.now();
    console.log(
      `e2e: recording started ${((recordingStartedAt - micOpenedAt) / 1000).toFixed(1)} s after the microphone opened`,
    );
    expect(recordingStartedAt - micOpenedAt).toBeLessThan(audio.leadingSilenceSec * 1000);

    await page.waitForTimeout(20_000);
    const level = Number(
      await page.getByRole('meter', { name: 'Input level' }).getAttribute('aria-valuenow'),
    );
    await screenshot('recording');
    expect(level, 'the input meter moves while the fake microphone speaks').toBeGreaterThan(0);

    const speechEndsAt = micOpenedAt + (audio.leadingSilenceSec + audio.speechSec + 1) * 1000;
    await page.waitForTimeout(Math.max(0, speechEndsAt - Date.now()));
    const answerSec = (Date.now() - recordingStartedAt) / 1000;
    await stop.click();
    const stoppedAt = Date.now();

    // Progress, then Review. Log what the progress screen says each second: where the time goes.
    const timeline: string[] = [];
    let shotProcessing = false;
    const reviewShown = page.locator('.transcript').waitFor({ timeout: 10 * 60_000 });
    let shown = false;
    void reviewShown.then(
      () => (shown = true),
      () => undefined,
    );
    while (!shown && Date.now() - stoppedAt < 10 * 60_000) {
      const state = await Promise.all([
        page.locator('.stage--active').allTextContents(),
        page
          .locator('.progress[aria-valuenow]')
          .evaluateAll((bars) => bars.map((bar) => bar.getAttribute('aria-valuenow'))),
      ])
        .then(([stages, percents]) => ({ stage: stages[0] ?? null, percent: percents[0] ?? null }))
        .catch(() => null);
      if (state?.stage) {
        const entry = `${state.stage}${state.percent ? ` ${state.percent}%` : ''}`;
        if (!timeline.at(-1)?.endsWith(entry))
          timeline.push(`${((Date.now() - stoppedAt) / 1000).toFixed(0)}s ${entry}`);
        if (!shotProcessing && state.stage.startsWith('Transcribing')) {
          await screenshot('processing');
          shotProcessing = true;
        }
      }
      await page.waitForTimeout(1000);
    }
    await reviewShown;
    const stopToReviewSec = (Date.now() - stoppedAt) / 1000;
    console.log(
      `e2e: Stop → Review ${stopToReviewSec.toFixed(1)} s for a ${answerSec.toFixed(1)} s answer`,
    );
    console.log(`e2e: progress shown: ${timeline.join(' | ') || '(none)'}`);

    const transcript = (await page.locator('.transcript [data-word-index]').allInnerTexts())
      .join(' ')
      .toLowerCase();
    for (const word of EXPECTED_WORDS)
      expect(transcript, `transcript mentions "${word}"`).toContain(word);
    const recall = wordRecall(transcript);
    console.log(
      `e2e: ${Math.round(recall * 100)}% of the answer's distinct words are in the transcript`,
    );
    expect(recall, 'most of the spoken answer is in the transcript').toBeGreaterThan(0.75);
    const fillers = await page.locator('.word--filler').allInnerTexts();
    console.log(`e2e: fillers marked: ${fillers.join(', ')}`);
    expect(fillers.length).toBeGreaterThanOrEqual(1);
    const rambling = await page.locator('.transcript .rambling .rambling__label').allInnerTexts();
    console.log(`e2e: rambling sections shaded: ${rambling.join(', ') || '(none)'}`);
    expect(rambling.length, 'the "by the way" aside is shaded as rambling').toBeGreaterThanOrEqual(
      1,
    );
    // The first finding is the review's "Fix this next"; the rest are listed beside it.
    const findings = await page.locator('.next-step[data-code], .finding').count();
    expect(findings).toBeGreaterThanOrEqual(1);
    await expect(page.locator('.score__number').innerText()).resolves.toMatch(/^\d+$/);
    await page
      .locator('[data-testid="player-position"]:not([data-duration="0.0"])')
      .waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500); // let the waveform paint
    await screenshot('review');

    expect(await seriousViolations(page, 'Review (spoken answer)')).toEqual([]);

    // A finding with evidence outlines it in the transcript.
    const findingWithEvidence = page.locator('button.finding__button, .next-step__hear').first();
    if ((await findingWithEvidence.count()) > 0) {
      await findingWithEvidence.click();
      expect(await page.locator('.word--evidence').count()).toBeGreaterThan(0);
      // It plays from a second before the evidence; Space (focus still on it) pauses.
      const play = page.locator('.player__play');
      await expect.poll(() => play.getAttribute('aria-label')).toBe('Pause');
      await page.keyboard.press('Space');
      await expect.poll(() => play.getAttribute('aria-label')).toBe('Play');
    }

    // Click a word: the player jumps there, then plays on from it.
    const word = page.locator('.transcript [data-word-index]').nth(40);
    const wordStart = Number(await word.getAttribute('data-start'));
    await word.click();
    await expect(word.getAttribute('aria-current')).resolves.toBe('true');
    const position = Number(await page.getByTestId('player-position').getAttribute('data-seconds'));
    expect(Math.abs(position - wordStart)).toBeLessThan(0.15);
    await page.locator('body').press('Space');
    await page.waitForTimeout(1500);
    await page.locator('body').press('Space');
    const played = Number(await page.getByTestId('player-position').getAttribute('data-seconds'));
    expect(played, 'playback continues from the clicked word').toBeGreaterThan(wordStart + 0.5);
    expect(played).toBeLessThan(wordStart + 4);
    const highlighted = Number(
      await page.locator('.transcript [aria-current="true"]').getAttribute('data-word-index'),
    );
    expect(highlighted, 'the highlight follows the audio').toBeGreaterThan(40);
    await page.locator('body').press('ArrowLeft');
    const afterArrow = Number(
      await page.getByTestId('player-position').getAttribute('data-seconds'),
    );
    expect(afterArrow).toBeCloseTo(Math.max(0, played - 5), 0);

    // History survives a reload.
    await page.reload();
    await page.getByRole('button', { name: 'History' }).click();
    const attempt = page
      .locator('.attempt')
      .filter({ hasText: 'pipeline that broke in production' });
    await attempt.first().waitFor({ timeout: 10_000 });
    await expect(attempt.count()).resolves.toBe(1);
    await expect(attempt.locator('.attempt__number').innerText()).resolves.toBe('Attempt 1');
    await expect(attempt.locator('.status').count()).resolves.toBe(0); // ready: no status badge
    await screenshot('history');

    // Open it again, then "Try again" goes to the same question.
    await attempt.getByRole('button', { name: 'Open' }).click();
    await page.locator('.transcript').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.locator('.record__prompt').innerText()).resolves.toMatch(
      /pipeline that broke in production/,
    );
    await page.getByRole('button', { name: 'Practice' }).click();
    await page.getByRole('heading', { name: 'Pick a question' }).waitFor();
  });

  it('explains a blocked microphone and offers no recording', async () => {
    const blocked = await browser!.newPage();
    // As if the user (or the OS) refused microphone access.
    await blocked.addInitScript({
      content: `navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));`,
    });
    await blocked.goto(server!.url);
    await blocked.getByRole('button', { name: 'Start answering' }).click();
    const alert = blocked.getByRole('alert').filter({ hasText: 'Microphone access is blocked' });
    await alert.waitFor({ timeout: 10_000 });
    await expect(alert.innerText()).resolves.toMatch(/allow microphone access for Rehearse/i);
    await expect(blocked.locator('.record__controls button').first().isDisabled()).resolves.toBe(
      true,
    );
    await blocked.screenshot({ path: join(RESULTS_DIR, 'e2e-mic-blocked.png') });
    await blocked.close();
  });

  it('keeps what was said when the microphone is unplugged mid-answer', async () => {
    const unplugged = await browser!.newPage();
    // Ends the live track the way an unplugged device does (readyState "ended" + an "ended" event).
    await unplugged.addInitScript({
      content: `
        const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
        navigator.mediaDevices.getUserMedia = async (constraints) => {
          const stream = await open(constraints);
          window.__unplugMicrophone = () => stream.getAudioTracks().forEach((track) => {
            track.stop();
            track.dispatchEvent(new Event('ended'));
          });
          return stream;
        };`,
    });
    await unplugged.goto(server!.url);
    await unplugged.locator(`[data-question-id="${QUESTION_ID}"]`).click();
    await unplugged.getByRole('button', { name: 'Start answering' }).click();
    await unplugged.locator('.record__controls button:enabled').waitFor({ timeout: 20_000 });
    await unplugged.keyboard.press('Space');
    await unplugged.getByRole('button', { name: /^Stop/ }).waitFor({ timeout: 10_000 });
    await unplugged.waitForTimeout(12_000);
    await unplugged.evaluate('window.__unplugMicrophone()');

    const notice = unplugged
      .locator('.review .banner')
      .filter({ hasText: 'microphone was disconnected' });
    await notice.waitFor({ timeout: 20_000 });
    await expect(notice.innerText()).resolves.toMatch(
      /Recording stopped at 0:1\d\. What you said until then is kept/,
    );
    await unplugged
      .locator('.transcript, .review [role="alert"]')
      .first()
      .waitFor({ timeout: 5 * 60_000 });
    await unplugged.screenshot({
      path: join(RESULTS_DIR, 'e2e-mic-unplugged.png'),
      fullPage: true,
    });

    await unplugged.getByRole('button', { name: 'History' }).click();
    const attempts = unplugged
      .locator('.attempt')
      .filter({ hasText: 'pipeline that broke in production' });
    await expect(
      attempts
        .first()
        .waitFor({ timeout: 10_000 })
        .then(() => attempts.count()),
    ).resolves.toBe(2);
    await expect(attempts.first().innerText()).resolves.toMatch(/· 0:1\d/);

    // Delete the short one, after confirming.
    await attempts
      .first()
      .getByRole('button', { name: /^Delete attempt/ })
      .click();
    const dialog = unplugged.getByRole('dialog', { name: 'Delete this attempt?' });
    await dialog.waitFor();
    await unplugged.screenshot({ path: join(RESULTS_DIR, 'e2e-delete-confirm.png') });
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await expect(attempts.count()).resolves.toBe(2);
    await attempts
      .first()
      .getByRole('button', { name: /^Delete attempt/ })
      .click();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => attempts.count()).toBe(1);
    await unplugged.reload();
    await unplugged.getByRole('button', { name: 'History' }).click();
    await attempts.first().waitFor();
    await expect(attempts.count()).resolves.toBe(1);
    await unplugged.close();
  });
});
