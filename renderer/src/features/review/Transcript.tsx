import {
  memo,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type RefObject,
} from 'react';
import type { AnswerReport } from '../../../../shared/analysis/types.ts';
import type { UnclearSpan } from '../../../../shared/transcript/types.ts';
import {
  describeUnclearSpan,
  describeUnclearTotal,
  unclearMarker,
  unclearBeforeWords,
} from '../../../../shared/transcript/unclear.ts';
import { useActions, useApp, useStoreApi } from '../../store/index.ts';
import {
  groupRuns,
  markWords,
  RAMBLING_LABELS,
  STAR_LABELS,
  type WordMark,
} from './transcript-marks.ts';

const TranscriptWord = memo(function TranscriptWord({
  index,
  text,
  start,
  mark,
  sectionStart,
  tabbable,
}: {
  index: number;
  text: string;
  /** Seconds; exposed as data-start for tests and tooling. */
  start: number;
  mark: WordMark;
  sectionStart: boolean;
  /** The one word the Tab key reaches (roving tabindex); the arrow keys move it. */
  tabbable: boolean;
}) {
  const active = useApp((s) => s.playback.activeWord === index);
  const evidence = useApp((s) => {
    const range = s.review.evidence;
    return range !== null && index >= range.startWord && index < range.endWord;
  });
  const classes = ['word'];
  if (evidence) classes.push('word--evidence');
  if (mark.filler) classes.push('word--filler');
  if (mark.unclear) classes.push('word--unclear');
  if (mark.star) classes.push(`word--${mark.star}`);
  if (active) classes.push('word--active');
  return (
    <>
      {sectionStart && mark.star && (
        <span className={`star-chip star-chip--${mark.star}`} aria-hidden="true">
          {STAR_LABELS[mark.star]}
        </span>
      )}
      <span
        className={classes.join(' ')}
        data-word-index={index}
        data-start={start}
        tabIndex={tabbable ? 0 : -1}
        aria-current={active ? 'true' : undefined}
        title={
          mark.filler ? 'Filler' : mark.unclear ? 'Heard in unclear audio: may be wrong' : undefined
        }
      >
        {text}
        {mark.filler && <span className="visually-hidden"> (filler)</span>}
      </span>{' '}
    </>
  );
});

/**
 * Audio too unclear to transcribe, shown where it falls between the words: a button that plays it
 * (a click, Enter), named in words for screen readers ("Audio too unclear to transcribe from 0:41
 * to 0:47").
 */
function UnclearChip({ span }: { span: UnclearSpan }) {
  const actions = useActions();
  const description = describeUnclearSpan(span);
  return (
    <>
      <button
        type="button"
        className="unclear-chip"
        data-unclear-start={span.start}
        title={`${description}. Click to listen to it.`}
        onClick={() => actions.playFrom(span.start)}
      >
        <span aria-hidden="true">{unclearMarker(span)}</span>
        <span className="visually-hidden">{description}. Play it</span>
      </button>{' '}
    </>
  );
}

/**
 * Above the transcript when some audio could not be transcribed: how much, and that the report may
 * miss what was said there. Nothing when all of it was transcribed.
 */
export function UnclearNote({ report }: { report: AnswerReport }) {
  const total = describeUnclearTotal(report.unclear ?? []);
  if (total === null) return null;
  return (
    <p className="unclear-note">
      <span className="unclear-note__icon" aria-hidden="true">
        ?
      </span>
      <span>
        {total}, so the score may miss what you said there. Each part is marked{' '}
        <strong>unclear</strong> in the transcript: select it to listen.
      </span>
    </p>
  );
}

