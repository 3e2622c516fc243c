import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/rehearse.js', import.meta.url));

describe('the rehearse bin', () => {
  it('runs the TypeScript CLI without a build step', () => {
    const result = spawnSync(process.execPath, [bin, 'questions'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('pipeline-broke');
  });

  it('exits 2 with one line on stderr for bad input', () => {
    const result = spawnSync(
      process.execPath,
      [bin, 'analyze', 'missing.txt', '--question', 'pipeline-broke'],
      {
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe('rehearse: File not found: missing.txt');
  });
});
