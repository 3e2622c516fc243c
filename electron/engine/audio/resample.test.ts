import { describe, expect, it } from 'vitest';
import { resample, Resampler } from './resample.ts';

const tone = (seconds: number, rate: number, hz: number): Float32Array =>
  Float32Array.from(
    { length: Math.round(seconds * rate) },
    (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / rate),
  );

/** RMS of the middle of a signal (edges excluded: the filter ramps in and out there). */
function rms(signal: Float32Array): number {
  const middle = signal.subarray(Math.floor(signal.length * 0.2), Math.floor(signal.length * 0.8));
  return Math.sqrt(middle.reduce((sum, v) => sum + v * v, 0) / middle.length);
}

describe('resample', () => {
  it('keeps a speech-band tone at its level when going 48 kHz → 16 kHz', () => {
    const out = resample(tone(1, 48_000, 1000), 48_000);
    expect(out).toHaveLength(16_000);
    expect(rms(out)).toBeCloseTo(0.5 / Math.SQRT2, 2);
  });

  it('removes content above the new Nyquist instead of aliasing it (12 kHz would fold to 4 kHz)', () => {
    const out = resample(tone(1, 48_000, 12_000), 48_000);
    const attenuationDb = 20 * Math.log10(rms(out) / (0.5 / Math.SQRT2));
    expect(attenuationDb).toBeLessThan(-60);
  });

  it('handles a non-integer ratio (44.1 kHz) and upsampling (8 kHz)', () => {
    expect(resample(tone(1, 44_100, 500), 44_100)).toHaveLength(16_000);
    const up = resample(tone(1, 8000, 500), 8000);
    expect(up).toHaveLength(16_000);
    expect(rms(up)).toBeCloseTo(0.5 / Math.SQRT2, 2);
  });

  it('gives the same output when fed in microphone-sized chunks as in one piece', () => {
    const input = tone(0.5, 48_000, 700);
    const whole = resample(input, 48_000);
    const streaming = new Resampler(48_000);
    const parts: Float32Array[] = [];
    for (let at = 0; at < input.length; at += 128 * 7)
      parts.push(streaming.push(input.subarray(at, at + 128 * 7)));
    parts.push(streaming.flush());
    const joined = Float32Array.from(parts.flatMap((p) => Array.from(p)));
    expect(joined).toHaveLength(whole.length);
    for (let i = 0; i < whole.length; i++) expect(joined[i]).toBeCloseTo(whole[i]!, 6);
  });

  it('passes 16 kHz through untouched and rejects invalid rates', () => {
    const input = tone(0.1, 16_000, 300);
    expect(resample(input, 16_000)).toBe(input);
    expect(() => new Resampler(0)).toThrow(/Invalid input sample rate/);
  });
});
