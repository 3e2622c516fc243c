/**
 * Your own question's kind (issue #9 point 6): typed on Home, its kind is guessed from its words and
 * shown; the user changes it, and the answer is judged as that kind. Recorded through the UI (the
 * fake microphone's tone) with the scripted engine, so the transcript is a known cost story with no
 * on-call moment: as "General" (the guess) it has no incident findings, as "Incident" it has one.
 * Screenshot: test-results/e2e-custom-kind.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLAWED } from '../../shared/analysis/fixtures/answers.ts';
import { seriousViolations } from './axe.ts';
import { RESULTS_DIR } from './browser.ts';
import { openSeededApp, type SeededApp, type SeededServer } from './seed.ts';

// A cost story (written for the analysis tests): nothing in it is an incident or an on-call moment.
const COST_STORY = FLAWED['relevance.off-question']?.text ?? '';
const PROMPT = 'Describe your favourite project.';

let app: SeededApp | null = null;
let seeded: SeededServer;
let page: Page;

beforeAll(async () => {
  expect(COST_STORY).not.toBe('');
  app = await openSeededApp('custom-kind');
  ({ seeded, page } = app);
  seeded.engine.words = COST_STORY.split(/\s+/u);
  await page.goto(seeded.server.url);
  await page.getByRole('heading', { name: 'Pick a question' }).waitFor();
});

afterAll(async () => {
  await app?.close();
});

const kindSelect = () => page.getByLabel('Kind of story');

/** Types the question, records a few seconds, stops, and returns the review's finding codes. */
async function answerAs(kind: string | null): Promise<string[]> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'Practice', exact: true })
    .click();
  await page.getByLabel('Or type your own question').fill(PROMPT);
  await page.getByRole('button', { name: 'Use this question' }).click();
  await expect(page.locator('#chosen-title').innerText()).resolves.toBe(PROMPT);
  if (kind) await kindSelect().selectOption({ label: kind });
  await page.getByRole('button', { name: 'Start answering' }).click();
  await page.locator('.record__controls button:enabled').waitFor({ timeout: 30_000 });
  await page.keyboard.press('Space');
  const stop = page.getByRole('button', { name: /^Stop/ });
  await stop.waitFor({ timeout: 30_000 });
  await page.waitForTimeout(3_000);
  await stop.click();
  await page.locator('.transcript').waitFor({ timeout: 60_000 });
  const attempts = await seeded.call('listAttempts', {});
  const latest = attempts.reduce((a, b) => (a.createdAt >= b.createdAt ? a : b));
  const detail = await seeded.call('getAttempt', { attemptId: latest.id });
  expect(detail.question).toMatchObject({ prompt: PROMPT, kind: kind ? 'incident' : 'general' });
  return (detail.report?.findings ?? []).map((finding) => finding.code);
}

describe("Your own question's kind", () => {
  it('is guessed from its words, shown on Home, and changeable', async () => {
    await page.getByLabel('Or type your own question').fill(PROMPT);
    await page.getByRole('button', { name: 'Use this question' }).click();
    await expect(page.locator('.home__chosen .eyebrow').innerText()).resolves.toMatch(
      /your question/iu,
    );
    // Guessed: nothing in "favourite project" says incident, cost or migration.
    await expect(kindSelect().inputValue()).resolves.toBe('general');
    await expect(page.locator('.custom-kind').innerText()).resolves.toContain(
      'Guessed from your words; change it if it is wrong.',
    );
    await kindSelect().selectOption({ label: 'Incident' });
    await expect(kindSelect().inputValue()).resolves.toBe('incident');
    // What it will be scored against follows the kind.
    await expect(page.locator('.home__chosen').innerText()).resolves.toContain(
      'scored against the guide as an “Incident” story',
    );
    await page.locator('.custom-kind').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(RESULTS_DIR, 'e2e-custom-kind.png') });
    expect(await seriousViolations(page, 'Home (your own question)')).toEqual([]);
  });

  it('decides how the answer is judged', async () => {
    const asGuessed = await answerAs(null);
    expect(asGuessed).not.toContain('pitfall.no-on-call');
    const asIncident = await answerAs('Incident');
    expect(asIncident).toContain('pitfall.no-on-call');
    // The review says what it found, in words.
    await expect(page.locator('.findings, .review').first().innerText()).resolves.toMatch(
      /No on-call moment/u,
    );
  });
});
