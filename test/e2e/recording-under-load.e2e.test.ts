/**
 * Capture that cannot starve: with every core kept busy by a bounded CPU hog (and the live
 * transcription running), Chromium records the two-minute spoken answer through the real loopback
 * adapter. The saved WAV must hold the played speech within 1 % (measured as the span from the
 * first to the last spoken sound, in the saved file and in the file the fake microphone played),
 * and the attempt's own count of missing audio must agree. Prints the per-attempt figures.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttemptDetail } from '../../shared/ipc/contract.ts';
import { decodeWire, encodeWire } from '../../shared/ipc/wire.ts';
import { readRecording } from '../../electron/main/services/wav-recovery.ts';
import { buildAnswerAudio, type AnswerAudio } from './answer-audio.ts';
import { assertE2ePrerequisites, launchChromium, makeWorkDir, removeWorkDir } from './browser.ts';
import { startCpuHog, type CpuHog } from './cpu-hog.ts';
import { startAppServer, type RunningServer } from './loopback-server.ts';

const QUESTION_ID = 'pipeline-broke';

let workDir: string;
let audio: AnswerAudio;
let server: RunningServer | null = null;
let browser: BrowserContext | null = null;
let hog: CpuHog | null = null;
let page: Page;

/** Seconds from the first to the last 10 ms frame louder than -46 dBFS. */
function speechSpanSec(samples: Float32Array, sampleRate: number): number {
  const frame = Math.round(sampleRate / 100);
  let first = -1;
  let last = -1;
  for (let at = 0, index = 0; at + frame <= samples.length; at += frame, index++) {
    let sum = 0;
    for (let i = at; i < at + frame; i++) sum += samples[i]! * samples[i]!;
    if (Math.sqrt(sum / frame) > 0.005) {
      if (first < 0) first = index;
      last = index;
    }
  }
  return first < 0 ? 0 : (last - first + 1) / 100;
}

beforeAll(async () => {
  assertE2ePrerequisites(['whisper-base']);
  workDir = makeWorkDir('load');
  audio = buildAnswerAudio(workDir);
  server = await startAppServer(join(workDir, 'data'));
  ({ browser, page } = await launchChromium({
    profileDir: join(workDir, 'chromium-profile'),
    fakeAudioFile: audio.path,
  }));
});

afterAll(async () => {
  await hog?.stop();
  await browser?.close();
  await server?.stop();
  removeWorkDir(workDir);
});

describe('Recording under load', () => {
  it('keeps the whole answer while every core is busy', async () => {
    await page.goto(server!.url);
    await page.locator(`[data-question-id="${QUESTION_ID}"]`).click();
    await page.getByRole('button', { name: 'Start answering' }).click();
    await page.locator('.record__controls button:enabled').waitFor({ timeout: 60_000 });
    const micOpenedAt = Date.now();
    // The hog runs from before the answer starts until the recording is saved (at most 10 min).
    hog = startCpuHog({ maxSec: 600 });
    await page.keyboard.press('Space');
    const stop = page.getByRole('button', { name: /^Stop/ });
    await stop.waitFor({ timeout: 30_000 });
    const recordingStartedAt = Date.now();
    expect(
      recordingStartedAt - micOpenedAt,
      'the recording started before the spoken answer did',
    ).toBeLessThan(audio.leadingSilenceSec * 1000);

    const speechEndsAt = micOpenedAt + (audio.leadingSilenceSec + audio.speechSec + 1.5) * 1000;
    await page.waitForTimeout(Math.max(0, speechEndsAt - Date.now()));
    const clockSec = (Date.now() - recordingStartedAt) / 1000;
    await stop.click();
    // Stop resolves once the WAV is complete on disk; the Review then shows the progress.
    await page.locator('.review').waitFor({ timeout: 120_000 });
    await hog.stop();

    const attemptsDir = join(workDir, 'data', 'attempts');
    const [attemptId] = readdirSync(attemptsDir);
    const saved = readRecording(join(attemptsDir, attemptId!, 'recording.wav'));
    const played = readRecording(audio.path);
    const savedSec = saved.samples.length / saved.sampleRate;
    const savedSpeech = speechSpanSec(saved.samples, saved.sampleRate);
    const playedSpeech = speechSpanSec(played.samples, played.sampleRate);
    const url = new URL(server!.url);
    const response = await fetch(`${url.origin}/api/getAttempt`, {
      method: 'POST',
      headers: { 'x-rehearse-token': url.searchParams.get('token')! },
      body: encodeWire({ attemptId }),
    });
    const attempt = decodeWire(await response.text()) as AttemptDetail;
    console.log(
      `e2e load: ${hog.processes} hog processes; clock ${clockSec.toFixed(1)} s, saved WAV ${savedSec.toFixed(2)} s; ` +
        `speech ${savedSpeech.toFixed(2)} s saved vs ${playedSpeech.toFixed(2)} s played ` +
        `(${((100 * (playedSpeech - savedSpeech)) / playedSpeech).toFixed(2)} % missing); ` +
        `capture says ${JSON.stringify(attempt.capture ?? null)}`,
    );
    expect(Math.abs(savedSpeech - playedSpeech) / playedSpeech).toBeLessThan(0.01);
    expect(attempt.capture, 'the recorder measured the capture').toBeTruthy();
    expect(attempt.capture!.lostSec).toBeLessThan(0.01 * savedSec);
    // The recorder's own count agrees with the speech missing from the file (within 1 %).
    expect(Math.abs(playedSpeech - savedSpeech - attempt.capture!.lostSec)).toBeLessThan(
      0.01 * playedSpeech,
    );
  });
});
