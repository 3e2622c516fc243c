/**
 * Checks a rubric and compiles its vocabularies once (cached per rubric object), so a broken rubric
 * fails with a clear message before any answer is analysed.
 */
import { CHECK_CODES, checkFor } from '../analysis/checks/index.ts';
import type { FindingCode } from '../analysis/types.ts';
import { compilePhrases, type PhraseSet } from '../analysis/phrases.ts';
import type { FindingRule, Rubric, RubricLexicon } from './types.ts';

export interface CompiledRubric {
  rubric: Rubric;
  lexicon: Record<keyof RubricLexicon, PhraseSet>;
  rules: ReadonlyMap<FindingCode, FindingRule>;
}

const cache = new WeakMap<Rubric, CompiledRubric>();

/** Throws an Error naming the first problem in the rubric. */
export function validateRubric(rubric: Rubric): void {
  const where = `Rubric "${rubric.id}"`;
  if (rubric.dimensions.length === 0) throw new Error(`${where} has no dimensions.`);
  const ids = new Set<string>();
  for (const dimension of rubric.dimensions) {
    if (ids.has(dimension.id))
      throw new Error(`${where} has two dimensions with id "${dimension.id}".`);
    ids.add(dimension.id);
    if (!Number.isFinite(dimension.weight) || dimension.weight < 0) {
      throw new Error(`${where}: dimension "${dimension.id}" needs a weight ≥ 0.`);
    }
  }
  if (rubric.dimensions.every((dimension) => dimension.weight === 0)) {
    throw new Error(`${where}: at least one dimension needs a weight above 0.`);
  }
  const codes = new Set<string>();
  for (const rule of rubric.findings) {
    const check = checkFor(rule.code);
    if (check === undefined) {
      throw new Error(
        `${where} lists unknown finding "${String(rule.code)}"; known codes: ${CHECK_CODES.join(', ')}.`,
      );
    }
    if (rule.appliesTo !== undefined && check.kinds !== 'all') {
      const meant = check.kinds;
      const beyond =
        rule.appliesTo === 'all' ? 'all' : rule.appliesTo.find((kind) => !meant.includes(kind));
      if (beyond !== undefined) {
        throw new Error(
          `${where}: finding "${rule.code}" is meant for ${meant.join(', ')} stories; it cannot apply to ${beyond === 'all' ? 'all kinds' : `"${beyond}"`}.`,
        );
      }
    }
    if (codes.has(rule.code)) throw new Error(`${where} lists finding "${rule.code}" twice.`);
    codes.add(rule.code);
    if (!ids.has(rule.dimension)) {
      throw new Error(
        `${where}: finding "${rule.code}" counts against unknown dimension "${rule.dimension}".`,
      );
    }
    if (!rule.message.includes('{detail}')) {
      throw new Error(`${where}: the message of "${rule.code}" needs a {detail} placeholder.`);
    }
  }
  const { thresholds } = rubric;
  if (!(thresholds.pauseSeconds > 0)) throw new Error(`${where}: pauseSeconds must be above 0.`);
  if (!(thresholds.paceWindowSeconds > 0))
    throw new Error(`${where}: paceWindowSeconds must be above 0.`);
  for (const name of ['overallCapByProblems', 'overallCapByWeight'] as const) {
    if (thresholds[name].some((cap) => !(cap >= 0 && cap <= 100))) {
      throw new Error(`${where}: ${name} entries must be between 0 and 100.`);
    }
  }
  if (!(thresholds.tooShortToTell.cap >= 0 && thresholds.tooShortToTell.cap <= 100)) {
    throw new Error(`${where}: tooShortToTell.cap must be between 0 and 100.`);
  }
  if (
    !(thresholds.tooLittleAction.cap >= 0 && thresholds.tooLittleAction.cap <= 100) ||
    !(thresholds.tooLittleAction.belowShare >= 0 && thresholds.tooLittleAction.belowShare <= 1)
  ) {
    throw new Error(
      `${where}: tooLittleAction needs a cap between 0 and 100 and a belowShare between 0 and 1.`,
    );
  }
  if (
    !(thresholds.contentGap.cap >= 0 && thresholds.contentGap.cap <= 100) ||
    thresholds.contentGap.dimensions.some(
      (id) => !rubric.dimensions.some((dimension) => dimension.id === id),
    )
  ) {
    throw new Error(
      `${where}: contentGap needs a cap between 0 and 100 and dimensions the rubric has.`,
    );
  }
  if (!(thresholds.unevidencedScore >= 0 && thresholds.unevidencedScore <= 100)) {
    throw new Error(`${where}: unevidencedScore must be between 0 and 100.`);
  }
  for (const severity of ['info', 'warning', 'problem'] as const) {
    const weight = thresholds.findingWeight[severity];
    if (!Number.isInteger(weight) || weight < 0) {
      throw new Error(`${where}: findingWeight.${severity} must be a whole number ≥ 0.`);
    }
  }
}

export function compileRubric(rubric: Rubric): CompiledRubric {
  const cached = cache.get(rubric);
  if (cached) return cached;
  validateRubric(rubric);
  const entries = Object.entries(rubric.lexicon) as [keyof RubricLexicon, readonly string[]][];
  const lexicon = Object.fromEntries(
    entries.map(([name, phrases]) => [name, compilePhrases(phrases)]),
  ) as Record<keyof RubricLexicon, PhraseSet>;
  const compiled: CompiledRubric = {
    rubric,
    lexicon,
    rules: new Map(rubric.findings.map((rule) => [rule.code, rule])),
  };
  cache.set(rubric, compiled);
  return compiled;
}
