import { describe, expect, it } from 'vitest';
import { createAudioUpload, type AudioChunk } from './audio-upload.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('createAudioUpload', () => {
  it('sends in order, one call at a time, and batches what queued up meanwhile', async () => {
    const sent: AudioChunk[] = [];
    const gates: ReturnType<typeof deferred>[] = [];
    const upload = createAudioUpload(
      (chunk) => {
        sent.push(chunk);
        const gate = deferred();
        gates.push(gate);
        return gate.promise;
      },
      () => undefined,
      5,
    );
    upload.push(Float32Array.from([1]), 0.25);
    upload.push(Float32Array.from([2, 3]), 0.5); // the page stalled: these queue up
    upload.push(Float32Array.from([4]), 0.75);
    upload.push(Float32Array.from([5, 6, 7]), 1);
    expect(sent).toHaveLength(1);
    gates[0]!.resolve();
    await Promise.resolve();
    await Promise.resolve();
    expect(sent.map((c) => [Array.from(c.pcm), c.clockSec])).toEqual([
      [[1], 0.25],
      [[2, 3, 4], 0.75], // at most 5 samples per call
    ]);
    gates[1]!.resolve();
    await new Promise((r) => setTimeout(r, 0));
    gates[2]!.resolve();
    await upload.drain();
    expect(sent.map((c) => Array.from(c.pcm))).toEqual([[1], [2, 3, 4], [5, 6, 7]]);
    expect(upload.sentSamples).toBe(7);
  });

  it('stops at the first failure and reports it once', async () => {
    const failures: unknown[] = [];
    const upload = createAudioUpload(
      () => Promise.reject(new Error('disk full')),
      (error) => failures.push(error),
    );
    upload.push(Float32Array.from([1]), 0.25);
    upload.push(Float32Array.from([2]), 0.5);
    await expect(upload.drain()).rejects.toThrow('disk full');
    upload.push(Float32Array.from([3]), 0.75);
    await expect(upload.drain()).rejects.toThrow('disk full');
    expect(failures).toHaveLength(1);
  });
});
