/**
 * Phrase matching over an answer's terms. Rubric vocabularies are lists of phrases written as
 * lower-case words; a word ending in "*" matches any word with that prefix ("escalat*"), "#" matches
 * any number ("42", "$4.8k", "six") and "#am" matches a number glued to a suffix ("2am").
 * Phrases are compiled once per rubric and indexed by their first word, so matching a 320-word
 * answer against a few hundred phrases stays well under a millisecond.
 */

type TokenTest = (term: string) => boolean;

export interface CompiledPhrase {
  phrase: string;
  tests: readonly TokenTest[];
}

export interface PhraseSet {
  /** Phrases whose first word is a literal, by that word. */
  byFirst: ReadonlyMap<string, readonly CompiledPhrase[]>;
  /** Phrases whose first word is a prefix or number pattern. */
  other: readonly CompiledPhrase[];
  /** `other` by the first character of the prefix ("escalat*" under "e"); "" for number patterns. */
  otherByChar: ReadonlyMap<string, readonly CompiledPhrase[]>;
}

/** A match: terms [start, end) matched `phrase`. */
export interface PhraseMatch {
  start: number;
  end: number;
  phrase: string;
}

const NUMBER_WORDS = new Set([
  'zero',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'seventy',
  'eighty',
  'ninety',
  'hundred',
  'hundreds',
  'thousand',
  'thousands',
  'million',
  'millions',
  'billion',
  'billions',
  'half',
  'twice',
  'double',
  'doubled',
  'triple',
  'tripled',
  'tenth',
  'dozen',
  'dozens',
  'percent',
]);

/**
 * True for a term that states a quantity: digits ("14", "$11k", "60%", "4.8k", "2am") or a number
 * word ("three", "half", "percent"). "one" is left out: it is far more often a pronoun.
 */
export function isNumberTerm(term: string): boolean {
  return /^\$?\d/u.test(term) || NUMBER_WORDS.has(term);
}

const UNITS = new Set([
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'quarter',
  'year',
  'sprint',
  'night',
  'weekend',
]);

/**
 * Quantities stated in terms [from, to): number terms, plus "a/an/one" + a unit of time
 * ("about a quarter", "within an hour", "one week").
 */
export function countQuantities(terms: readonly string[], from = 0, to = terms.length): number {
  let count = 0;
  for (let at = from; at < to; at += 1) {
    const term = terms[at] ?? '';
    if (isNumberTerm(term)) count += 1;
    else if ((term === 'a' || term === 'an' || term === 'one') && UNITS.has(terms[at + 1] ?? ''))
      count += 1;
  }
  return count;
}

function compileToken(token: string): TokenTest {
  if (token === '#') return isNumberTerm;
  if (token.length > 1 && token.startsWith('#')) {
    const suffix = token.slice(1).replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
    const pattern = new RegExp(`^\\d+(?:[:.]\\d+)?${suffix}$`, 'u');
    return (term) => pattern.test(term);
  }
  if (token.length > 1 && token.endsWith('*')) {
    const prefix = token.slice(0, -1);
    return (term) => term.startsWith(prefix);
  }
  return (term) => term === token;
}

function isLiteral(token: string): boolean {
  return !token.startsWith('#') && !(token.length > 1 && token.endsWith('*'));
}

/** Compiles a vocabulary. Throws on an empty phrase, so a broken rubric fails loudly. */
export function compilePhrases(phrases: readonly string[]): PhraseSet {
  const byFirst = new Map<string, CompiledPhrase[]>();
  const other: CompiledPhrase[] = [];
  for (const phrase of phrases) {
    // Hyphens and slashes split words in answers too ("on-call" is the terms "on", "call").
    const tokens = phrase
      .toLowerCase()
      .split(/[\s\-/]+/u)
      .filter((token) => token.length > 0);
    const first = tokens[0];
    if (first === undefined) throw new Error(`A rubric phrase is empty: "${phrase}".`);
    const compiled: CompiledPhrase = { phrase, tests: tokens.map(compileToken) };
    if (isLiteral(first)) {
      const list = byFirst.get(first);
      if (list) list.push(compiled);
      else byFirst.set(first, [compiled]);
    } else {
      other.push(compiled);
    }
  }
  const otherByChar = new Map<string, CompiledPhrase[]>();
  for (const phrase of other) {
    const first =
      phrase.phrase
        .toLowerCase()
        .split(/[\s\-/]+/u)
        .filter(Boolean)[0] ?? '';
    const key = first.startsWith('#') ? '' : first.charAt(0);
    const list = otherByChar.get(key);
    if (list) list.push(phrase);
    else otherByChar.set(key, [phrase]);
  }
  return { byFirst, other, otherByChar };
}

function matchesAt(
  terms: readonly string[],
  at: number,
  end: number,
  phrase: CompiledPhrase,
): boolean {
  if (at + phrase.tests.length > end) return false;
  for (let offset = 0; offset < phrase.tests.length; offset += 1) {
    const test = phrase.tests[offset];
    const term = terms[at + offset];
    if (test === undefined || term === undefined || !test(term)) return false;
  }
  return true;
}

/**
 * All matches of the set in terms [from, to), longest first at each position, without overlaps
 * (after a match, the search resumes at its end).
 */
export function findPhrases(
  terms: readonly string[],
  set: PhraseSet,
  from = 0,
  to = terms.length,
): PhraseMatch[] {
  const matches: PhraseMatch[] = [];
  let at = from;
  const numbers = set.otherByChar.get('');
  while (at < to) {
    const term = terms[at];
    let best: CompiledPhrase | undefined;
    if (term !== undefined) {
      // Literal first words, prefixes by first character, number patterns only for numbers.
      const lists = [
        set.byFirst.get(term),
        set.otherByChar.get(term.charAt(0)),
        numbers !== undefined && (isNumberTerm(term) || /^\d/u.test(term)) ? numbers : undefined,
      ];
      for (const list of lists) {
        if (list === undefined) continue;
        for (const phrase of list) {
          if (
            (best === undefined || phrase.tests.length > best.tests.length) &&
            matchesAt(terms, at, to, phrase)
          ) {
            best = phrase;
          }
        }
      }
    }
    if (best) {
      matches.push({ start: at, end: at + best.tests.length, phrase: best.phrase });
      at += best.tests.length;
    } else {
      at += 1;
    }
  }
  return matches;
}

/** True when any phrase of the set occurs in terms [from, to). */
export function hasPhrase(
  terms: readonly string[],
  set: PhraseSet,
  from = 0,
  to = terms.length,
): boolean {
  return findPhrases(terms, set, from, to).length > 0;
}
