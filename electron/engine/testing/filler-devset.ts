/**
 * A labelled filler dev set built at run time from the shared real speech (never stored in the repo):
 * real "um"/"uh" tokens, cut at known times from the shared disfluent clips, are spliced at word
 * boundaries into other real speech (the fluent LibriSpeech and JFK clips) in the places where
 * recognisers lose them: at the start of the answer, before a clause, mid-clause, in runs
 * ("uh uh uh"), and beside a repeated word ("and and um"). Every inserted token's type and time is the
 * label. The same seed gives the same clips, sample for sample.
 *
 * The splice is plain sample arithmetic: cut points snap to the quietest 10 ms frame near the
 * recogniser's word boundary, every piece gets 10 ms fades, pauses are filled with noise at the host's
 * own noise floor, and a filler is scaled to the host's speech level (0-6 dB softer, as fillers are).
 */
import { readFileSync } from 'node:fs';
import { FRAME_SAMPLES, FRAME_SEC, VoiceActivity } from '../audio/activity.ts';
import { resample } from '../audio/resample.ts';
import { decodeWav } from '../audio/wav.ts';
import { fillerCuesFromVtt, type FillerEvent, type FillerKind } from '../metrics.ts';
import { readAudioManifest, sharedAudio, type ManifestRow } from './shared-data.ts';
import { seededRandom } from '../../../shared/random/seeded.ts';

export type { FillerEvent, FillerKind };

/** Where a filler was placed; dev-set recall is reported per context. */
export const CONTEXTS = ['initial', 'clause', 'mid', 'run', 'repetition'] as const;
export type FillerContext = (typeof CONTEXTS)[number];

export interface LabelledFiller extends FillerEvent {
  context: FillerContext;
  /** The source token (clip and time), for listening to a miss. */
  token: string;
}

/** A real filler token: its audio (16 kHz mono) and where it came from. */
export interface FillerToken {
  kind: FillerKind;
  pcm: Float32Array;
  name: string;
}

/** A fluent clip with word times (from the recogniser's alignment) to splice into. */
export interface HostClip {
  name: string;
  pcm: Float32Array;
  words: readonly { text: string; start: number; end: number }[];
}

export interface DevClip {
  name: string;
  pcm: Float32Array;
  fillers: LabelledFiller[];
  /** The host words with the inserted fillers and repetitions, for reading a transcript against. */
  text: string;
}

export interface DevSetOptions {
  seed: number;
  /** Clips built from each host (each with different insertions). */
  variantsPerHost: number;
  /** Insertion sites per clip. */
  sitesPerClip: number;
}

export const DEFAULT_DEVSET_OPTIONS: DevSetOptions = {
  seed: 13,
  variantsPerHost: 1,
  sitesPerClip: 4,
};

const RATE = 16_000;
const FADE = Math.round(0.01 * RATE);
/** Words that start a clause: a filler before them is "clause-initial". */
const CLAUSE_WORDS = new Set([
  'and',
  'but',
  'so',
  'that',
  'which',
  'who',
  'when',
  'if',
  'because',
  'or',
  'to',
  'for',
  'then',
  'while',
  'as',
  'ask',
  'i',
  'we',
  'he',
  'she',
  'it',
  'they',
]);
/** Insertion sites are at least this far apart (host time), so no two labels can match one output. */
const MIN_SITE_SPACING_SEC = 1.2;

