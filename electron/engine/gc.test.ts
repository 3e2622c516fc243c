import { describe, expect, it } from 'vitest';
import { collectGarbage } from './gc.ts';

describe('collectGarbage', () => {
  it('frees unreachable ArrayBuffers at once', () => {
    let garbage: ArrayBuffer[] | null = Array.from({ length: 32 }, () => new ArrayBuffer(4 << 20));
    garbage[0]!.slice(0, 1); // keep the allocation observable
    const held = process.memoryUsage().arrayBuffers;
    garbage = null;
    expect(collectGarbage()).toBe(true);
    expect(process.memoryUsage().arrayBuffers).toBeLessThan(held - 100 * 2 ** 20);
    expect(garbage).toBeNull();
  });
});
