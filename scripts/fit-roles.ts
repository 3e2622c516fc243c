/**
 * Fits the sentence-role model (`shared/analysis/role-model.ts`) on the labelled dev set of real
 * answers (`../shared/answers/`) plus the project's labelled example answers: a multinomial logistic
 * regression over the general cue features of `roles.ts` (no word of any answer is a feature), and
 * role-to-role transition scores from the label sequences, decoded with Viterbi (see role-fit.ts).
 *
 * How to run it (from the project root, with ../shared next to it):
 *   npx tsx scripts/fit-roles.ts             cross-validate, then write role-model.ts
 *   npx tsx scripts/fit-roles.ts --dry-run   cross-validate and print, write nothing
 *   npx tsx scripts/fit-roles.ts --no-cv     write the model without cross-validating (quick)
 * The fit is deterministic (the runtime's own units and features, files in name order, zero start,
 * fixed steps, no random draw), and the file is written through prettier: rerunning it on the same
 * code and data rewrites role-model.ts byte for byte (test/unit/role-model.test.ts checks the
 * weights). `L2`, `STEPS`, `BALANCE`, `TW`, `FIXTURE_COPIES`, `CLAIM` (the claim threshold), `DROP` (features kept at zero) override the settings for a search;
 * the file records the settings it was fitted with.
 *
 * The figures it prints are those of `npm run eval:rubric` (sentence roles, finding codes, bands,
 * false problem findings), twice: leave-one-answer-out (each answer scored by a model fitted
 * without it: the estimate for answers the model has not seen) and in-sample (the written model on
 * the answers it was fitted on).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { FEATURE_NAMES, ROLES, type RoleModel } from '../shared/analysis/roles.ts';
import { ROLES as TAGS, scoreDevSet, type DevSetFigures } from './dev-set.ts';
import { fitRoleModel, loadRoleDocs, settingsFromEnv, trainingDocs } from './role-fit.ts';

const settings = settingsFromEnv();
const docs = await loadRoleDocs();

const summary = (figures: DevSetFigures): string => {
  const falseProblems = figures.files.reduce((total, file) => total + file.falseProblems.length, 0);
  return `roles ${figures.roles.agree}/${figures.roles.total}, codes ${figures.codes.agree}/${figures.codes.total}, bands ${figures.bands.agree}/${figures.bands.total}, false problems ${falseProblems}`;
};
const confusion = (figures: DevSetFigures): string =>
  TAGS.map(
    (label) =>
      `  ${label} ${TAGS.map((got) => String(figures.roleConfusion[label][got]).padStart(4)).join('')}`,
  ).join('\n');

let crossValidated = 'not measured (--no-cv)';
if (!process.argv.includes('--no-cv')) {
  const held = new Map<string, RoleModel>();
  for (const doc of docs)
    held.set(
      doc.file,
      fitRoleModel(
        trainingDocs(
          docs.filter((other) => other !== doc),
          settings,
        ),
        settings,
      ),
    );
  const figures = await scoreDevSet(undefined, { roleModelFor: (file) => held.get(file) });
  crossValidated = summary(figures);
  console.log(`leave-one-answer-out: ${crossValidated}`);
  for (const file of figures.files)
    for (const finding of file.falseProblems)
      console.log(
        `  false problem, held out: ${file.file} ${finding.code}: ${finding.detail ?? ''}`,
      );
  console.log('held-out sentence roles (rows: label S T A R O; columns: scorer)');
  console.log(confusion(figures));
  if (process.argv.includes('--errors'))
    for (const file of figures.files)
      file.answer.sentences.forEach((sentence, index) => {
        const got = file.roles[index] ?? 'O';
        if (got !== sentence.role)
          console.log(
            `  ${sentence.role}>${got} ${file.file.slice(0, 2)} ${sentence.text.slice(0, 110)}`,
          );
      });
}

const model = fitRoleModel(trainingDocs(docs, settings), settings);
const inSample = await scoreDevSet(undefined, { roleModelFor: () => model });
console.log(`in-sample (the written model): ${summary(inSample)}`);
console.log(confusion(inSample));

if (!process.argv.includes('--dry-run')) {
  const weightRows = model.weights
    .map(
      (row, role) =>
        `// ${ROLES[role]}\n[\n${row.map((weight, feature) => `${weight}, // ${FEATURE_NAMES[feature]}`).join('\n')}\n],`,
    )
    .join('\n');
  const source = `/**
 * The sentence-role model, written by \`npx tsx scripts/fit-roles.ts\` (do not edit by hand): per
 * role, one weight per feature of \`roles.ts\` (FEATURE_NAMES), fitted by logistic regression on the
 * labelled dev set of real answers (../shared/answers; the texts stay there) and the labelled
 * fixtures, and transition scores between roles (rows: from; columns: to; situation, task, action,
 * result, other).
 * Settings: L2 ${settings.l2}, ${settings.steps} steps, class balance ${settings.balance}, transition weight ${settings.transitionWeight}, claim probability ${settings.claimProbability}, fixtures ×${settings.fixtureCopies}${settings.dropped.length > 0 ? `, features left out: ${settings.dropped.join(', ')}` : ''}.
 * Dev set, leave-one-answer-out: ${crossValidated}.
 * Dev set, in-sample: ${summary(inSample)}.
 */
import type { RoleModel } from './roles.ts';

export const ROLE_MODEL: RoleModel = {
  weights: [
${weightRows}
  ],
  transitions: [
${model.transitions.map((row) => `[${row.join(', ')}],`).join('\n')}
  ],
  claimProbability: ${model.claimProbability},
};
`;
  const target = fileURLToPath(new URL('../shared/analysis/role-model.ts', import.meta.url));
  const options = (await resolveConfig(target)) ?? {};
  writeFileSync(target, await format(source, { ...options, filepath: target }));
  console.log(`wrote ${target}`);
}
