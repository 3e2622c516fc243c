import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNodeEngine, type ProtocolClient } from './client.ts';
import { lowerProcessPriority } from './process-priority.ts';

vi.mock('./process-priority.ts', () => ({ lowerProcessPriority: vi.fn() }));

let engine: ProtocolClient | null = null;
afterEach(async () => {
  await engine?.dispose();
  engine = null;
  vi.mocked(lowerProcessPriority).mockClear();
});

describe('the engine process priority under Node', () => {
  it('is lowered by default, as in the app, where recording must win the CPU', () => {
    engine = createNodeEngine();
    expect(lowerProcessPriority).toHaveBeenCalledTimes(1);
  });

  it('stays normal when nothing records beside it (the CLI)', () => {
    engine = createNodeEngine({ priority: 'normal' });
    expect(lowerProcessPriority).not.toHaveBeenCalled();
  });
});
