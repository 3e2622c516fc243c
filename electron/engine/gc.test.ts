import { describe, expect, it } from 'vitest';
import { collectGarbage } from './gc.ts';

describe('collectGarbage', () => {
  it('frees unreachable ArrayBuffers', async () => {
    let garbage: ArrayBuffer[] | null = Array.from({ length: 32 }, () => new ArrayBuffer(4 << 20));
    garbage[0]!.slice(0, 1); // keep the allocation observable
    const held = process.memoryUsage().arrayBuffers;
    garbage = null;
    expect(collectGarbage()).toBe(true);
    // V8 releases ArrayBuffer memory on a background thread just after the collection; under load
    // (the Whisper tests in the other worker) that can take a moment.
    const freed = (): boolean => process.memoryUsage().arrayBuffers < held - 100 * 2 ** 20;
    for (let waited = 0; !freed() && waited < 2000; waited += 10)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(process.memoryUsage().arrayBuffers).toBeLessThan(held - 100 * 2 ** 20);
    expect(garbage).toBeNull();
  });
});
