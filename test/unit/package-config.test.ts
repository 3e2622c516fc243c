/**
 * `npm run package:check` (build/check-package-config.mjs) passes on the real electron-builder.yml
 * and refuses a config whose fuses or mac entitlements open the app up.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/shared-data.ts';

const work = mkdtempSync(join(tmpdir(), 'rehearse-package-check-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the check (without the build output, which `npm test` does not build). */
async function packageCheck(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['build/check-package-config.mjs', '--no-build-output', ...args],
      { cwd: REPO_ROOT },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const replaceOnce = (text: string, from: string, to: string): string => {
  expect(text.split(from)).toHaveLength(2);
  return text.replace(from, to);
};

describe('npm run package:check', { timeout: 120_000 }, () => {
  it('accepts the real config: fuses set, only the entitlements Rehearse needs', async () => {
    const { code, stdout, stderr } = await packageCheck();
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('✓ Packaging config is valid');
  });

  it('refuses fuses left open and entitlements the app does not need', async () => {
    const plist = join(work, 'entitlements.plist');
    writeFileSync(
      plist,
      replaceOnce(
        readFileSync(join(REPO_ROOT, 'build', 'entitlements.mac.plist'), 'utf8'),
        '  </dict>',
        '    <key>com.apple.security.cs.disable-library-validation</key>\n    <true/>\n  </dict>',
      ),
    );
    let yml = readFileSync(join(REPO_ROOT, 'electron-builder.yml'), 'utf8');
    yml = replaceOnce(yml, 'runAsNode: false', 'runAsNode: true');
    yml = replaceOnce(yml, '  enableCookieEncryption: true\n', '');
    yml = replaceOnce(
      yml,
      'entitlementsInherit: build/entitlements.mac.plist',
      `entitlementsInherit: ${plist}`,
    );
    const config = join(work, 'open.yml');
    writeFileSync(config, yml);

    const { code, stderr } = await packageCheck('--config', config);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n').sort()).toEqual(
      [
        '✗ electronFuses.runAsNode should be false, not true.',
        '✗ electronFuses.enableCookieEncryption should be true, not undefined.',
        `✗ mac.entitlementsInherit (${plist}) grants com.apple.security.cs.disable-library-validation, which Rehearse does not need.`,
      ].sort(),
    );
  });
});
