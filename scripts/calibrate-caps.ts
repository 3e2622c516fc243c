/**
 * Cross-validates the overall-score caps on the labelled dev set (`../shared/answers`): for each
 * setting in a small grid (where the weight cap drops to its lowest step; the content-gap cap on or
 * off), the band of every answer; then leave-one-answer-out: each answer's band under the setting
 * that agrees best on the other 29 (ties go to the first setting listed, the rubric's own first).
 * That held-out agreement, not the best in-sample one, is the figure to trust.
 *   npx tsx scripts/calibrate-caps.ts
 */
import { DATA_ENGINEER_RUBRIC } from '../shared/rubric/data-engineer.ts';
import type { Rubric } from '../shared/rubric/types.ts';
import { scoreDevSet } from './dev-set.ts';

const base = DATA_ENGINEER_RUBRIC.thresholds;
/** The weight cap with its lowest step (49) from total weight `from` on. */
const weightCaps = (from: number): number[] => [
  ...base.overallCapByWeight.slice(0, 2),
  ...new Array<number>(Math.max(0, from - 2)).fill(79),
  49,
];
interface Setting {
  name: string;
  rubric: Rubric;
}
const settings: Setting[] = [];
for (const gap of [true, false])
  for (const from of [5, 4, 6, 3])
    settings.push({
      name: `weight cap 49 from ${from}, content-gap cap ${gap ? 'on' : 'off'}`,
      rubric: {
        ...DATA_ENGINEER_RUBRIC,
        thresholds: {
          ...base,
          overallCapByWeight: weightCaps(from),
          contentGap: { ...base.contentGap, cap: gap ? base.contentGap.cap : 100 },
        },
      },
    });

const agree: boolean[][] = [];
for (const setting of settings) {
  const figures = await scoreDevSet(undefined, { rubric: setting.rubric });
  agree.push(figures.files.map((file) => file.band === file.answer.band));
  console.log(`${setting.name}: in-sample bands ${figures.bands.agree}/${figures.bands.total}`);
}
const count = agree[0]?.length ?? 0;
let held = 0;
const chosen = new Map<string, number>();
for (let answer = 0; answer < count; answer += 1) {
  let best = 0;
  let bestAgree = -1;
  agree.forEach((row, index) => {
    const others = row.filter((value, at) => value && at !== answer).length;
    if (others > bestAgree) {
      bestAgree = others;
      best = index;
    }
  });
  if (agree[best]?.[answer] === true) held += 1;
  const name = settings[best]?.name ?? '';
  chosen.set(name, (chosen.get(name) ?? 0) + 1);
}
console.log(`leave-one-answer-out bands (setting chosen on the other answers): ${held}/${count}`);
for (const [name, times] of chosen) console.log(`  chosen ${times}×: ${name}`);
