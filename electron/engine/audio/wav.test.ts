import { describe, expect, it } from 'vitest';
import { AudioFormatError, decodeWav, encodeWav } from './wav.ts';

const tone = (n: number, rate: number, hz = 440, amplitude = 0.5): Float32Array =>
  Float32Array.from({ length: n }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / rate));

function errorOf(fn: () => unknown): AudioFormatError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AudioFormatError) return error;
    throw error;
  }
  throw new Error('expected an AudioFormatError');
}

describe('decodeWav', () => {
  it.each([16, 24, 32, 'float'] as const)('reads %s-bit mono at its own sample rate', (bits) => {
    const samples = tone(4410, 44_100);
    const decoded = decodeWav(encodeWav(samples, 44_100, bits));
    expect(decoded.sampleRate).toBe(44_100);
    expect(decoded.channels).toBe(1);
    expect(decoded.samples).toHaveLength(samples.length);
    const tolerance = bits === 16 ? 1e-4 : 1e-6;
    for (let i = 0; i < samples.length; i += 97)
      expect(decoded.samples[i]).toBeCloseTo(samples[i]!, -Math.log10(tolerance));
  });

  it('mixes stereo down to mono', () => {
    const bytes = encodeWav(Float32Array.of(0.5, -0.25), 48_000, 16, 2);
    // Make the right channel silent: mono must be the average of both channels.
    const view = new DataView(bytes.buffer);
    view.setInt16(46, 0, true);
    view.setInt16(50, 0, true);
    const decoded = decodeWav(bytes);
    expect(decoded.channels).toBe(2);
    expect(decoded.samples[0]).toBeCloseTo(0.25, 3);
    expect(decoded.samples[1]).toBeCloseTo(-0.125, 3);
  });

  it('reads 8-bit unsigned PCM', () => {
    const bytes = encodeWav(new Float32Array(4), 8000, 16);
    const view = new DataView(bytes.buffer);
    view.setUint16(32, 1, true); // block align
    view.setUint16(34, 8, true); // bits
    view.setUint32(40, 4, true);
    const eight = bytes.slice(0, 48);
    eight.set([128, 255, 0, 128], 44);
    const decoded = decodeWav(eight);
    expect(Array.from(decoded.samples)).toEqual([0, 127 / 128, -1, 0]);
  });

  it('gives specific errors for empty, foreign, truncated and unsupported files', () => {
    expect(errorOf(() => decodeWav(new Uint8Array(0))).code).toBe('EMPTY_FILE');
    expect(
      errorOf(() => decodeWav(new TextEncoder().encode('ID3\u0003 this is an mp3 file, honest')))
        .code,
    ).toBe('NOT_WAV');
    expect(errorOf(() => decodeWav(new TextEncoder().encode('RIFF'))).code).toBe('TRUNCATED');

    const full = encodeWav(tone(16_000, 16_000), 16_000);
    expect(errorOf(() => decodeWav(full.slice(0, 40))).code).toBe('TRUNCATED'); // cut inside the header
    const cut = errorOf(() => decodeWav(full.slice(0, 1000)));
    expect(cut.code).toBe('TRUNCATED');
    expect(cut.message).toMatch(/promises 32000 bytes/);

    const adpcm = full.slice();
    new DataView(adpcm.buffer).setUint16(20, 2, true);
    const unsupported = errorOf(() => decodeWav(adpcm));
    expect(unsupported.code).toBe('UNSUPPORTED_ENCODING');
    expect(unsupported.message).toMatch(/0x2/);

    const noSamples = encodeWav(new Float32Array(0), 16_000);
    expect(errorOf(() => decodeWav(noSamples)).code).toBe('NO_AUDIO');
  });

  it('reads a recording whose header was never finalised (size 0, as after a crash)', () => {
    const bytes = encodeWav(tone(1600, 16_000), 16_000);
    new DataView(bytes.buffer).setUint32(40, 0, true);
    expect(decodeWav(bytes).samples).toHaveLength(1600);
  });
});
