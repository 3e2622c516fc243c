import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, decodeWire, encodeWire } from './wire.ts';

describe('wire encoding', () => {
  it('matches Node base64 for every padding case', () => {
    for (const len of [0, 1, 2, 3, 4, 5, 255, 10_000]) {
      const bytes = Uint8Array.from({ length: len }, (_, i) => (i * 37 + 11) & 255);
      expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      expect(Array.from(base64ToBytes(bytesToBase64(bytes)))).toEqual(Array.from(bytes));
    }
  });

  it('round-trips typed arrays nested in requests', () => {
    const pcm = Float32Array.from([0, 0.5, -1, 1e-7, 0.25]);
    const decoded = decodeWire(
      encodeWire({ attemptId: 'a1', pcm, wav: new Uint8Array([1, 2, 3]) }),
    ) as {
      attemptId: string;
      pcm: Float32Array;
      wav: Uint8Array;
    };
    expect(decoded.attemptId).toBe('a1');
    expect(decoded.pcm).toBeInstanceOf(Float32Array);
    expect(Array.from(decoded.pcm)).toEqual(Array.from(pcm));
    expect(Array.from(decoded.wav)).toEqual([1, 2, 3]);
  });

  it('rejects corrupt base64', () => {
    expect(() => decodeWire('{"pcm":{"$u8":"ab$d"}}')).toThrow(/Invalid base64/);
  });
});
