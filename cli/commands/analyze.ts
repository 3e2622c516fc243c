import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { ANALYSIS_LIMITS, analyzeAnswer, formatReportText } from '../../shared/analysis/index.ts';
import { QUESTION_BANK, findQuestion } from '../../shared/questions/bank.ts';
import { RUBRICS, findRubric } from '../../shared/rubric/catalog.ts';
import type { Rubric } from '../../shared/rubric/types.ts';
import type { Transcript, Word } from '../../shared/transcript/types.ts';
import { CliError } from '../errors.ts';
import { checkAudioFile, checkRegularFile, MAX_TRANSCRIPT_BYTES } from '../input-file.ts';
import type { CliIO } from '../main.ts';
import { parseArgs } from 'node:util';

const USAGE =
  'rehearse analyze <transcript.txt | transcript.json | answer.wav> --question <id> [--rubric <id>] [--duration <seconds>] [--json]';

export async function runAnalyze(args: string[], io: CliIO): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      question: { type: 'string', short: 'q' },
      rubric: { type: 'string' },
      duration: { type: 'string' },
      json: { type: 'boolean', default: false },
      model: { type: 'string' },
      plain: { type: 'boolean', default: false },
    },
  });
  const [file, ...extra] = positionals;
  if (file === undefined) throw new CliError(`Missing the file to analyse. Usage: ${USAGE}`);
  if (extra.length > 0) throw new CliError(`Unexpected argument "${extra[0]}". Usage: ${USAGE}`);
  if (values.question === undefined) {
    throw new CliError(`Missing --question <id>. Run "rehearse questions" for the ids.`);
  }
  const question = findQuestion(values.question);
  if (!question) {
    throw new CliError(
      `Unknown question id "${values.question}". Known ids: ${QUESTION_BANK.map((q) => q.id).join(', ')}.`,
    );
  }
  const rubric = values.rubric === undefined ? undefined : parseRubric(values.rubric);
  const durationSec = values.duration === undefined ? undefined : parseDuration(values.duration);

  const transcript = await loadTranscript(file, values);
  const report = analyzeAnswer(transcript, question, {
    ...(durationSec === undefined ? {} : { durationSec }),
    ...(rubric === undefined ? {} : { rubric }),
  });
  if (values.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else io.stdout(formatReportText(report, question));
}

function parseRubric(id: string): Rubric {
  const rubric = findRubric(id);
  if (rubric === undefined) {
    throw new CliError(
      `Unknown rubric "${id}". Known rubrics: ${RUBRICS.map((item) => item.id).join(', ')} (run "rehearse rubrics").`,
    );
  }
  return rubric;
}

function parseDuration(text: string): number {
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > ANALYSIS_LIMITS.maxSeconds) {
    throw new CliError(
      `--duration must be a positive number of seconds up to ${ANALYSIS_LIMITS.maxSeconds}, got "${text}".`,
    );
  }
  return seconds;
}

async function loadTranscript(
  file: string,
  options: { model?: string | undefined; plain?: boolean | undefined },
): Promise<Transcript> {
  const ext = extname(file).toLowerCase();
  if (ext === '.wav') {
    await checkAudioFile(file);
    return transcribeRecording(file, options);
  }
  await checkRegularFile(file, MAX_TRANSCRIPT_BYTES);
  const text = await readFile(file, 'utf8');
  if (ext === '.json') return parseTranscriptJson(text, file);
  if (text.trim().length === 0) throw new CliError(`The transcript has no words: ${file}`);
  return { text: text.trim(), words: [] };
}

async function transcribeRecording(
  file: string,
  options: { model?: string | undefined; plain?: boolean | undefined },
): Promise<Transcript> {
  const { transcribeFile } = await import('../../electron/engine/transcribe-file.ts');
  const { DEFAULT_VERBATIM } = await import('../../electron/engine/models.ts');
  const { parseModelOption } = await import('./transcribe.ts');
  const result = await transcribeFile(file, {
    model: parseModelOption(options.model),
    verbatim: options.plain ? false : DEFAULT_VERBATIM,
  });
  return result.transcript;
}

/**
 * A timed transcript file: `{ text?, words: [{ text, start, end }], durationSec? }` (the shape
 * `rehearse transcribe --json` prints), or `{ text }` alone for an untimed one.
 */
export function parseTranscriptJson(text: string, file: string): Transcript {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not valid JSON (${(error as Error).message}).`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new CliError(`${file} must hold a JSON object with "words" and/or "text".`);
  }
  const record = data as Record<string, unknown>;
  const rawWords = record.words;
  if (rawWords !== undefined && !Array.isArray(rawWords)) {
    throw new CliError(`${file}: "words" must be an array of { text, start, end }.`);
  }
  const words: Word[] = [];
  let previousStart = -Infinity;
  for (const [index, raw] of (rawWords ?? []).entries()) {
    const where = `${file}: word ${index + 1}`;
    if (raw === null || typeof raw !== 'object') throw new CliError(`${where} is not an object.`);
    const w = raw as Record<string, unknown>;
    if (typeof w.text !== 'string' || w.text.trim() === '')
      throw new CliError(`${where} has no text.`);
    if (
      typeof w.start !== 'number' ||
      typeof w.end !== 'number' ||
      !Number.isFinite(w.start) ||
      !Number.isFinite(w.end)
    ) {
      throw new CliError(
        `${where} ("${w.text}") has no start/end times in seconds; a timed transcript needs both on every word.`,
      );
    }
    if (w.start < 0 || w.end < w.start) {
      throw new CliError(
        `${where} ("${w.text}") has invalid times: start ${w.start}, end ${w.end}.`,
      );
    }
    if (w.start < previousStart) {
      throw new CliError(
        `${where} ("${w.text}") starts before the word before it; words must be in spoken order.`,
      );
    }
    previousStart = w.start;
    const word: Word = { text: w.text.trim(), start: w.start, end: w.end };
    if (typeof w.probability === 'number') word.probability = w.probability;
    words.push(word);
  }
  const fullText =
    typeof record.text === 'string' ? record.text.trim() : words.map((w) => w.text).join(' ');
  if (words.length === 0 && fullText === '')
    throw new CliError(`${file} has no words and no text.`);
  const transcript: Transcript = { text: fullText, words };
  if (typeof record.durationSec === 'number' && record.durationSec > 0)
    transcript.durationSec = record.durationSec;
  return transcript;
}
