/**
 * Figures: the quantities a story states ("$4.8K a month", "40 percent", "three hours", "14
 * tables"), read from words in a form that compares across tellings, so a draft's "$4,800" and a
 * spoken "4.8K dollars" are the same figure, and "$6K" where the draft said "$4.8K" is a figure
 * that drifted.
 */
import { normalizeWord } from '../transcript/words.ts';

export interface FigureWord {
  text: string;
  start?: number;
  end?: number;
}

export type FigureUnit = 'money' | 'percent' | 'duration' | `count:${string}` | 'number';

export interface Figure {
  /** The words as written or spoken ("$4.8K", "three hours"). */
  text: string;
  /** Comparable value: dollars, percent points, seconds, or the count. */
  value: number;
  unit: FigureUnit;
  /** Index of the first word of the figure. */
  word: number;
  start?: number;
}

const SMALL: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50,
  sixty: 60, seventy: 70, eighty: 80, ninety: 90, half: 0.5, dozen: 12,
}; // prettier-ignore

const SCALE: Readonly<Record<string, number>> = {
  hundred: 100, thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, mm: 1e6, billion: 1e9, b: 1e9, bn: 1e9,
}; // prettier-ignore

const SECONDS: Readonly<Record<string, number>> = {
  second: 1, sec: 1, minute: 60, min: 60, hour: 3600, hr: 3600, day: 86400, week: 604800,
  month: 2592000, quarter: 7776000, year: 31536000, sprint: 1209600,
}; // prettier-ignore

/** Words that may follow a number without being what it counts. */
const NOT_COUNTED = new Set([
  'a', 'an', 'the', 'of', 'to', 'and', 'or', 'in', 'on', 'at', 'for', 'by', 'per', 'with', 'from',
  'was', 'were', 'is', 'are', 'am', 'pm', 'times', 'x', 'so', 'that', 'then', 'i', 'we', 'without',
  'before', 'after', 'until', 'since', 'more', 'less', 'than', 'again', 'later', 'earlier', 'ago',
]); // prettier-ignore

/** A bare number after these is a time of day ("at nine", "by 7"). */
const CLOCK_BEFORE = new Set(['at', 'by', 'around', 'until', 'till', 'before', 'after', 'past']);

function singular(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 3) return word.slice(0, -1);
  return word;
}

interface NumberRead {
  value: number;
  /** Words consumed. */
  length: number;
  money: boolean;
  percent: boolean;
}

/** Reads a numeral term: "$4.8k", "4,800", "60%", "11k", "1.2m". */
function readNumeral(term: string): NumberRead | undefined {
  const match = /^(\$)?(\d[\d,]*(?:\.\d+)?)(k|m|mm|b|bn)?(%)?$/u.exec(term);
  if (!match) return undefined;
  const digits = (match[2] ?? '').replace(/,/gu, '');
  let value = Number(digits);
  if (!Number.isFinite(value)) return undefined;
  if (match[3]) value *= SCALE[match[3]] ?? 1;
  return { value, length: 1, money: match[1] === '$', percent: match[4] === '%' };
}

/** Reads a number at `at`: a numeral or number words ("forty two", "two million", "a dozen"). */
function readNumber(terms: readonly string[], at: number): NumberRead | undefined {
  const first = terms[at] ?? '';
  const numeral = readNumeral(first);
  let read: NumberRead | undefined;
  if (numeral) read = numeral;
  else if (first in SMALL) {
    let value = SMALL[first] ?? 0;
    let length = 1;
    const next = terms[at + 1] ?? '';
    if (value >= 20 && value % 10 === 0 && (SMALL[next] ?? 10) < 10) {
      value += SMALL[next] ?? 0;
      length += 1;
    }
    read = { value, length, money: false, percent: false };
  } else return undefined;
  // Scale words after the number: "two million", "4.8 thousand", "5 k" (a bare letter only after
  // digits, so "five m" is not five million).
  for (;;) {
    const word: string = terms[at + read.length] ?? '';
    const scale: number | undefined = SCALE[word];
    if (scale === undefined || (word.length === 1 && !/^\$?\d/u.test(first))) break;
    read = { ...read, value: read.value * scale, length: read.length + 1 };
  }
  return read;
}

/** True for a clock time ("2am", "3:15", "2 am"): not a figure of the story's size. */
function isClockTime(terms: readonly string[], at: number, length: number): boolean {
  const term = terms[at] ?? '';
  if (/^\d{1,2}(:\d\d)?(am|pm)$/u.test(term) || /^\d{1,2}:\d\d$/u.test(term)) return true;
  const after = terms[at + length] ?? '';
  return after === 'am' || after === 'pm' || after === "o'clock";
}

