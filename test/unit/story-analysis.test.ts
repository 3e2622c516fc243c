/**
 * What the analysis is told about an attempt: the kinds of the story it tells (whether incident
 * checks apply), and for your own question the kind you chose.
 */
import { describe, expect, it } from 'vitest';
import { inferQuestionKind, type Question } from '../../shared/questions/bank.ts';
import type { StoryKind } from '../../shared/stories/kinds.ts';
import type { AnalyzeAnswer } from '../../electron/main/services/attempts.ts';
import { fakeAnalyze } from '../mocks/fake-analysis.ts';
import { type DataDir } from './helpers/data-dir.ts';
import {
  PIPELINE_QUESTION,
  servicesForEachTest,
  type ServicesUnderTest,
} from './helpers/services.ts';

const seen: (readonly StoryKind[] | undefined)[] = [];
const questions: Question[] = [];
const analyze: AnalyzeAnswer = (transcript, question, options) => {
  seen.push(options?.storyKinds);
  questions.push(question);
  return fakeAnalyze(transcript, question);
};

let t: ServicesUnderTest;
let _data: DataDir;
servicesForEachTest((current) => ({ data: _data, t } = current), { analyze });

describe("an attempt's story in the analysis", () => {
  it('passes the story kinds to the analysis, and none without a story', async () => {
    const api = t.services.handlers;
    const story = await api.saveStory({
      title: 'Refund backlog',
      kinds: ['incident', 'cross-team'],
      draft: '',
    });
    seen.length = 0;
    for (const storyId of [story.id, undefined]) {
      const { attemptId } = await api.startAttempt({
        question: { ...PIPELINE_QUESTION, id: 'tight-deadline', kind: 'delivery' },
        sampleRate: 16_000,
        ...(storyId === undefined ? {} : { storyId }),
      });
      await api.appendAudio({ attemptId, pcm: new Float32Array(16_000).fill(0.1) });
      await api.stopAttempt({ attemptId, reason: 'user' });
      await t.services.attempts.whenIdle();
    }
    expect(seen).toEqual([['incident', 'cross-team'], undefined]);
  });

  it('analyses your own question as the kind you chose, not the guessed one', async () => {
    const api = t.services.handlers;
    const prompt = 'Describe your favourite project.';
    expect(inferQuestionKind(prompt)).toBe('general');
    questions.length = 0;
    const { attemptId } = await api.startAttempt({
      question: { id: 'custom-favourite', prompt, kind: 'incident', custom: true },
      sampleRate: 16_000,
    });
    await api.appendAudio({ attemptId, pcm: new Float32Array(16_000).fill(0.1) });
    await api.stopAttempt({ attemptId, reason: 'user' });
    await t.services.attempts.whenIdle();
    expect(questions.map((question) => [question.id, question.kind, question.custom])).toEqual([
      ['custom-favourite', 'incident', true],
    ]);
    expect((await api.getAttempt({ attemptId })).question.kind).toBe('incident');
  });
});
