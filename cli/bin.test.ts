import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('stops quietly when the reader closes the pipe early', () => {
    // A long answer, so the report is far larger than a pipe holds and writes go on after `head`.
    const dir = mkdtempSync(join(tmpdir(), 'rehearse-bin-'));
    const answer = join(dir, 'answer.txt');
    writeFileSync(answer, 'So um I fixed the pipeline. '.repeat(600));
    try {
      const result = spawnSync(
        '/bin/sh',
        ['-c', `"$NODE" "$BIN" analyze "$ANSWER" --question pipeline-broke --json | head -c 10`],
        {
          encoding: 'utf8',
          env: { ...process.env, NODE: process.execPath, BIN: bin, ANSWER: answer },
        },
      );
      expect(result.stdout).toBe('{\n  "quest');
      expect(result.stderr).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
