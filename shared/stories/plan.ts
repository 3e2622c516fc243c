/**
 * The week before an onsite: "rehearse each story against three different questions". A plan that
 * lists, per day until the onsite, the story × question cells to rehearse — weak ones first, then
 * ones never tried, then stale good ones — so that every story has flexed to three questions by then.
 */
import type { Question } from '../questions/bank.ts';
import { FLEX_QUESTIONS, GOOD_SCORE, type MatrixCell, type StoryMatrix } from './matrix.ts';
import type { Story } from './types.ts';

export interface PlannedCell {
  storyId: string;
  questionId: string;
  reason: 'weak' | 'new' | 'refresh';
}

export interface PlanDay {
  /** YYYY-MM-DD */
  date: string;
  cells: PlannedCell[];
}

const DAY_MS = 86_400_000;

function parseDay(day: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(day))
    throw new RangeError(`"${day}" is not a date (YYYY-MM-DD).`);
  const time = Date.parse(`${day}T00:00:00Z`);
  if (!Number.isFinite(time)) throw new RangeError(`"${day}" is not a date (YYYY-MM-DD).`);
  return time;
}

function formatDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** Cells a story still needs, best candidates first. */
function storyNeeds(
  story: Story,
  matrix: StoryMatrix,
  questions: readonly Question[],
): PlannedCell[] {
  const own = matrix.cells.filter((cell) => cell.storyId === story.id);
  const good = own.filter((cell) => cell.good);
  const missing = Math.max(0, FLEX_QUESTIONS - good.length);
  const order = new Map(questions.map((question, index) => [question.id, index]));
  const weak = own
    .filter((cell) => cell.attempts > 0 && !cell.good)
    .sort((a, b) => (b.best ?? 0) - (a.best ?? 0));
  const fresh = own
    .filter((cell) => cell.attempts === 0 && cell.suggested)
    .sort((a, b) => (order.get(a.questionId) ?? 0) - (order.get(b.questionId) ?? 0));
  const planned: PlannedCell[] = [
    ...weak.map((cell) => ({ ...pick(cell), reason: 'weak' as const })),
    ...fresh.map((cell) => ({ ...pick(cell), reason: 'new' as const })),
  ].slice(0, missing);
  // A story that already flexes gets its stalest good cell once, so it stays fresh.
  if (missing === 0) {
    const stale = [...good].sort((a, b) => (a.latestAt ?? '').localeCompare(b.latestAt ?? ''))[0];
    if (stale) planned.push({ ...pick(stale), reason: 'refresh' });
  }
  return planned;
}

function pick(cell: MatrixCell): Omit<PlannedCell, 'reason'> {
  return { storyId: cell.storyId, questionId: cell.questionId };
}

/**
 * Spreads the cells the inventory still needs over the days from `today` to the day before
 * `onsite` (or just today, when the onsite is today or tomorrow), round-robin over stories so each
 * day mixes stories.
 */
export function planWeek(
  today: string,
  onsite: string,
  stories: readonly Story[],
  questions: readonly Question[],
  matrix: StoryMatrix,
): PlanDay[] {
  const start = parseDay(today);
  const end = parseDay(onsite);
  if (end < start) throw new RangeError(`The onsite (${onsite}) is before today (${today}).`);
  const dayCount = Math.max(1, Math.round((end - start) / DAY_MS));
  const queues = stories.map((story) => storyNeeds(story, matrix, questions));
  const ordered: PlannedCell[] = [];
  for (let round = 0; queues.some((queue) => queue.length > round); round += 1) {
    for (const queue of queues) {
      const cell = queue[round];
      if (cell) ordered.push(cell);
    }
  }
  const perDay = Math.ceil(ordered.length / dayCount);
  const days: PlanDay[] = [];
  for (let day = 0; day < dayCount; day += 1) {
    days.push({
      date: formatDay(start + day * DAY_MS),
      cells: ordered.slice(day * perDay, (day + 1) * perDay),
    });
  }
  return days;
}

export { GOOD_SCORE };
