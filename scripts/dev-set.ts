/**
 * The labelled development set of real answers (`../shared/answers/`, see its README), scored
 * in-process with `analyzeAnswer`. The parsing of the answer files and the mapping of report
 * sections to sentence roles come from the set's own `score-dev-set.mjs`, read at run time, so
 * these figures are the ones that script prints. The answers are third-party texts: they are read
 * from the shared folder and never copied into the repository.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analyzeAnswer } from '../shared/analysis/index.ts';
import type { RoleModel } from '../shared/analysis/roles.ts';
import type { Rubric } from '../shared/rubric/types.ts';
import type { AnswerReport, Finding } from '../shared/analysis/types.ts';
import { findQuestion } from '../shared/questions/bank.ts';

export const ROLES = ['S', 'T', 'A', 'R', 'O'] as const;
export type Role = (typeof ROLES)[number];
export const BANDS = ['strong', 'middling', 'weak'] as const;
export type Band = (typeof BANDS)[number];

interface LabelledSentence {
  role: Role;
  text: string;
}

export interface LabelledAnswer {
  question: string;
  band: Band;
  present: string[];
  absent: string[];
  sentences: LabelledSentence[];
}

interface DevSetScript {
  parseAnswerFile(text: string, name: string): LabelledAnswer;
  sentenceRoles(sentences: LabelledSentence[], report: AnswerReport): Role[];
  bandOf(score: number): Band;
}

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** `../shared/answers` next to the repo, or `$REHEARSE_SHARED_DIR/answers`. */
export function answersDir(): string {
  const shared = process.env.REHEARSE_SHARED_DIR ?? resolve(repoRoot, '../shared');
  const dir = join(shared, 'answers');
  if (!existsSync(join(dir, 'real')) || !existsSync(join(dir, 'score-dev-set.mjs'))) {
    throw new Error(
      `The answers dev set was not found at ${dir} (expected real/ and score-dev-set.mjs). Set REHEARSE_SHARED_DIR to the folder that holds answers/.`,
    );
  }
  return dir;
}

export interface FileResult {
  file: string;
  answer: LabelledAnswer;
  report: AnswerReport;
  band: Band;
  roles: Role[];
  missedPresent: string[];
  firedAbsent: string[];
  /** `problem` findings whose code the labels say must be absent. */
  falseProblems: Finding[];
}

export interface DevSetFigures {
  files: FileResult[];
  codes: { agree: number; total: number };
  bands: { agree: number; total: number };
  roles: { agree: number; total: number };
  /** confusion[label][scorer] */
  roleConfusion: Record<Role, Record<Role, number>>;
  bandConfusion: Record<Band, Record<Band, number>>;
  perCode: Map<
    string,
    { presentHit: number; presentMiss: number; absentOk: number; absentFired: number }
  >;
}

const grid = <K extends string>(keys: readonly K[]): Record<K, Record<K, number>> =>
  Object.fromEntries(
    keys.map((row) => [row, Object.fromEntries(keys.map((column) => [column, 0]))]),
  ) as Record<K, Record<K, number>>;

export interface ScoreDevSetOptions {
  /**
   * The role model to score one answer with (cross-validation: one fitted without that answer);
   * the committed ROLE_MODEL when left out or when it returns undefined.
   */
  roleModelFor?: (file: string) => RoleModel | undefined;
  /** The rubric to score with (the default one when left out). */
  rubric?: Rubric;
}

export async function scoreDevSet(
  dir = answersDir(),
  options: ScoreDevSetOptions = {},
): Promise<DevSetFigures> {
  const script = (await import(pathToFileURL(join(dir, 'score-dev-set.mjs')).href)) as DevSetScript;
  const folder = join(dir, 'real');
  const names = readdirSync(folder)
    .filter((name) => name.endsWith('.txt'))
    .sort();
  const figures: DevSetFigures = {
    files: [],
    codes: { agree: 0, total: 0 },
    bands: { agree: 0, total: 0 },
    roles: { agree: 0, total: 0 },
    roleConfusion: grid(ROLES),
    bandConfusion: grid(BANDS),
    perCode: new Map(),
  };
  for (const file of names) {
    const answer = script.parseAnswerFile(readFileSync(join(folder, file), 'utf8'), file);
    const question = findQuestion(answer.question);
    if (question === undefined) throw new Error(`${file}: unknown question "${answer.question}".`);
    const text = answer.sentences.map((sentence) => sentence.text).join(' ');
    const roleModel = options.roleModelFor?.(file);
    const report = analyzeAnswer({ text, words: [] }, question, {
      ...(roleModel === undefined ? {} : { roleModel }),
      ...(options.rubric === undefined ? {} : { rubric: options.rubric }),
    });
    const found = new Set<string>(report.findings.map((finding) => finding.code));
    const missedPresent = answer.present.filter((code) => !found.has(code));
    const firedAbsent = answer.absent.filter((code) => found.has(code));
    const stat = (code: string) => {
      let entry = figures.perCode.get(code);
      if (entry === undefined) {
        entry = { presentHit: 0, presentMiss: 0, absentOk: 0, absentFired: 0 };
        figures.perCode.set(code, entry);
      }
      return entry;
    };
    for (const code of answer.present) {
      if (found.has(code)) stat(code).presentHit += 1;
      else stat(code).presentMiss += 1;
    }
    for (const code of answer.absent) {
      if (found.has(code)) stat(code).absentFired += 1;
      else stat(code).absentOk += 1;
    }
    const total = answer.present.length + answer.absent.length;
    figures.codes.total += total;
    figures.codes.agree += total - missedPresent.length - firedAbsent.length;
    const band = script.bandOf(report.score.overall);
    figures.bands.total += 1;
    if (band === answer.band) figures.bands.agree += 1;
    figures.bandConfusion[answer.band][band] += 1;
    const roles = script.sentenceRoles(answer.sentences, report);
    answer.sentences.forEach((sentence, index) => {
      const got = roles[index] ?? 'O';
      figures.roleConfusion[sentence.role][got] += 1;
      figures.roles.total += 1;
      if (got === sentence.role) figures.roles.agree += 1;
    });
    const falseProblems = report.findings.filter(
      (finding) => finding.severity === 'problem' && answer.absent.includes(finding.code),
    );
    figures.files.push({
      file,
      answer,
      report,
      band,
      roles,
      missedPresent,
      firedAbsent,
      falseProblems,
    });
  }
  return figures;
}
