import { spawn } from 'node:child_process';
import { getPriority } from 'node:os';
import { describe, expect, it, vi } from 'vitest';
import { ENGINE_PRIORITY, lowerProcessPriority } from '../../electron/engine/process-priority.ts';

describe('lowerProcessPriority', () => {
  it('puts a process below normal priority, and only warns when it cannot', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], {
      stdio: 'ignore',
    });
    try {
      await new Promise((resolve) => child.once('spawn', resolve));
      expect(getPriority(child.pid)).toBe(0);
      lowerProcessPriority(child.pid);
      expect(getPriority(child.pid)).toBe(ENGINE_PRIORITY);
    } finally {
      child.kill('SIGKILL');
    }
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(() => lowerProcessPriority(2 ** 22 + 12_345)).not.toThrow();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/could not lower/));
    warn.mockRestore();
  });
});
