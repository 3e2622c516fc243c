/**
 * Evaluates the answer scorer against the labelled dev set of real answers (`../shared/answers/`)
 * and the guide's sample answers:
 *   npm run eval:rubric [-- --sentences] [-- --file 07]
 * Prints code agreement, band agreement, sentence-role accuracy with the confusion matrix, and every
 * `problem` finding the labels do not back (false: labelled absent; unconfirmed: not labelled).
 * `--sentences` also prints every sentence whose role differs from the label.
 */
import { parseArgs } from 'node:util';
import { analyzeAnswer } from '../shared/analysis/index.ts';
import { FLAWED } from '../shared/analysis/fixtures/answers.ts';
import { GUIDE_SAMPLES } from '../shared/analysis/fixtures/guide-samples.ts';
import { findQuestion } from '../shared/questions/bank.ts';
import { BANDS, ROLES, scoreDevSet } from './dev-set.ts';
import { runOffQuestion } from './off-question.ts';

const { values } = parseArgs({
  options: {
    sentences: { type: 'boolean', default: false },
    file: { type: 'string' },
  },
});

const pct = (agree: number, total: number): string =>
  total === 0 ? 'n/a' : `${((100 * agree) / total).toFixed(1)}%`;

const figures = await scoreDevSet();
const quote = (text: string, max = 90): string =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

for (const result of figures.files) {
  if (values.file !== undefined && !result.file.startsWith(values.file)) continue;
  const { answer, report } = result;
  const roleAgree = answer.sentences.filter(
    (sentence, index) => sentence.role === result.roles[index],
  ).length;
  const misses = [
    ...result.missedPresent.map((code) => `+${code}`),
    ...result.firedAbsent.map((code) => `-${code}`),
  ];
  console.log(
    `${result.file}  band ${answer.band}/${result.band} (${report.score.overall})` +
      `  codes ${answer.present.length + answer.absent.length - misses.length}/${answer.present.length + answer.absent.length}${misses.length > 0 ? ` [${misses.join(' ')}]` : ''}` +
      `  roles ${roleAgree}/${answer.sentences.length}`,
  );
  if (values.sentences || values.file !== undefined) {
    answer.sentences.forEach((sentence, index) => {
      const got = result.roles[index];
      if (got !== sentence.role || values.file !== undefined)
        console.log(`    ${sentence.role}>${got ?? '?'}  ${quote(sentence.text)}`);
    });
  }
  if (values.file !== undefined) {
    for (const finding of report.findings)
      console.log(`    [${finding.severity}] ${finding.code}: ${finding.detail ?? ''}`);
  }
}

console.log('\nper code (expected present: hit/total; expected absent: ok/total)');
for (const [code, stat] of [...figures.perCode].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(
    `  ${code.padEnd(32)} present ${stat.presentHit}/${stat.presentHit + stat.presentMiss}   absent ${stat.absentOk}/${stat.absentOk + stat.absentFired}`,
  );
}

console.log('\nband confusion (rows: label, columns: scorer)');
console.log(`  ${''.padEnd(9)}${BANDS.map((band) => band.padStart(9)).join('')}`);
for (const band of BANDS)
  console.log(
    `  ${band.padEnd(9)}${BANDS.map((column) => String(figures.bandConfusion[band][column]).padStart(9)).join('')}`,
  );

console.log('\nrole confusion (rows: label, columns: scorer; O = outside every STAR section)');
console.log(`     ${ROLES.map((role) => role.padStart(6)).join('')}`);
for (const role of ROLES)
  console.log(
    `  ${role}  ${ROLES.map((column) => String(figures.roleConfusion[role][column]).padStart(6)).join('')}`,
  );

console.log('\nproblem findings the labels do not back');
let falseCount = 0;
let unconfirmed = 0;
for (const result of figures.files) {
  for (const finding of result.report.findings) {
    if (finding.severity !== 'problem' || result.answer.present.includes(finding.code)) continue;
    const isFalse = result.answer.absent.includes(finding.code);
    if (isFalse) falseCount += 1;
    else unconfirmed += 1;
    console.log(
      `  ${isFalse ? 'FALSE      ' : 'unconfirmed'} ${result.file} ${finding.code}: ${finding.detail ?? ''}`,
    );
  }
}
if (falseCount + unconfirmed === 0) console.log('  none');

console.log(
  '\nrelevance.off-question (each answer with its own question, and with every other one)',
);
const offRuns = await runOffQuestion();
const own = offRuns.filter((run) => run.labelled);
const ownFired = own.filter((run) => run.finding !== undefined);
for (const run of ownFired) console.log(`  FALSE ${run.file}: ${run.finding?.detail ?? ''}`);
const labelledKind = new Map(own.map((run) => [run.file, run.question.kind]));
const others = offRuns.filter((run) => !run.labelled);
const sameKind = others.filter((run) => labelledKind.get(run.file) === run.question.kind);
const otherKind = others.filter((run) => labelledKind.get(run.file) !== run.question.kind);
const fired = (runs: typeof offRuns): number => runs.filter((run) => run.finding).length;
console.log(`  own question: fires on ${ownFired.length}/${own.length} (must be 0)`);
console.log(
  `  another question of the same kind: ${fired(sameKind)}/${sameKind.length}; of another kind: ${fired(otherKind)}/${otherKind.length}`,
);

console.log('\nguide samples (must stay ≥ 80)');
for (const sample of GUIDE_SAMPLES) {
  const question = findQuestion(sample.questionId);
  if (question === undefined) throw new Error(`Unknown question ${sample.questionId}`);
  const report = analyzeAnswer({ text: sample.answer, words: [] }, question);
  console.log(
    `  ${sample.questionId.padEnd(22)} ${report.score.overall}  ${report.findings.map((finding) => finding.code).join(' ') || '-'}`,
  );
}

console.log('\nflawed fixtures (each must raise its code)');
let fixturesOk = 0;
const flawed = Object.entries(FLAWED);
for (const [code, fixture] of flawed) {
  const question = findQuestion(fixture.questionId);
  if (question === undefined) throw new Error(`Unknown question ${fixture.questionId}`);
  const report = analyzeAnswer({ text: fixture.text, words: [] }, question);
  const raised = report.findings.some((finding) => finding.code === code);
  if (raised) fixturesOk += 1;
  else console.log(`  MISSED ${code}`);
}
console.log(`  ${fixturesOk}/${flawed.length} raise their code`);

const mean = (band: string): string => {
  const scores = figures.files
    .filter((result) => result.answer.band === band)
    .map((result) => result.report.score.overall);
  return scores.length === 0
    ? 'n/a'
    : (scores.reduce((total, score) => total + score, 0) / scores.length).toFixed(0);
};
console.log(
  `\nmean score: strong ${mean('strong')}, middling ${mean('middling')}, weak ${mean('weak')}`,
);
console.log(`false problem findings: ${falseCount} (unconfirmed: ${unconfirmed})`);
console.log(
  `code agreement: ${figures.codes.agree}/${figures.codes.total} (${pct(figures.codes.agree, figures.codes.total)})`,
);
console.log(
  `band agreement: ${figures.bands.agree}/${figures.bands.total} (${pct(figures.bands.agree, figures.bands.total)})`,
);
console.log(
  `sentence-role accuracy: ${figures.roles.agree}/${figures.roles.total} (${pct(figures.roles.agree, figures.roles.total)})`,
);
