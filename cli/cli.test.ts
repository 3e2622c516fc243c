import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GUIDE_SAMPLES } from '../shared/analysis/fixtures/guide-samples.ts';
import { ANALYSIS_LIMITS } from '../shared/analysis/index.ts';
import { checkAudioFile, MAX_AUDIO_FILE_BYTES, MAX_TRANSCRIPT_BYTES } from './input-file.ts';
import { main } from './main.ts';
import { MODEL_WAIT_MS } from '../test/waits.ts';

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'rehearse-cli-'));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/**
 * A PCM WAV file: its 44-byte header declares `dataBytes` of audio, `present` of which are in the
 * file (zeros; the rest of a big file is sparse, so nothing large is written).
 */
function wav(
  name: string,
  {
    rate,
    bits = 16,
    channels = 1,
    dataBytes,
  }: { rate: number; bits?: number; channels?: number; dataBytes: number },
  present = dataBytes,
): string {
  const header = Buffer.alloc(44);
  const frameBytes = (channels * bits) / 8;
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(Math.min(0xffffffff, 36 + dataBytes), 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * frameBytes, 28);
  header.writeUInt16LE(frameBytes, 32);
  header.writeUInt16LE(bits, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(dataBytes, 40);
  const path = join(dir, name);
  writeFileSync(path, header);
  truncateSync(path, 44 + present);
  return path;
}
/** A file of `bytes` zeros (sparse). */
function sparse(name: string, bytes: number): string {
  const path = file(name, '');
  truncateSync(path, bytes);
  return path;
}
function fifo(name: string): string {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  return path;
}
function folder(name: string): string {
  const path = join(dir, name);
  mkdirSync(path);
  return path;
}

const sample = GUIDE_SAMPLES[0]!;
const SHARED_AUDIO_DIR = join(
  process.env.REHEARSE_SHARED_DIR ?? fileURLToPath(new URL('../../shared', import.meta.url)),
  'audio',
);

describe('rehearse questions', () => {
  it('lists every question id with its prompt', async () => {
    const { code, stdout } = await run('questions');
    expect(code).toBe(0);
    for (const id of ['pipeline-broke', 'reduce-cost', 'velocity-over-cleanliness']) {
      expect(stdout).toContain(id);
    }
    expect(stdout).toContain('Tell me about a pipeline that broke in production');
  });
});

describe('rehearse rubrics', () => {
  it('lists every rubric id, the default first, with the checks it runs', async () => {
    const { code, stdout } = await run('rubrics');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^data-engineer-2026 .*\(default\)$/mu);
    expect(stdout).toMatch(/^sre-2026 /mu);
    expect(stdout).toContain('pitfall.no-on-call');
  });

  it('is in the help', async () => {
    const { stdout } = await run('--help');
    expect(stdout).toMatch(/rubrics +List the rubrics/u);
    expect(stdout).toContain('[--rubric <id>]');
  });
});

