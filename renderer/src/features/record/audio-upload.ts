/**
 * Streams captured PCM to the main side in order, one `appendAudio` at a time, so chunks can never
 * arrive out of order and a slow call cannot pile up concurrent requests.
 */
export interface AudioUpload {
  push(samples: Float32Array): void;
  /** Resolves when every pushed chunk was accepted; rejects with the first failure. */
  drain(): Promise<void>;
  /** Samples accepted so far. */
  readonly sentSamples: number;
}

export function createAudioUpload(
  send: (samples: Float32Array) => Promise<void>,
  onFailure: (error: unknown) => void,
): AudioUpload {
  let queue: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | null = null;
  let sentSamples = 0;
  return {
    push(samples) {
      if (failure) return;
      queue = queue.then(async () => {
        if (failure) return;
        try {
          await send(samples);
          sentSamples += samples.length;
        } catch (error) {
          failure = { error };
          onFailure(error);
        }
      });
    },
    async drain() {
      await queue;
      if (failure) throw failure.error;
    },
    get sentSamples() {
      return sentSamples;
    },
  };
}
