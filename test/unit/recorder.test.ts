/**
 * The recorder's guarantees beyond the happy path: audio the capture never delivered is measured
 * and kept on the attempt, and the faults and bounds below are survived with a clear message and no
 * recorded audio lost.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeLostAudio } from '../../shared/recording/capture-clock.ts';
import { makeDataDir, tone } from './helpers/data-dir.ts';
import { PIPELINE_QUESTION, startServices, type ServicesUnderTest } from './helpers/services.ts';

let data: ReturnType<typeof makeDataDir>;
let t: ServicesUnderTest;
beforeEach(() => {
  data = makeDataDir();
  t = startServices(data.dir);
});
afterEach(async () => {
  await t.services.close();
  data.remove();
});

const api = () => t.services.handlers;
const RATE = 16_000;
const CHUNK = RATE / 4;

describe('counting what the capture delivered', () => {
  it('stores where and how much audio never arrived, and the review says so', async () => {
    const { attemptId } = await api().startAttempt({
      question: PIPELINE_QUESTION,
      sampleRate: RATE,
    });
    let wall = 0;
    for (let i = 0; i < 400; i++) {
      if (i === 280) wall += 4.2; // the audio thread starved for 4.2 s at 1:10
      wall += 0.25;
      await api().appendAudio({
        attemptId,
        pcm: tone(CHUNK, RATE, 220, 0.5),
        clockSec: wall + 0.03,
      });
    }
    const stopped = await api().stopAttempt({ attemptId, reason: 'user' });
    expect(stopped.durationSec).toBe(100);
    expect(stopped.capture!.gaps).toHaveLength(1);
    expect(stopped.capture!.gaps[0]!.atSec).toBeCloseTo(70, 0);
    expect(stopped.capture!.lostSec).toBeCloseTo(4.2, 1);
    const detail = await api().getAttempt({ attemptId });
    expect(describeLostAudio(detail.capture)).toMatch(
      /^4\.2 s of audio were lost at 1:10 because the computer was busy/,
    );
  });

  it('records a complete capture as complete', async () => {
    const { attemptId } = await api().startAttempt({
      question: PIPELINE_QUESTION,
      sampleRate: RATE,
    });
    for (let i = 1; i <= 40; i++)
      await api().appendAudio({
        attemptId,
        pcm: tone(CHUNK, RATE, 220, 0.5),
        clockSec: i * 0.25 + 0.02,
      });
    const stopped = await api().stopAttempt({ attemptId, reason: 'user' });
    expect(stopped.capture).toMatchObject({ lostSec: 0, gaps: [], receivedSec: 10 });
    expect(describeLostAudio(stopped.capture)).toBeNull();
  });
});
