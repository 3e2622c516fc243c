import { useEffect, useMemo } from 'react';
import { analyzeAnswer } from '../../../../shared/analysis/analyze.ts';
import type { AttemptDetail } from '../../../../shared/ipc/contract.ts';
import { compareFigures, extractFigures } from '../../../../shared/stories/figures.ts';
import {
  compareTelling,
  KEY_POINT_LABELS,
  repeatedOpening,
} from '../../../../shared/stories/telling.ts';
import { formatClock, formatShare } from '../../lib/format.ts';
import { useActions, useApp } from '../../store/index.ts';
import { questionFromRef } from '../../store/session.ts';

/** For an attempt that told a story with a draft: what was kept, dropped, recited or changed. */
export function ToldVsWritten({ detail }: { detail: AttemptDetail }) {
  const story = useApp((s) => s.stories.list.find((item) => item.id === detail.storyId));
  const loaded = useApp((s) => s.stories.list.length > 0);
  const playing = useApp((s) => s.playback.playing);
  const actions = useActions();
  /** Plays from a second before the moment, like a finding's "hear it". */
  const hear = (start: number) => {
    actions.seekTo(Math.max(0, start - 1));
    if (!playing) actions.togglePlay();
  };
  const tellings = useApp((s) => (detail.storyId ? s.stories.tellings[detail.storyId] : undefined));
  useEffect(() => {
    if (detail.storyId && !loaded) void actions.loadStories();
  }, [detail.storyId, loaded, actions]);
  useEffect(() => {
    if (detail.storyId) void actions.loadTellings(detail.storyId);
  }, [detail.storyId, detail.id, actions]);
  const acrossTellings = useMemo(() => {
    if (!tellings || !detail.report) return null;
    const earlier = tellings.filter((telling) => telling.createdAt < detail.createdAt);
    const previous = earlier[earlier.length - 1];
    const drift = previous
      ? compareFigures(extractFigures(previous.words), extractFigures(detail.report.words)).drifted
      : [];
    const upToNow = tellings.filter((telling) => telling.createdAt <= detail.createdAt);
    return { drift, opening: repeatedOpening(upToNow) };
  }, [tellings, detail.report, detail.createdAt]);
  const comparison = useMemo(() => {
    if (!story || story.draft.trim().length === 0 || !detail.report) return null;
    const draft = analyzeAnswer(
      { text: story.draft, words: [] },
      questionFromRef(detail.question),
      {
        storyKinds: story.kinds,
      },
    );
    return compareTelling(draft, detail.report);
  }, [story, detail.report, detail.question]);
  if (!story || !comparison) return null;
  const { recitation } = comparison;
  return (
    <section className="panel told" aria-labelledby="told-title">
      <h2 id="told-title" className="panel__title">
        Told vs written: “{story.title}”
      </h2>
      {comparison.finding ? (
        <p className="banner banner--warning">{comparison.finding.message}</p>
      ) : (
        <p className="small">Told in your own words, not recited.</p>
      )}
      <p className="small muted">
        Opening words matching the draft: {recitation.openingRunWords} · longest word-for-word run:{' '}
        {recitation.longestRunWords} words · draft phrasing repeated:{' '}
        {formatShare(recitation.sharedShare)}
      </p>
      {acrossTellings?.opening && (
        <p className="banner banner--warning">
          You opened this story the same way for {acrossTellings.opening.questionIds.length}{' '}
          different questions (“{acrossTellings.opening.opening}…”). The goal is stories that flex,
          not scripts: open with what this question asks about.
        </p>
      )}
      {acrossTellings?.drift.map(({ reference, said }) => (
        <p key={`${reference.text}-${said.text}`} className="banner banner--warning">
          Last telling said “{reference.text}”, this one “{said.text}”. Keep the same figure every
          time; a number that changes does not pass a sanity check.
        </p>
      ))}
      <h3 className="told__subtitle">Key points</h3>
      <ul className="told__points">
        {comparison.keyPoints.map((point, index) => (
          <li
            key={`${point.kind}-${index}`}
            className={point.found ? 'told__kept' : 'told__dropped'}
          >
            <span className="told__mark" aria-hidden="true">
              {point.found ? '✓' : '✗'}
            </span>
            <span>
              <strong>{KEY_POINT_LABELS[point.kind]}</strong>{' '}
              {point.found ? 'kept' : point.saidInstead ? 'changed' : 'dropped'}: “{point.draftText}
              ”
              {point.saidInstead && (
                <>
                  {' '}
                  — you said “{point.saidInstead}”. Keep the same figure every time; a number that
                  changes does not pass a sanity check.
                </>
              )}
            </span>
            {point.start !== undefined && (
              <button type="button" className="link-button" onClick={() => hear(point.start ?? 0)}>
                {point.found ? 'hear it' : 'hear what you said'} at {formatClock(point.start)}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
