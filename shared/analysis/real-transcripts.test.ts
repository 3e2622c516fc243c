/**
 * Fillers and pauses on real verbatim transcripts from the shared dev set (`audio/fillers/`):
 * CrisperWhisper's word-timed output (its .vtt) and AMI's manual transcripts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { customQuestion } from '../questions/bank.ts';
import type { Word } from '../transcript/types.ts';
import { analyzeAnswer } from './index.ts';

const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

function fillersDir(): string {
  const shared = resolve(process.env.REHEARSE_SHARED_DIR ?? join(REPO_ROOT, '..', 'shared'));
  const dir = join(shared, 'audio', 'fillers');
  if (!existsSync(join(dir, 'manifest.tsv'))) {
    throw new Error(
      `Shared test data not found: ${dir}/manifest.tsv is missing. Set REHEARSE_SHARED_DIR to the folder with audio/.`,
    );
  }
  return dir;
}

const seconds = (clock: string): number => {
  const [h, m, s] = clock.split(':').map(Number);
  return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
};

/** Words of a WebVTT file with one word per cue. */
function vttWords(text: string): Word[] {
  const words: Word[] = [];
  for (const block of text.split(/\r?\n\r?\n/u)) {
    const [timing, ...lines] = block.trim().split(/\r?\n/u);
    const match = /^(\S+) --> (\S+)/u.exec(timing ?? '');
    if (!match || lines.length === 0) continue;
    words.push({
      text: lines.join(' ').trim(),
      start: seconds(match[1] ?? ''),
      end: seconds(match[2] ?? ''),
    });
  }
  return words;
}

const question = customQuestion('Tell me about your week.', 'general');

describe('real verbatim transcripts', () => {
  it('finds the filled pauses of the CrisperWhisper sample at their times, and its pauses', () => {
    const words = vttWords(readFileSync(join(fillersDir(), 'crisperwhisper_sample.vtt'), 'utf8'));
    expect(words).toHaveLength(17);
    const report = analyzeAnswer(
      { text: words.map((word) => word.text).join(' '), words, durationSec: 13.14 },
      question,
    );
    const fillers = report.fillers.occurrences.map((found) => [
      found.filler,
      found.start,
      found.end,
    ]);
    // "So" opens the sentence straight into a filled pause: an opener filler.
    expect(fillers).toEqual([
      ['so', 2.0, 2.38],
      ['uh', 2.54, 2.92],
      ['um', 10.6, 11.24],
    ]);
    expect(report.words.filter((word) => word.filler).map((word) => word.text)).toEqual([
      'So',
      '[UH]',
      '[UM]',
    ]);
    expect(report.timing.pauses.map((pause) => report.words[pause.afterWord]?.text)).toEqual([
      'tonight',
      'taste',
      'delicious',
    ]);
    expect(report.timing.pauses[1]?.durationSec).toBeCloseTo(2.18, 2);
  });

  it('counts the um and uh of the AMI transcripts as the manifest states', () => {
    const rows = readFileSync(join(fillersDir(), 'manifest.tsv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t'));
    const text = (file: string): string => {
      const row = rows.find((columns) => columns[0] === file);
      if (!row?.[2]) throw new Error(`${file} is not in the fillers manifest.`);
      return row[2];
    };
    const first = analyzeAnswer(
      { text: text('ami_EN2001a_utterance_00000.wav'), words: [] },
      question,
    ).fillers.byForm;
    expect([first.um ?? 0, first.uh ?? 0]).toEqual([0, 1]);
    const second = analyzeAnswer(
      { text: text('ami_EN2001a_utterance_00001.wav'), words: [] },
      question,
    ).fillers.byForm;
    expect([second.um ?? 0, second.uh ?? 0]).toEqual([2, 1]);
  });
});
