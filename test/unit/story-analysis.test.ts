/** An attempt that tells a story is analysed with the story's kinds (whether incident checks apply). */
import { describe, expect, it } from 'vitest';
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
const analyze: AnalyzeAnswer = (transcript, question, options) => {
  seen.push(options?.storyKinds);
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
});
