/**
 * The story × question matrix of the guide's routine: "rehearse each story against three
 * different questions". A cell holds the attempts of one story at one question; a story "flexes"
 * once it scored well against three different questions; a question is "covered" once a story that
 * flexes has scored well on it.
 */
import type { Question } from '../questions/bank.ts';
import { storyFitsQuestion } from './kinds.ts';
import type { RoutineAttempt, Story } from './types.ts';

/** A score at or above this counts as a good telling (the "strong" band). */
export const GOOD_SCORE = 80;
/** Different questions a story must answer well to flex. */
export const FLEX_QUESTIONS = 3;
/** More questions than this leaning on one story is a warning (one story cannot carry a panel). */
export const MAX_QUESTIONS_PER_STORY = 4;

export interface MatrixCell {
  storyId: string;
  questionId: string;
  attempts: number;
  best?: number;
  latest?: number;
  /** ISO time of the latest attempt. */
  latestAt?: string;
  /** Best score ≥ GOOD_SCORE. */
  good: boolean;
  /** The story's kinds suit the question's kind. */
  suggested: boolean;
}

export interface StoryRow {
  storyId: string;
  /** Questions answered well with this story. */
  goodQuestions: number;
  /** Different questions this story was told against. */
  questionsTold: number;
  flexes: boolean;
  /** Set when the story carries more than MAX_QUESTIONS_PER_STORY questions. */
  overloaded: boolean;
}

export interface QuestionColumn {
  questionId: string;
  /** At least one story that flexes has a good attempt at this question. */
  covered: boolean;
  /** Stories whose kinds suit the question, strongest first. */
  suggestedStories: string[];
}

export interface StoryMatrix {
  cells: MatrixCell[];
  stories: StoryRow[];
  questions: QuestionColumn[];
  /** Attempts of stories or questions no longer present (e.g. a deleted story), left out. */
  unmatchedAttempts: number;
}

function cellKey(storyId: string, questionId: string): string {
  return `${storyId}\u0000${questionId}`;
}

export function buildMatrix(
  stories: readonly Story[],
  questions: readonly Question[],
  attempts: readonly RoutineAttempt[],
): StoryMatrix {
  const storyIds = new Set(stories.map((story) => story.id));
  const questionById = new Map(questions.map((question) => [question.id, question]));
  const cells = new Map<string, MatrixCell>();
  for (const story of stories) {
    for (const question of questions) {
      cells.set(cellKey(story.id, question.id), {
        storyId: story.id,
        questionId: question.id,
        attempts: 0,
        good: false,
        suggested: storyFitsQuestion(story.kinds, question.kind),
      });
    }
  }
  let unmatchedAttempts = 0;
  const ordered = [...attempts].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const attempt of ordered) {
    if (attempt.storyId === undefined) continue;
    const cell = cells.get(cellKey(attempt.storyId, attempt.questionId));
    if (!cell || !storyIds.has(attempt.storyId) || !questionById.has(attempt.questionId)) {
      unmatchedAttempts += 1;
      continue;
    }
    cell.attempts += 1;
    cell.latestAt = attempt.createdAt;
    if (attempt.score !== undefined) {
      cell.latest = attempt.score;
      cell.best = Math.max(cell.best ?? 0, attempt.score);
      cell.good = cell.best >= GOOD_SCORE;
    }
  }
  const allCells = [...cells.values()];
  const storyRows: StoryRow[] = stories.map((story) => {
    const own = allCells.filter((cell) => cell.storyId === story.id);
    const goodQuestions = own.filter((cell) => cell.good).length;
    const questionsTold = own.filter((cell) => cell.attempts > 0).length;
    return {
      storyId: story.id,
      goodQuestions,
      questionsTold,
      flexes: goodQuestions >= FLEX_QUESTIONS,
      overloaded: questionsTold > MAX_QUESTIONS_PER_STORY,
    };
  });
  const flexing = new Set(storyRows.filter((row) => row.flexes).map((row) => row.storyId));
  const strength = new Map(storyRows.map((row) => [row.storyId, row.goodQuestions]));
  const questionColumns: QuestionColumn[] = questions.map((question) => {
    const column = allCells.filter((cell) => cell.questionId === question.id);
    return {
      questionId: question.id,
      covered: column.some((cell) => cell.good && flexing.has(cell.storyId)),
      suggestedStories: column
        .filter((cell) => cell.suggested)
        .sort((a, b) => (strength.get(b.storyId) ?? 0) - (strength.get(a.storyId) ?? 0))
        .map((cell) => cell.storyId),
    };
  });
  return { cells: allCells, stories: storyRows, questions: questionColumns, unmatchedAttempts };
}

/** The cell of a story and question in a built matrix. */
export function matrixCell(
  matrix: StoryMatrix,
  storyId: string,
  questionId: string,
): MatrixCell | undefined {
  return matrix.cells.find((cell) => cell.storyId === storyId && cell.questionId === questionId);
}
