/**
 * Builds the spoken answer the e2e feeds to Chromium as its microphone: espeak-ng reads a STAR
 * answer to `pipeline-broke` (with "um", "uh", "you know", "basically" and a "by the way" aside),
 * sox converts it to 48 kHz
 * mono 16-bit and pads it with silence. Leading silence covers the time between the microphone
 * opening and the end of the 3-2-1 countdown (Chromium plays the file from the moment capture starts).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export const ANSWER_TEXT = [
  'So, um, this was at my last company, where I owned the nightly orders pipeline that fed the finance dashboards.',
  'One Monday morning the revenue dashboard showed zero sales for Sunday, and, you know, the finance team noticed it before we did.',
  'My task was to find out what broke, stop the bad numbers from spreading, and make sure it could not happen quietly again.',
  'So, uh, first I paused the downstream jobs so nobody would read the broken tables,',
  'and I posted in the incident channel to tell finance we were on it and when to expect the next update.',
  'Then I looked at the Airflow logs.',
  // An aside the analysis marks as a digression (rambling), so the e2e sees that shading too.
  'By the way, that was the same week we moved offices, so nobody had slept much.',
  'Anyway, basically, an upstream team had renamed a column in the orders table, and our load step silently wrote nulls instead of failing.',
  'I fixed the mapping, backfilled the two missing days, and checked the totals against the source system before I turned the dashboards back on.',
  'After that, I added a schema contract test on the source table, and a null rate check that pages the on-call engineer.',
  'I also wrote the post-mortem and walked both teams through it.',
  'The result was that the dashboards were correct again within four hours,',
  'and since then the checks have caught three schema changes before they reached anyone.',
  'Our time to detect went from about a day to under ten minutes.',
  'Um, looking back, I learned to treat silent failures as the worst kind of failure, so now every pipeline I build fails loudly.',
].join(' ');

/**
 * Words the transcript must contain: ones Whisper gets right from espeak's voice in every run we
 * saw (it hears "orders pipeline" as "orders I planned", "incident" once as "insident").
 */
export const EXPECTED_WORDS = ['finance', 'monday', 'downstream', 'minutes'];

const normalise = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9' -]+/g, ' ')
    .split(/[\s-]+/)
    .filter(Boolean);

/** Share of the answer's distinct words (3+ letters) that appear in the transcript. */
export function wordRecall(transcript: string): number {
  const heard = new Set(normalise(transcript));
  const reference = [...new Set(normalise(ANSWER_TEXT).filter((w) => w.length >= 3))];
  return reference.filter((w) => heard.has(w)).length / reference.length;
}

export interface AnswerAudio {
  path: string;
  /** Whole file, silence included. */
  durationSec: number;
  leadingSilenceSec: number;
  speechSec: number;
}

function requireTool(name: string): void {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
  } catch {
    throw new Error(
      `The e2e needs "${name}" to build its spoken answer (apt-get install ${name === 'sox' ? 'sox' : 'espeak-ng'}).`,
    );
  }
}

function soxDuration(path: string): number {
  return Number(execFileSync('soxi', ['-D', path], { encoding: 'utf8' }).trim());
}

export function buildAnswerAudio(
  dir: string,
  options: { leadingSilenceSec?: number; trailingSilenceSec?: number } = {},
): AnswerAudio {
  // 125 words per minute makes this a two-minute answer, the length the app coaches towards.
  return speakToWav(dir, 'answer', ANSWER_TEXT, { wordsPerMinute: 125, ...options });
}

/**
 * Any text read by espeak-ng as a fake-microphone WAV (48 kHz mono 16-bit), padded with silence:
 * `<dir>/<name>.wav`.
 */
export function speakToWav(
  dir: string,
  name: string,
  text: string,
  { leadingSilenceSec = 6, trailingSilenceSec = 2, wordsPerMinute = 150 } = {},
): AnswerAudio {
  requireTool('espeak-ng');
  requireTool('sox');
  const speech = join(dir, `${name}-speech.wav`);
  const path = join(dir, `${name}.wav`);
  execFileSync('espeak-ng', ['-v', 'en-us', '-s', String(wordsPerMinute), '-w', speech, text]);
  execFileSync('sox', [
    speech,
    '-r',
    '48000',
    '-b',
    '16',
    '-c',
    '1',
    path,
    'pad',
    String(leadingSilenceSec),
    String(trailingSilenceSec),
  ]);
  const speechSec = soxDuration(speech);
  return { path, durationSec: soxDuration(path), leadingSilenceSec, speechSec };
}