describe('rehearse analyze', () => {
  it('judges by the rubric given with --rubric', async () => {
    const path = file('rubric-answer.txt', sample.answer);
    const judged = async (...extra: string[]) => {
      const { code, stdout } = await run(
        'analyze',
        path,
        '--question',
        sample.questionId,
        '--json',
        ...extra,
      );
      expect(code).toBe(0);
      return JSON.parse(stdout) as { rubricId: string; score: { dimensions: { id: string }[] } };
    };
    const byDefault = await judged();
    const sre = await judged('--rubric', 'sre-2026');
    expect(byDefault.rubricId).toBe('data-engineer-2026');
    expect(sre.rubricId).toBe('sre-2026');
    expect(sre.score.dimensions.map((dimension) => dimension.id)).toContain('response');
  });

  it('prints a readable report for a text transcript', async () => {
    const path = file('answer.txt', sample.answer);
    const { code, stdout, stderr } = await run('analyze', path, '--question', sample.questionId);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/score/i);
    expect(stdout).toMatch(/estimated/i);
  });

  it('prints one JSON object with score, sections, timing, fillers and coded findings', async () => {
    const path = file(
      'answer2.txt',
      'So, um, basically we, like, fixed the pipeline. You know, it was fine.',
    );
    const { code, stdout } = await run(
      'analyze',
      path,
      '--question',
      'pipeline-broke',
      '--duration',
      '20',
      '--json',
    );
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    for (const key of ['score', 'sections', 'timing', 'fillers', 'findings'])
      expect(report).toHaveProperty(key);
    const findings = report.findings as { code: string }[];
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => typeof f.code === 'string')).toBe(true);
    expect((report.timing as { durationSec: number }).durationSec).toBe(20);
  });

  it('analyses a timed JSON transcript', async () => {
    const words = ['I', 'was', 'on', 'call', 'when', 'um', 'the', 'pipeline', 'broke.'].map(
      (text, i) => ({
        text,
        start: i * 0.4,
        end: i * 0.4 + 0.3,
      }),
    );
    const path = file('timed.json', JSON.stringify({ words }));
    const { code, stdout } = await run('analyze', path, '--question', 'pipeline-broke', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { timing: { estimated: boolean; wordCount: number } };
    expect(report.timing.estimated).toBe(false);
    expect(report.timing.wordCount).toBe(9);
  });

  const badInputs: [string, () => string[], RegExp][] = [
    [
      'a missing file',
      () => ['analyze', join(dir, 'nope.txt'), '--question', 'pipeline-broke'],
      /File not found: .*nope\.txt/,
    ],
    [
      'an empty file',
      () => ['analyze', file('empty.txt', ''), '--question', 'pipeline-broke'],
      /The file is empty/,
    ],
    [
      'a blank transcript',
      () => ['analyze', file('blank.txt', '  \n\n '), '--question', 'pipeline-broke'],
      /has no words/,
    ],
    [
      'an unknown question id',
      () => ['analyze', file('a.txt', 'hello'), '--question', 'nope'],
      /Unknown question id "nope". Known ids: pipeline-broke/,
    ],
    [
      'an unknown rubric id',
      () => ['analyze', file('r.txt', 'hello'), '--question', 'pipeline-broke', '--rubric', 'sre'],
      /Unknown rubric "sre"\. Known rubrics: data-engineer-2026, sre-2026 \(run "rehearse rubrics"\)\./,
    ],
    ['no question', () => ['analyze', file('b.txt', 'hello')], /Missing --question/],
    ['no file', () => ['analyze', '--question', 'pipeline-broke'], /Missing the file to analyse/],
    [
      'malformed JSON',
      () => ['analyze', file('bad.json', '{"words": ['), '--question', 'pipeline-broke'],
      /is not valid JSON/,
    ],
    [
      'JSON that is not an object',
      () => ['analyze', file('arr.json', '[1,2]'), '--question', 'pipeline-broke'],
      /must hold a JSON object/,
    ],
    [
      'words without times in a timed file',
      () => [
        'analyze',
        file(
          'untimed.json',
          JSON.stringify({ words: [{ text: 'hello', start: 0, end: 0.3 }, { text: 'world' }] }),
        ),
        '--question',
        'pipeline-broke',
      ],
      /word 2 \("world"\) has no start\/end times/,
    ],
    [
      'words out of order',
      () => [
        'analyze',
        file(
          'order.json',
          JSON.stringify({
            words: [
              { text: 'a', start: 1, end: 1.2 },
              { text: 'b', start: 0.5, end: 0.7 },
            ],
          }),
        ),
        '--question',
        'pipeline-broke',
      ],
      /starts before the word before it/,
    ],
    [
      'a bad duration',
      () => [
        'analyze',
        file('c.txt', 'hello'),
        '--question',
        'pipeline-broke',
        '--duration',
        'abc',
      ],
      /--duration must be a positive number/,
    ],
    [
      'an unknown option',
      () => ['analyze', file('d.txt', 'hello'), '--question', 'pipeline-broke', '--bogus'],
      /Unknown option '--bogus'/,
    ],
    ['an unknown command', () => ['analyse'], /Unknown command "analyse"/],
    [
      'a recording that is not a WAV file',
      () => [
        'analyze',
        file('noise.wav', 'this is not audio at all, just text'),
        '--question',
        'pipeline-broke',
      ],
      /Not a WAV file \(no RIFF\/WAVE header\)/,
    ],
    ['transcribe without a file', () => ['transcribe'], /exactly one audio file/],
    ['transcribe with two files', () => ['transcribe', 'a.wav', 'b.wav'], /exactly one audio file/],
    [
      'transcribe with an unknown model',
      () => ['transcribe', 'a.wav', '--model', 'whisper-large'],
      /Unknown model "whisper-large"/,
    ],
    [
      'transcribe with both --verbatim and --plain',
      () => ['transcribe', 'a.wav', '--verbatim', '--plain'],
      /Choose one of --verbatim and --plain/,
    ],
    [
      'transcribe with a missing file',
      () => ['transcribe', '/nonexistent/answer.wav'],
      /^rehearse: File not found: \/nonexistent\/answer.wav$/m,
    ],
    [
      'transcribe with a FIFO (it would hang the read)',
      () => ['transcribe', fifo('pipe.wav')],
      /pipe\.wav is a pipe; give a regular file\.$/m,
    ],
    [
      'transcribe with /dev/zero (it would grow without limit)',
      () => ['transcribe', '/dev/zero'],
      /^rehearse: \/dev\/zero is a device; give a regular file\.$/m,
    ],
    [
      'transcribe with a folder',
      () => ['transcribe', folder('answers.wav')],
      /answers\.wav is a folder, not a file\.$/m,
    ],
    [
      'transcribe with a file over the size cap',
      () => ['transcribe', wav('huge.wav', { rate: 48_000, dataBytes: MAX_AUDIO_FILE_BYTES })],
      /huge\.wav is 1024\.0 MB; the largest file rehearse reads is 1024\.0 MB\.$/m,
    ],
    [
      'transcribe with a recording over an hour (from its header)',
      () => [
        'transcribe',
        wav('long.wav', { rate: 48_000, channels: 2, dataBytes: 48_000 * 4 * 61 * 60 }),
      ],
      /long\.wav holds 61\.0 min of audio; rehearse transcribes at most 60\.0 min\. Cut it first\.$/m,
    ],
    [
      'transcribe with a 6 MB WAV declared at 1000 Hz (it would expand to gigabytes)',
      () => ['transcribe', wav('slow.wav', { rate: 1000, bits: 8, dataBytes: 6_000_000 })],
      /slow\.wav holds 100\.0 min of audio/,
    ],
    [
      'transcribe with a short WAV at 1000 Hz (16x upsampling)',
      () => ['transcribe', wav('low.wav', { rate: 1000, bits: 8, dataBytes: 10_000 })],
      /low\.wav is 1000 Hz audio: decoding it for Whisper \(16000 Hz\) would take 68 times its size in memory \(at most 32\)\. Convert it to 16000 Hz first/,
    ],
    [
      'analyze with a recording that is a FIFO',
      () => ['analyze', fifo('answer.wav'), '--question', 'pipeline-broke'],
      /answer\.wav is a pipe; give a regular file\.$/m,
    ],
    [
      'analyze with a 6 MB WAV declared at 1000 Hz',
      () => [
        'analyze',
        wav('slow-answer.wav', { rate: 1000, bits: 8, dataBytes: 6_000_000 }),
        '--question',
        'pipeline-broke',
      ],
      /slow-answer\.wav holds 100\.0 min of audio/,
    ],
    [
      'analyze with a transcript from /dev/zero',
      () => ['analyze', '/dev/zero', '--question', 'pipeline-broke'],
      /\/dev\/zero is a device; give a regular file\.$/m,
    ],
    [
      'analyze with a folder',
      () => ['analyze', folder('transcripts'), '--question', 'pipeline-broke'],
      /transcripts is a folder, not a file\.$/m,
    ],
    [
      'analyze with a transcript over the size cap',
      () => [
        'analyze',
        sparse('huge.txt', MAX_TRANSCRIPT_BYTES + 1),
        '--question',
        'pipeline-broke',
      ],
      /huge\.txt is 10\.0 MB; the largest file rehearse reads is 10\.0 MB\.$/m,
    ],
    [
      'a word that ends 10^15 seconds in',
      () => [
        'analyze',
        file('far.json', JSON.stringify({ words: [{ text: 'hello', start: 0, end: 1e15 }] })),
        '--question',
        'pipeline-broke',
      ],
      /end is 1000000000000000 s, beyond the 3 hours an answer can last/,
    ],
    [
      'more words than one answer can have',
      () => [
        'analyze',
        file('many.txt', 'um, '.repeat(ANALYSIS_LIMITS.maxWords + 1)),
        '--question',
        'pipeline-broke',
      ],
      /The answer has 10001 words; at most 10000 can be analysed/,
    ],
    [
      'a duration beyond the limit',
      () => [
        'analyze',
        file('d.txt', 'hello'),
        '--question',
        'pipeline-broke',
        '--duration',
        String(ANALYSIS_LIMITS.maxSeconds + 1),
      ],
      /--duration must be a positive number of seconds up to 10800/,
    ],
    [
      'transcribe with a file that is not a WAV',
      () => ['transcribe', new URL('../package.json', import.meta.url).pathname],
      /Not a WAV file/,
    ],
  ];

  for (const [what, argv, message] of badInputs) {
    it(`rejects ${what} with one clear line and exit code 2`, async () => {
      const { code, stdout, stderr } = await run(...argv());
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(stderr.trim().split('\n')).toHaveLength(1);
      expect(stderr).not.toMatch(/\n\s+at /);
    });
  }
});