/** Keeps the spoken word in view while playing, without re-rendering the transcript. */
function FollowActiveWord({ container }: { container: RefObject<HTMLDivElement | null> }) {
  const store = useStoreApi();
  useEffect(() => {
    const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    return store.subscribe((state, previous) => {
      if (
        state.playback.activeWord === previous.playback.activeWord ||
        state.playback.activeWord < 0
      )
        return;
      const element = container.current?.querySelector<HTMLElement>(
        `[data-word-index="${state.playback.activeWord}"]`,
      );
      element?.scrollIntoView({ block: 'nearest', behavior: reduceMotion ? 'auto' : 'smooth' });
    });
  }, [store, container]);
  return null;
}

export function Transcript({ report }: { report: AnswerReport }) {
  const actions = useActions();
  const container = useRef<HTMLDivElement>(null);
  const marks = useMemo(() => markWords(report), [report]);
  const runs = useMemo(() => groupRuns(marks), [marks]);
  // The unclear spans to show before each word (index words.length: after the last).
  const unclearBefore = useMemo(
    () => unclearBeforeWords(report.words, report.unclear ?? []),
    [report],
  );
  const renderUnclear = (index: number) =>
    (unclearBefore[index] ?? []).map((span) => <UnclearChip key={`u${span.start}`} span={span} />);
  const [focusWord, setFocusWord] = useState(0);

  const wordOf = (target: EventTarget) => {
    const element = (target as HTMLElement).closest<HTMLElement>('[data-word-index]');
    return element ? Number(element.dataset.wordIndex) : null;
  };

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const index = wordOf(event.target);
    if (index === null) return;
    setFocusWord(index);
    actions.seekToWord(index);
  };

  // Arrow keys move between words (and not the playback: the event is marked handled), Home/End
  // jump to the ends, Enter plays from the focused word; Space stays play/pause.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = wordOf(event.target);
    if (index === null || event.altKey || event.ctrlKey || event.metaKey) return;
    const last = report.words.length - 1;
    const step = event.shiftKey ? 10 : 1;
    const next =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? Math.min(last, index + step)
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? Math.max(0, index - step)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next !== null) {
      event.preventDefault();
      setFocusWord(next);
      container.current?.querySelector<HTMLElement>(`[data-word-index="${next}"]`)?.focus();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const word = report.words[index];
      if (word) actions.playFrom(word.start);
    }
  };

  if (report.words.length === 0) {
    return <p className="muted">No words were recognised in this recording.</p>;
  }

  const renderWords = (start: number, end: number) => {
    const out = [];
    for (let i = start; i < end; i++) {
      const mark = marks[i]!;
      out.push(...renderUnclear(i));
      out.push(
        <TranscriptWord
          key={i}
          index={i}
          text={report.words[i]!.text}
          start={report.words[i]!.start}
          mark={mark}
          sectionStart={mark.star !== null && (i === 0 || marks[i - 1]!.star !== mark.star)}
          tabbable={i === focusWord}
        />,
      );
    }
    return out;
  };

  return (
    <div
      ref={container}
      className="transcript"
      onClick={onClick}
      // A click seeks without taking the focus, so ← and → keep seeking the audio for mouse users;
      // keyboard users Tab to the words and move between them with the arrows.
      onMouseDown={(event) => {
        if (wordOf(event.target) !== null) event.preventDefault();
      }}
      onKeyDown={onKeyDown}
      role="group"
      aria-label="Transcript words"
      aria-describedby="transcript-help"
    >
      <span id="transcript-help" className="visually-hidden">
        Click a word to play from there. With the keyboard: the arrow keys move between words, Enter
        plays from the word.
        {report.unclear?.length ? ' Tab reaches the parts too unclear to transcribe.' : ''}
      </span>
      <FollowActiveWord container={container} />
      {runs.map((run) => {
        const section = run.rambling >= 0 ? report.rambling[run.rambling] : undefined;
        if (!section) return renderWords(run.startWord, run.endWord);
        return (
          <span key={`r${run.startWord}`} className="rambling" title={section.message}>
            <span className="rambling__label">{RAMBLING_LABELS[section.reason]}</span>
            {renderWords(run.startWord, run.endWord)}
          </span>
        );
      })}
      {renderUnclear(report.words.length)}
    </div>
  );
}