/** Every figure in a list of words, in order. */
export function extractFigures(words: readonly FigureWord[]): Figure[] {
  const terms = words.map((word) => normalizeWord(word.text));
  const figures: Figure[] = [];
  let at = 0;
  while (at < terms.length) {
    const read = readNumber(terms, at);
    if (!read || isClockTime(terms, at, read.length)) {
      at += 1;
      continue;
    }
    // "at nine", "by seven": a time of day, not a figure of the story's size.
    const before = terms[at - 1] ?? '';
    const endsHere = /[,.;:!?]$/u.test(words[at + read.length - 1]?.text ?? '');
    let { length } = read;
    let value = read.value;
    let unit: FigureUnit;
    const next = endsHere ? '' : (terms[at + length] ?? '');
    if (read.money || next === 'dollars' || next === 'dollar' || next === 'bucks') {
      unit = 'money';
      if (!read.money) length += 1;
    } else if (read.percent || next === 'percent' || next === '%') {
      unit = 'percent';
      if (!read.percent) length += 1;
    } else if (SECONDS[singular(next)] !== undefined) {
      unit = 'duration';
      value *= SECONDS[singular(next)] ?? 1;
      length += 1;
    } else if (
      SECONDS[singular(terms[at + length + 1] ?? '')] !== undefined &&
      !NOT_COUNTED.has(next)
    ) {
      // One describing word between the number and the unit: "three missing days".
      unit = 'duration';
      value *= SECONDS[singular(terms[at + length + 1] ?? '')] ?? 1;
      length += 2;
    } else if (/^\p{L}[\p{L}-]+$/u.test(next) && !NOT_COUNTED.has(next)) {
      unit = `count:${singular(next)}`;
      length += 1;
    } else {
      unit = 'number';
    }
    // Lone "one"/"half" without a unit are words, not figures ("one of the models"); a bare
    // number after "at/by/around/until" is a time of day.
    if (unit === 'number' && (!/^\$?\d/u.test(terms[at] ?? '') || CLOCK_BEFORE.has(before))) {
      at += read.length;
      continue;
    }
    const first = words[at];
    const figure: Figure = {
      text: words
        .slice(at, at + length)
        .map((word) => word.text)
        .join(' ')
        .replace(/[,.;:!?]+$/u, ''),
      value,
      unit,
      word: at,
    };
    if (first?.start !== undefined) figure.start = first.start;
    figures.push(figure);
    at += length;
  }
  return figures;
}

/** Same figure: same unit and the values within 1 % (rounding in speech: "4.8K" vs "$4,800"). */
export function sameFigure(a: Figure, b: Figure): boolean {
  // What a count counts is read from the next word, which may be an adjective ("zero format
  // incidents" vs "zero incidents"): counts and bare numbers compare by value alone.
  const countLike = (figure: Figure) =>
    figure.unit === 'number' || figure.unit.startsWith('count:');
  if (a.unit !== b.unit && !(countLike(a) && countLike(b))) return false;
  const scale = Math.max(Math.abs(a.value), Math.abs(b.value), 1e-9);
  return Math.abs(a.value - b.value) / scale <= 0.01;
}

export interface FigureComparison {
  /** Reference figures said again (with where they were said). */
  kept: { reference: Figure; said: Figure }[];
  /** Reference figures not said at all. */
  dropped: Figure[];
  /** A reference figure replaced by a different value of the same kind. */
  drifted: { reference: Figure; said: Figure }[];
}

/**
 * Compares the figures of a telling with reference figures (the draft, or an earlier telling):
 * each reference figure is kept when the same figure is said, drifted when a figure of the same
 * unit that matches no reference figure is said instead (paired in order), dropped otherwise.
 */
export function compareFigures(
  reference: readonly Figure[],
  said: readonly Figure[],
): FigureComparison {
  const used = new Set<number>();
  const kept: FigureComparison['kept'] = [];
  const unmatched: Figure[] = [];
  for (const figure of reference) {
    const index = said.findIndex((other, at) => !used.has(at) && sameFigure(figure, other));
    const match = said[index];
    if (match) {
      used.add(index);
      kept.push({ reference: figure, said: match });
    } else unmatched.push(figure);
  }
  const drifted: FigureComparison['drifted'] = [];
  const dropped: Figure[] = [];
  for (const figure of unmatched) {
    if (figure.unit === 'number') {
      dropped.push(figure);
      continue;
    }
    const index = said.findIndex(
      (other, at) =>
        !used.has(at) &&
        other.unit === figure.unit &&
        !reference.some((ref) => sameFigure(ref, other)),
    );
    const match = said[index];
    if (match) {
      used.add(index);
      drifted.push({ reference: figure, said: match });
    } else dropped.push(figure);
  }
  return { kept, dropped, drifted };
}