function hashString(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const normaliseWord = (text: string): string => text.toLowerCase().replace(/[^a-z']/g, '');

function frameLevels(pcm: Float32Array): { levels: number[]; speech: boolean[] } {
  const activity = new VoiceActivity();
  activity.push(pcm);
  return { levels: activity.levels, speech: activity.speech };
}

function rms(samples: Float32Array): number {
  let sum = 0;
  for (const v of samples) sum += v * v;
  return Math.sqrt(sum / Math.max(1, samples.length));
}

/** RMS over the frames the activity detector calls speech (the whole clip if none). */
function speechRms(pcm: Float32Array): number {
  const { speech } = frameLevels(pcm);
  let sum = 0;
  let count = 0;
  for (let f = 0; f < speech.length; f++) {
    if (!speech[f]) continue;
    for (let i = f * FRAME_SAMPLES; i < (f + 1) * FRAME_SAMPLES && i < pcm.length; i++) {
      sum += pcm[i]! * pcm[i]!;
      count++;
    }
  }
  return count > 0 ? Math.sqrt(sum / count) : rms(pcm);
}

/** The host's quietest 200 ms (its room tone), used to fill inserted pauses. */
function roomTone(pcm: Float32Array, levels: readonly number[]): Float32Array {
  const span = 20;
  let best = 0;
  let bestSum = Number.POSITIVE_INFINITY;
  for (let f = 0; f + span <= levels.length; f++) {
    let sum = 0;
    for (let k = f; k < f + span; k++) sum += levels[k]!;
    if (sum < bestSum) {
      bestSum = sum;
      best = f;
    }
  }
  return pcm.slice(best * FRAME_SAMPLES, (best + span) * FRAME_SAMPLES);
}

function faded(samples: Float32Array, gain = 1): Float32Array {
  const out = Float32Array.from(samples, (v) => v * gain);
  const fade = Math.min(FADE, Math.floor(out.length / 2));
  for (let i = 0; i < fade; i++) {
    out[i] = out[i]! * (i / fade);
    out[out.length - 1 - i] = out[out.length - 1 - i]! * (i / fade);
  }
  return out;
}

/** `seconds` of room tone: the host's quiet stretch repeated, alternately reversed (no jumps). */
function pauseOf(seconds: number, tone: Float32Array): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  const n = tone.length;
  for (let i = 0; i < out.length; i++) {
    const lap = Math.floor(i / n);
    const k = i % n;
    out[i] = tone[lap % 2 === 0 ? k : n - 1 - k]!;
  }
  return out;
}

/** The quietest frame boundary (sample index) in [fromSec, toSec] of the host. */
function quietestCut(levels: readonly number[], fromSec: number, toSec: number): number {
  const first = Math.max(0, Math.floor(fromSec / FRAME_SEC));
  const last = Math.min(levels.length - 1, Math.ceil(toSec / FRAME_SEC));
  let best = first;
  for (let f = first; f <= last; f++) if (levels[f]! < levels[best]!) best = f;
  // Cut in the middle of the quietest frame.
  return best * FRAME_SAMPLES + FRAME_SAMPLES / 2;
}

interface Site {
  /** Insert before host word `word` (0 = before the first word). */
  word: number;
  context: FillerContext;
}

function pickSites(host: HostClip, count: number, random: () => number): Site[] {
  const words = host.words;
  const candidates: Site[] = [];
  if (words.length > 0) candidates.push({ word: 0, context: 'initial' });
  for (let i = 1; i < words.length; i++) {
    const clause = CLAUSE_WORDS.has(normaliseWord(words[i]!.text));
    candidates.push({ word: i, context: clause ? 'clause' : 'mid' });
    candidates.push({ word: i, context: 'run' });
    if (normaliseWord(words[i - 1]!.text).length > 0)
      candidates.push({ word: i, context: 'repetition' });
  }
  // Each pick: a context not yet used in this clip (any, once all are used), then a site for it.
  const chosen: Site[] = [];
  const used = new Set<FillerContext>();
  let pool = candidates;
  while (chosen.length < count && pool.length > 0) {
    const available = CONTEXTS.filter((c) => pool.some((s) => s.context === c));
    const fresh = available.filter((c) => !used.has(c));
    const contexts = fresh.length > 0 ? fresh : available;
    const context = contexts[Math.floor(random() * contexts.length)]!;
    const sites = pool.filter((s) => s.context === context);
    const pick = sites[Math.floor(random() * sites.length)]!;
    chosen.push(pick);
    used.add(pick.context);
    const at = words[pick.word]!.start;
    pool = pool.filter((c) => Math.abs(words[c.word]!.start - at) >= MIN_SITE_SPACING_SEC);
  }
  return chosen.sort((a, b) => a.word - b.word);
}

/**
 * Builds the dev set from fluent host clips and real filler tokens. Pure and deterministic: the same
 * hosts, tokens and options give the same clips.
 */
export function buildFillerDevSet(
  hosts: readonly HostClip[],
  tokens: readonly FillerToken[],
  options: DevSetOptions = DEFAULT_DEVSET_OPTIONS,
): DevClip[] {
  const byKind: Record<FillerKind, FillerToken[]> = {
    uh: tokens.filter((t) => t.kind === 'uh'),
    um: tokens.filter((t) => t.kind === 'um'),
  };
  if (byKind.uh.length === 0 || byKind.um.length === 0)
    throw new Error('The filler dev set needs at least one "uh" and one "um" token.');
  const tokenRms = new Map(tokens.map((t) => [t, speechRms(t.pcm)]));
  const clips: DevClip[] = [];
  for (const host of hosts) {
    if (host.words.length < 2) continue;
    const { levels } = frameLevels(host.pcm);
    const hostLevel = speechRms(host.pcm);
    const tone = roomTone(host.pcm, levels);
    for (let variant = 0; variant < options.variantsPerHost; variant++) {
      const random = seededRandom(hashString(`${options.seed}/${host.name}/${variant}`));
      const between = (a: number, b: number): number => a + (b - a) * random();
      const pickToken = (kind: FillerKind): FillerToken =>
        byKind[kind][Math.floor(random() * byKind[kind].length)]!;
      const pieces: Float32Array[] = [];
      const fillers: LabelledFiller[] = [];
      const textWords: string[] = [];
      let length = 0;
      const push = (samples: Float32Array): void => {
        pieces.push(samples);
        length += samples.length;
      };
      const pause = (a: number, b: number): void => push(pauseOf(between(a, b), tone));
      const filler = (kind: FillerKind, context: FillerContext): void => {
        const token = pickToken(kind);
        const gain = (hostLevel / tokenRms.get(token)!) * 10 ** (-between(0, 6) / 20);
        const start = length / RATE;
        push(faded(token.pcm, gain));
        fillers.push({ kind, start, end: length / RATE, context, token: token.name });
        textWords.push(kind);
      };
      // Cut points: before word i, at the quietest frame near its start.
      const cuts = host.words.map((w, i) =>
        i === 0
          ? quietestCut(levels, Math.max(0, w.start - 0.3), w.start)
          : quietestCut(levels, w.start - 0.1, w.start + 0.03),
      );
      cuts.push(host.pcm.length);
      const sites = pickSites(host, options.sitesPerClip, random);
      let from = 0;
      let nextWord = 0;
      for (const site of sites) {
        const cut = cuts[site.word]!;
        push(faded(host.pcm.subarray(from, cut)));
        for (; nextWord < site.word; nextWord++) textWords.push(host.words[nextWord]!.text);
        from = cut;
        const kind: FillerKind = random() < 0.5 ? 'uh' : 'um';
        switch (site.context) {
          case 'initial':
          case 'clause':
            pause(0.08, 0.35);
            filler(kind, site.context);
            pause(0.1, 0.4);
            break;
          case 'mid':
            pause(0.02, 0.25);
            filler(kind, site.context);
            pause(0.02, 0.25);
            break;
          case 'run': {
            // Runs mostly repeat one type ("uh uh uh"); sometimes they mix ("uh um").
            const count = 2 + Math.floor(random() * 2);
            const mixed = random() < 0.25;
            pause(0.05, 0.3);
            for (let k = 0; k < count; k++) {
              const runKind: FillerKind =
                mixed && k % 2 === 1 ? (kind === 'uh' ? 'um' : 'uh') : kind;
              filler(runKind, 'run');
              pause(0.12, 0.35);
            }
            break;
          }
          case 'repetition': {
            // "and and um" or "and um and": the word before the site said again, beside a filler.
            const previous = host.words[site.word - 1]!;
            const word = faded(host.pcm.subarray(cuts[site.word - 1]!, cut));
            if (random() < 0.5) {
              pause(0.03, 0.15);
              push(word);
              textWords.push(previous.text);
              pause(0.05, 0.25);
              filler(kind, 'repetition');
              pause(0.05, 0.25);
            } else {
              pause(0.05, 0.25);
              filler(kind, 'repetition');
              pause(0.05, 0.25);
              push(word);
              textWords.push(previous.text);
              pause(0.02, 0.1);
            }
            break;
          }
        }
      }
      push(faded(host.pcm.subarray(from)));
      for (; nextWord < host.words.length; nextWord++) textWords.push(host.words[nextWord]!.text);
      const pcm = new Float32Array(length);
      let at = 0;
      for (const piece of pieces) {
        pcm.set(piece, at);
        at += piece.length;
      }
      clips.push({
        name: `${host.name.replace(/\.wav$/, '')}~${variant}`,
        pcm,
        fillers,
        text: textWords.join(' '),
      });
    }
  }
  return clips;
}

/**
 * Filler times in the two AMI clips (their transcripts give the words, not times), annotated for this
 * project from spectrograms: the steady vowel and, for "um", its nasal murmur up to the next word.
 */
const AMI_FILLER_TIMES: Readonly<Record<string, readonly FillerEvent[]>> = {
  'ami_EN2001a_utterance_00000.wav': [{ kind: 'uh', start: 9.34, end: 9.58 }],
  'ami_EN2001a_utterance_00001.wav': [
    { kind: 'um', start: 1.22, end: 2.05 },
    { kind: 'um', start: 10.93, end: 11.57 },
    { kind: 'uh', start: 13.45, end: 13.83 },
  ],
};

/**
 * The timed fillers of a shared clip in `fillers/`: CrisperWhisper's from its VTT, AMI's from the
 * annotation above. A clip with neither is an error (its fillers could not be scored by time).
 */
export function referenceFillerEvents(file: string): FillerEvent[] {
  const annotated = AMI_FILLER_TIMES[file];
  if (annotated) return [...annotated];
  const vtt = sharedAudio(`fillers/${file.replace(/\.wav$/, '.vtt')}`);
  return fillerCuesFromVtt(readFileSync(vtt, 'utf8'));
}

/** 16 kHz mono samples of a shared clip. */
export function readSharedClip(path: string): Float32Array {
  const audio = decodeWav(readFileSync(path));
  return resample(audio.samples, audio.sampleRate);
}

/** Every timed filler of the shared disfluent clips, cut out as a token. */
export function loadFillerTokens(): FillerToken[] {
  const tokens: FillerToken[] = [];
  for (const clip of readAudioManifest('fillers')) {
    const pcm = readSharedClip(clip.path);
    for (const event of referenceFillerEvents(clip.file)) {
      tokens.push({
        kind: event.kind,
        pcm: pcm.slice(Math.round(event.start * RATE), Math.round(event.end * RATE)),
        name: `${clip.file}@${event.start.toFixed(2)}`,
      });
    }
  }
  return tokens;
}

/** The fluent shared clips (LibriSpeech, JFK) that fillers are spliced into. */
export function fluentSharedClips(): ManifestRow[] {
  return [...readAudioManifest('librispeech'), ...readAudioManifest('misc')];
}

/** What building the shared dev set needs from the engine: plain transcription with word times. */
export interface WordTimer {
  transcribe(
    pcm: Float32Array,
    options: { verbatim: boolean },
  ): Promise<{ transcript: { words: HostClip['words'] } }>;
}

/**
 * The dev set from the shared clips: word boundaries of the fluent clips from `engine` (plain
 * decoding; load whisper-base for the set the evaluation reports), fillers from the disfluent clips.
 */
export async function buildSharedFillerDevSet(
  engine: WordTimer,
  options: DevSetOptions = DEFAULT_DEVSET_OPTIONS,
): Promise<DevClip[]> {
  const hosts: HostClip[] = [];
  for (const clip of fluentSharedClips()) {
    const pcm = readSharedClip(clip.path);
    const { transcript } = await engine.transcribe(pcm, { verbatim: false });
    hosts.push({ name: clip.file, pcm, words: transcript.words });
  }
  return buildFillerDevSet(hosts, loadFillerTokens(), options);
}

/**
 * The dev set's two parts, split by speaker so no voice is in both: filled-pause detection is
 * designed on `train` and reported on `test`. (The filler tokens are the same six real ones in both;
 * the figures on `test` measure new voices and contexts, not new filler voices.)
 */
export const DEV_SPLITS = ['train', 'test'] as const;
export type DevSplit = (typeof DEV_SPLITS)[number];
const TRAIN_SPEAKERS = new Set(['1089', '121', '1221', '1320', '1988']);

/** The part a dev clip (or its host file) belongs to. */
export function devSplit(clipName: string): DevSplit {
  const speaker = clipName.split('-')[0] ?? '';
  return TRAIN_SPEAKERS.has(speaker) ? 'train' : 'test';
}