describe('audio input checks', () => {
  it('let ordinary recordings through, a header that only promises more audio included', async () => {
    await checkAudioFile(wav('phone.wav', { rate: 8000, bits: 8, dataBytes: 8000 * 4 }));
    await checkAudioFile(wav('cd.wav', { rate: 44_100, channels: 2, dataBytes: 44_100 * 4 * 30 }));
    // A streaming writer's header (size 0xFFFFFFFF): the duration is what the file holds.
    await checkAudioFile(wav('stream.wav', { rate: 16_000, dataBytes: 0xffffffff }, 32_000 * 5));
    await checkAudioFile(join(SHARED_AUDIO_DIR, 'misc', 'jfk.wav'));
  });
});

// Starts the real engine process (transformers.js, ONNX Runtime) to look for the model: sized for a
// busy machine (see test/waits.ts).
describe('rehearse analyze <recording.wav>', { timeout: MODEL_WAIT_MS }, () => {
  it('says what to do when no Whisper model is available (exit code 2)', async () => {
    const previous = process.env.REHEARSE_MODELS_DIR;
    process.env.REHEARSE_MODELS_DIR = mkdtempSync(join(tmpdir(), 'rehearse-no-models-'));
    try {
      const { code, stderr } = await run(
        'analyze',
        join(SHARED_AUDIO_DIR, 'misc', 'jfk.wav'),
        '--question',
        'pipeline-broke',
      );
      expect(code).toBe(2);
      expect(stderr).toMatch(/whisper-base is not in .*REHEARSE_MODELS_DIR/);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      if (previous === undefined) delete process.env.REHEARSE_MODELS_DIR;
      else process.env.REHEARSE_MODELS_DIR = previous;
    }
  });
});
