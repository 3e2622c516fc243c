/**
 * The scorer against the labelled dev set of real answers (`../shared/answers`, read at run time;
 * the texts never enter the repository). The floors are the figures the scorer reached: a change
 * that loses agreement fails here. `npm run eval:rubric` prints the details.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { scoreDevSet, type DevSetFigures } from '../../scripts/dev-set.ts';

const FLOORS = {
  codes: 276,
  bands: 24,
  roles: 340,
  falseProblems: 0,
};

let figures: DevSetFigures;
beforeAll(async () => {
  figures = await scoreDevSet();
});

describe('dev set of real answers', () => {
  it('scores all 30 answers', () => {
    expect(figures.files).toHaveLength(30);
    expect(figures.codes.total).toBeGreaterThan(250);
  });

  it(`agrees with at least ${FLOORS.codes} labelled finding codes`, () => {
    expect(figures.codes.agree).toBeGreaterThanOrEqual(FLOORS.codes);
  });

  it(`puts at least ${FLOORS.bands} answers in their labelled score band`, () => {
    expect(figures.bands.agree).toBeGreaterThanOrEqual(FLOORS.bands);
  });

  it(`gives at least ${FLOORS.roles} sentences their labelled STAR role`, () => {
    expect(figures.roles.agree).toBeGreaterThanOrEqual(FLOORS.roles);
  });

  it(`raises at most ${FLOORS.falseProblems} problem findings the labels say are absent`, () => {
    const falseProblems = figures.files.flatMap((file) =>
      file.falseProblems.map((finding) => `${file.file} ${finding.code}`),
    );
    expect(falseProblems.length, falseProblems.join('\n')).toBeLessThanOrEqual(
      FLOORS.falseProblems,
    );
  });
});
