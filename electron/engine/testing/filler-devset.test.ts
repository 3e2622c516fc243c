import { describe, expect, it } from 'vitest';
import { buildFillerDevSet, CONTEXTS, type FillerToken, type HostClip } from './filler-devset.ts';

const RATE = 16_000;

/** A synthetic fluent clip: `count` "words" (tones of changing pitch) of 0.3 s with 0.1 s of quiet between. */
function host(name: string, count: number): HostClip {
  const pcm = new Float32Array(Math.round((0.5 + count * 0.4) * RATE));
  let seed = 7;
  for (let i = 0; i < pcm.length; i++) {
    seed = (seed * 16_807) % 2_147_483_647;
    pcm[i] = 0.001 * (seed / 2_147_483_647 - 0.5);
  }
  const words = Array.from({ length: count }, (_, k) => {
    const start = 0.5 + 0.4 * k;
    const from = Math.round(start * RATE);
    for (let i = 0; i < 0.3 * RATE; i++)
      pcm[from + i] = 0.3 * Math.sin((2 * Math.PI * (150 + 20 * (k % 5)) * i) / RATE);
    return { text: k % 4 === 1 ? 'and' : `w${k}`, start, end: start + 0.3 };
  });
  return { name, pcm, words };
}

/** A filler token whose samples are recognisable: a steady tone at its own frequency. */
function token(kind: 'uh' | 'um', hz: number, seconds: number): FillerToken {
  const pcm = Float32Array.from(
    { length: Math.round(seconds * RATE) },
    (_, i) => 0.05 * Math.sin((2 * Math.PI * hz * i) / RATE),
  );
  return { kind, pcm, name: `${kind}-${hz}` };
}

const hosts = [host('a.wav', 20), host('b.wav', 25), host('c.wav', 18)];
const tokens = [token('uh', 210, 0.35), token('um', 330, 0.6), token('uh', 250, 0.45)];
const options = { seed: 5, variantsPerHost: 3, sitesPerClip: 3 };

describe('buildFillerDevSet', () => {
  it('is deterministic for a seed and differs for another seed', () => {
    const a = buildFillerDevSet(hosts, tokens, options);
    const b = buildFillerDevSet(hosts, tokens, options);
    const bytes = (pcm: Float32Array): Buffer =>
      Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);
    a.forEach((clip, i) => expect(bytes(clip.pcm).equals(bytes(b[i]!.pcm))).toBe(true));
    expect(a.map((c) => c.fillers)).toEqual(b.map((c) => c.fillers));
    const other = buildFillerDevSet(hosts, tokens, { ...options, seed: 6 });
    expect(other.map((c) => c.fillers)).not.toEqual(a.map((c) => c.fillers));
  });

  it('labels each inserted token with its kind and the exact place its samples went', () => {
    const clips = buildFillerDevSet(hosts, tokens, options);
    expect(clips).toHaveLength(9);
    for (const clip of clips) {
      for (const label of clip.fillers) {
        const source = tokens.find((t) => t.name === label.token)!;
        expect(label.kind).toBe(source.kind);
        const from = Math.round(label.start * RATE);
        expect(Math.round(label.end * RATE) - from).toBe(source.pcm.length);
        // Away from the 10 ms fades, the clip holds the token scaled by one gain.
        const mid = Math.floor(source.pcm.length / 2);
        const peak = source.pcm.findIndex((v, i) => i > mid && v > 0.049);
        const gain = clip.pcm[from + peak]! / source.pcm[peak]!;
        expect(gain).toBeGreaterThan(0);
        for (let i = 200; i < source.pcm.length - 200; i += 37)
          expect(clip.pcm[from + i]).toBeCloseTo(source.pcm[i]! * gain, 5);
      }
    }
  });

  it('places fillers in every context, never overlapping, and writes them into the text of the clip', () => {
    const clips = buildFillerDevSet(hosts, tokens, options);
    const contexts = new Set(clips.flatMap((c) => c.fillers.map((f) => f.context)));
    expect([...contexts].sort()).toEqual([...CONTEXTS].sort());
    for (const clip of clips) {
      const initial = clip.fillers.filter((f) => f.context === 'initial');
      for (const f of initial) expect(f.start).toBeLessThan(0.9);
      const sorted = [...clip.fillers].sort((x, y) => x.start - y.start);
      for (let i = 1; i < sorted.length; i++)
        expect(sorted[i]!.start).toBeGreaterThan(sorted[i - 1]!.end);
      expect(clip.text.split(' ').filter((w) => w === 'uh' || w === 'um')).toHaveLength(
        clip.fillers.length,
      );
    }
  });

  it('refuses a token set without both kinds', () => {
    expect(() => buildFillerDevSet(hosts, [tokens[0]!], options)).toThrow(/"uh" and one "um"/);
  });
});
