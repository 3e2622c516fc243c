/**
 * Streams captured PCM to the main side in order, one `appendAudio` at a time, so chunks can never
 * arrive out of order and a slow call cannot pile up concurrent requests. Chunks that queue up
 * while a call is in flight (the page was busy, the disk slow) go out together in the next call,
 * so the upload catches up in one round trip instead of one per 250 ms chunk.
 */
export interface AudioChunk {
  pcm: Float32Array;
  /** Wall-clock seconds since capture began, when the chunk's last sample arrived. */
  clockSec: number;
}

export interface AudioUpload {
  push(samples: Float32Array, clockSec: number): void;
  /** Resolves when every pushed chunk was accepted; rejects with the first failure. */
  drain(): Promise<void>;
  /** Samples accepted so far. */
  readonly sentSamples: number;
}

export function createAudioUpload(
  send: (chunk: AudioChunk) => Promise<void>,
  onFailure: (error: unknown) => void,
  /** At most this many samples per call (the contract's limit). */
  maxSamples = Number.POSITIVE_INFINITY,
): AudioUpload {
  const waiting: AudioChunk[] = [];
  let pump: Promise<void> | null = null;
  let failure: { error: unknown } | null = null;
  let sentSamples = 0;

  function takeBatch(): AudioChunk {
    const first = waiting.shift()!;
    if (waiting.length === 0 || first.pcm.length + waiting[0]!.pcm.length > maxSamples)
      return first;
    const parts = [first];
    let length = first.pcm.length;
    while (waiting.length > 0 && length + waiting[0]!.pcm.length <= maxSamples) {
      const next = waiting.shift()!;
      parts.push(next);
      length += next.pcm.length;
    }
    const pcm = new Float32Array(length);
    let at = 0;
    for (const part of parts) {
      pcm.set(part.pcm, at);
      at += part.pcm.length;
    }
    return { pcm, clockSec: parts.at(-1)!.clockSec };
  }

  async function run(): Promise<void> {
    while (waiting.length > 0 && !failure) {
      const batch = takeBatch();
      try {
        await send(batch);
        sentSamples += batch.pcm.length;
      } catch (error) {
        failure = { error };
        waiting.length = 0;
        onFailure(error);
      }
    }
    pump = null;
  }

  return {
    push(pcm, clockSec) {
      if (failure) return;
      waiting.push({ pcm, clockSec });
      pump ??= run();
    },
    async drain() {
      while (pump) await pump;
      if (failure) throw failure.error;
    },
    get sentSamples() {
      return sentSamples;
    },
  };
}
