import { describe, expect, it } from 'vitest';
import { VoiceActivity } from './audio/activity.ts';
import { Segmenter, type AudioWindow } from './segmenter.ts';

/** Synthetic "speech": 2-6 s bursts of noisy tones separated by 0.2-1.2 s silences, 16 kHz. */
function fakeAnswer(seconds: number, seed = 7): Float32Array {
  let state = seed;
  const random = (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const out = new Float32Array(seconds * 16_000);
  let at = 0;
  while (at < out.length) {
    const talk = Math.round((2 + 4 * random()) * 16_000);
    for (let i = 0; i < talk && at + i < out.length; i++)
      out[at + i] = 0.3 * Math.sin(i / 9) * (0.5 + random());
    at += talk + Math.round((0.2 + random()) * 16_000);
  }
  return out;
}

function windows(audio: Float32Array, chunk: number): AudioWindow[] {
  const activity = new VoiceActivity();
  const segmenter = new Segmenter(activity);
  const out: AudioWindow[] = [];
  for (let at = 0; at < audio.length; at += chunk) {
    activity.push(audio.subarray(at, at + chunk));
    for (let next = segmenter.next(false); next; next = segmenter.next(false)) out.push(next);
  }
  for (let next = segmenter.next(true); next; next = segmenter.next(true)) out.push(next);
  return out;
}

describe('Segmenter', () => {
  const audio = fakeAnswer(180);

  it('cuts full windows at pauses close to 30 s, the tail at 10-24 s, covering the whole recording', () => {
    const cut = windows(audio, audio.length);
    expect(cut[0]!.startFrame).toBe(0);
    expect(cut.at(-1)!.endFrame).toBe(18_000);
    const activity = new VoiceActivity();
    activity.push(audio);
    let full = 0;
    for (let i = 0; i < cut.length; i++) {
      const window = cut[i]!;
      const seconds = (window.endFrame - window.startFrame) / 100;
      expect(seconds).toBeLessThanOrEqual(29.5);
      // Never cut inside a burst of "speech": the cut frame is quiet.
      if (i < cut.length - 1) {
        expect(activity.quiet[window.endFrame]).toBe(true);
        expect(cut[i + 1]!.startFrame).toBe(window.endFrame);
        // Bursts last 2-6 s with pauses between, so a pause lies within 7 s of the 29.5 s edge.
        if (seconds > 24) full++;
        else expect(seconds).toBeGreaterThanOrEqual(10);
      }
    }
    expect(full).toBeGreaterThanOrEqual(4);
    expect(cut.length).toBeLessThanOrEqual(9);
  });

  it('lists the tail cuts that more audio cannot change (for speculative transcription)', () => {
    const activity = new VoiceActivity();
    const segmenter = new Segmenter(activity);
    const twenty = audio.subarray(0, 16_000 * 20);
    activity.push(twenty);
    expect(segmenter.next(false)).toBeNull();
    const early = segmenter.tailWindowsFrom(0);
    expect(early.length).toBeGreaterThanOrEqual(1);
    // If the recording stopped here, the final cuts start with the same windows.
    const final: AudioWindow[] = [];
    for (let next = segmenter.next(true); next; next = segmenter.next(true)) final.push(next);
    expect(final.slice(0, early.length)).toEqual(early);
  });

  it('ends the last window shortly into the final quiet, at the same frame however long the quiet lasts', () => {
    // Speech 0-4 s and 4.5-8 s (shorter than the tail's 10 s: no tail cut in the final quiet).
    const speech = Float32Array.from({ length: 16_000 * 8 }, (_, i) =>
      i >= 16_000 * 4 && i < 16_000 * 4.5 ? 0 : 0.3 * Math.sin(i / 9),
    );
    const ends = [0.5, 1, 3].map((quietSec) => {
      const withQuiet = new Float32Array(speech.length + 16_000 * quietSec);
      withQuiet.set(speech);
      const cut = windows(withQuiet, 1600);
      expect(cut.at(-1)!.hasSpeech).toBe(false);
      return cut.at(-2)!.endFrame;
    });
    expect(new Set(ends).size).toBe(1);
    expect(ends[0]).toBeGreaterThan(800);
    expect(ends[0]).toBeLessThan(800 + 30);
    // After 0.5 s of quiet, the stream already lists that last window (and not before it asks for it).
    const activity = new VoiceActivity();
    const segmenter = new Segmenter(activity);
    activity.push(speech);
    activity.push(new Float32Array(16_000 * 0.5));
    expect(segmenter.tailWindowsFrom(0)).toEqual([]);
    expect(segmenter.lastWindowIfQuiet(0, 0.3)!.endFrame).toBe(ends[0]);
    expect(segmenter.lastWindowIfQuiet(0, 0.6)).toBeNull();
  });

  it('makes the same cuts whether the audio arrives at once or in 100 ms chunks', () => {
    expect(windows(audio, 1600)).toEqual(windows(audio, audio.length));
  });

  it('marks a silent recording as having no speech, and never treats steady noise as speech', () => {
    const silence = windows(new Float32Array(16_000 * 12), 16_000);
    expect(silence.every((w) => !w.hasSpeech)).toBe(true);
    const noise = Float32Array.from(
      { length: 16_000 * 12 },
      (_, i) => 0.05 * Math.sin(i * 12.9898) * Math.cos(i * 78.233),
    );
    expect(windows(noise, 16_000).every((w) => !w.hasSpeech)).toBe(true);
  });
});
