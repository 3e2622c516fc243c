import { readFileSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WavWriter } from '../../electron/main/services/wav-writer.ts';
import { readRecording, repairWav } from '../../electron/main/services/wav-recovery.ts';
import { wavHeader } from '../../electron/main/services/wav-writer.ts';
import { makeDataDir, tone } from './helpers/data-dir.ts';

let data: ReturnType<typeof makeDataDir>;
beforeEach(() => (data = makeDataDir()));
afterEach(() => data.remove());

function header(path: string) {
  const bytes = readFileSync(path);
  return {
    riff: bytes.toString('ascii', 0, 4),
    riffSize: bytes.readUInt32LE(4),
    sampleRate: bytes.readUInt32LE(24),
    bits: bytes.readUInt16LE(34),
    channels: bytes.readUInt16LE(22),
    dataSize: bytes.readUInt32LE(40),
    fileSize: bytes.length,
  };
}

describe('WavWriter', () => {
  it('writes a valid 16-bit mono WAV whose samples read back within quantisation error', () => {
    const path = join(data.dir, 'a.wav');
    const writer = WavWriter.create(path, 48_000);
    const chunks = [
      tone(128, 48_000),
      tone(4_800, 48_000, 220, 0.5, 128),
      tone(1_000, 48_000, 220, 0.5, 4_928),
    ];
    for (const chunk of chunks) writer.append(chunk);
    writer.close();

    expect(header(path)).toEqual({
      riff: 'RIFF',
      riffSize: 36 + 5_928 * 2,
      sampleRate: 48_000,
      bits: 16,
      channels: 1,
      dataSize: 5_928 * 2,
      fileSize: 44 + 5_928 * 2,
    });
    const { samples, sampleRate } = readRecording(path);
    expect(sampleRate).toBe(48_000);
    const expected = tone(5_928, 48_000);
    expect(samples.length).toBe(expected.length);
    for (let i = 0; i < samples.length; i++)
      expect(Math.abs(samples[i]! - expected[i]!)).toBeLessThan(1 / 16_000);
    expect(writer.durationSec).toBeCloseTo(5_928 / 48_000, 9);
  });

  it('has every appended sample in the file as soon as append returns', () => {
    const path = join(data.dir, 'b.wav');
    const writer = WavWriter.create(path, 16_000, { headerIntervalSec: 60 });
    writer.append(tone(1_000, 16_000));
    expect(statSync(path).size).toBe(44 + 2_000);
    writer.append(tone(10, 16_000));
    expect(statSync(path).size).toBe(44 + 2_020);
    writer.close();
  });

  it('patches the header sizes periodically while recording, not only on close', () => {
    const path = join(data.dir, 'c.wav');
    const writer = WavWriter.create(path, 16_000, { headerIntervalSec: 0.5 });
    writer.append(tone(4_000, 16_000)); // 0.25 s: below the interval
    expect(header(path).dataSize).toBe(0);
    writer.append(tone(4_000, 16_000)); // 0.5 s: patched
    expect(header(path).dataSize).toBe(16_000);
    writer.close();
  });

  it('round-trips 16-bit audio exactly (int16 / 32768 → file → the same int16)', () => {
    const path = join(data.dir, 'exact.wav');
    const ints = Int16Array.from([-32768, -32767, -1, 0, 1, 12345, 32000, 32767]);
    const writer = WavWriter.create(path, 16_000);
    writer.append(Float32Array.from(ints, (v) => v / 32768));
    writer.close();
    const bytes = readFileSync(path);
    expect(Array.from(ints, (_, i) => bytes.readInt16LE(44 + i * 2))).toEqual(Array.from(ints));
  });

  it('clips out-of-range samples and writes NaN as silence', () => {
    const path = join(data.dir, 'd.wav');
    const writer = WavWriter.create(path, 8_000);
    writer.append(new Float32Array([2, -2, Number.NaN, 1, -1]));
    writer.close();
    const bytes = readFileSync(path);
    expect([0, 1, 2, 3, 4].map((i) => bytes.readInt16LE(44 + i * 2))).toEqual([
      32767, -32768, 0, 32767, -32768,
    ]);
  });

  it('refuses to overwrite an existing recording and to append after close', () => {
    const path = join(data.dir, 'e.wav');
    const writer = WavWriter.create(path, 16_000);
    expect(() => WavWriter.create(path, 16_000)).toThrow(/EEXIST/);
    writer.close();
    writer.close(); // idempotent
    expect(() => writer.append(tone(10, 16_000))).toThrow(/already closed/);
    expect(() => WavWriter.create(join(data.dir, 'f.wav'), 0)).toThrow(/sample rate of 0 Hz/);
  });
});

describe('repairWav', () => {
  it('rebuilds stale header sizes from the file length and drops a half-written sample', () => {
    const path = join(data.dir, 'crashed.wav');
    const samples = tone(3_000, 16_000);
    const pcm = Buffer.alloc(samples.length * 2);
    samples.forEach((s, i) => pcm.writeInt16LE(Math.round(s * 0x7fff), i * 2));
    // What a crash leaves: the header still says 0 bytes, the samples are there, plus one stray byte.
    writeFileSync(path, Buffer.concat([wavHeader(16_000, 0), pcm, Buffer.from([0x7f])]));

    const result = repairWav(path, 16_000);
    expect(result).toEqual({ dataBytes: 6_000, durationSec: 3_000 / 16_000, repaired: true });
    expect(header(path)).toMatchObject({
      riffSize: 36 + 6_000,
      dataSize: 6_000,
      fileSize: 44 + 6_000,
    });
    expect(readRecording(path).samples.length).toBe(3_000);
    expect(repairWav(path, 16_000).repaired).toBe(false);
  });

  it('turns a file cut inside its header into a valid empty WAV', () => {
    const path = join(data.dir, 'stub.wav');
    writeFileSync(path, wavHeader(44_100, 0).subarray(0, 20));
    expect(repairWav(path, 44_100)).toEqual({ dataBytes: 0, durationSec: 0, repaired: true });
    expect(header(path)).toMatchObject({
      riff: 'RIFF',
      sampleRate: 44_100,
      dataSize: 0,
      fileSize: 44,
    });
  });

  it('repairs a header whose size claims more data than the file has', () => {
    const path = join(data.dir, 'long.wav');
    writeFileSync(path, wavHeader(16_000, 1_000_000));
    appendFileSync(path, Buffer.alloc(200));
    expect(repairWav(path, 16_000).dataBytes).toBe(200);
    expect(header(path).dataSize).toBe(200);
  });
});

describe('readRecording', () => {
  it('names the problem with a file that is not ours', () => {
    const path = join(data.dir, 'x.wav');
    writeFileSync(path, 'hello');
    expect(() => readRecording(path)).toThrow(/is not a WAV file/);
    const stereo = Buffer.from(wavHeader(16_000, 0));
    stereo.writeUInt16LE(2, 22);
    writeFileSync(path, stereo);
    expect(() => readRecording(path)).toThrow(
      /expected 16-bit PCM mono, found format 1, 2 channel/,
    );
  });
});
