import { useEffect, useId, useRef } from 'react';
import { formatClock } from '../../lib/format.ts';
import { useActions, useApp } from '../../store/index.ts';
import { TARGET_MAX_SEC, TARGET_MIN_SEC } from '../../store/recording.ts';
import { MAX_RECORDING_SEC, RECORDING_LIMIT_WARNING_SEC } from '../../../../shared/ipc/contract.ts';

/** The clock track runs a little past the 3:00 cue so going over is visible. */
const TRACK_SEC = 210;

function pct(seconds: number): string {
  return `${(Math.min(seconds, TRACK_SEC) / TRACK_SEC) * 100}%`;
}

function AnswerClock() {
  const elapsed = useApp((s) => Math.floor(s.recording.elapsedSec * 4) / 4);
  const phase = useApp((s) => s.recording.phase);
  const zone = elapsed >= TARGET_MAX_SEC ? 'over' : elapsed >= TARGET_MIN_SEC ? 'target' : 'early';
  const cue =
    zone === 'over'
      ? 'Past 3:00. Land the result now.'
      : zone === 'target'
        ? 'In the target window. Head for the result.'
        : 'Aim for 2 to 3 minutes.';
  const announcement =
    zone === 'over'
      ? 'Three minutes. Wrap up with the result.'
      : zone === 'target'
        ? 'Two minutes. You are in the target window.'
        : '';
  return (
    <div className={`clock clock--${zone}`}>
      <div className="clock__digits" role="timer" aria-label={`Elapsed ${formatClock(elapsed)}`}>
        {formatClock(elapsed)}
      </div>
      <div className="clock__track" aria-hidden="true">
        <div
          className="clock__window"
          style={{
            left: pct(TARGET_MIN_SEC),
            width: `calc(${pct(TARGET_MAX_SEC)} - ${pct(TARGET_MIN_SEC)})`,
          }}
        />
        <div className="clock__fill" style={{ width: pct(elapsed) }} />
        <div className="clock__cue" style={{ left: pct(TARGET_MAX_SEC) }} />
        {[60, 120, 180].map((t) => (
          <span key={t} className="clock__tick" style={{ left: pct(t) }}>
            {formatClock(t)}
          </span>
        ))}
      </div>
      <p className="clock__cue-text">{phase === 'recording' ? cue : 'Target: 2:00 to 3:00'}</p>
      <p className="visually-hidden" aria-live="assertive">
        {announcement}
      </p>
    </div>
  );
}

/** From two minutes before the length limit: how long is left before recording stops. */
function LimitWarning() {
  const left = useApp((s) =>
    s.recording.phase === 'recording'
      ? Math.ceil(MAX_RECORDING_SEC - s.recording.elapsedSec)
      : Number.POSITIVE_INFINITY,
  );
  if (left > RECORDING_LIMIT_WARNING_SEC) return null;
  return (
    <div className="banner banner--warning" role="alert">
      Recording stops at {formatClock(MAX_RECORDING_SEC)}: {formatClock(Math.max(0, left))} left.
      Everything until then is kept.
    </div>
  );
}

function LevelMeter() {
  const level = useApp((s) => Math.round(s.recording.level * 50) / 50);
  const live = useApp((s) => ['ready', 'countdown', 'recording'].includes(s.recording.phase));
  // Below about -45 dBFS for the last two seconds: nothing is being picked up clearly.
  const quiet = useApp((s) => s.recording.recentPeak < 0.25);
  return (
    <div className="level">
      <span className="field-label" id="level-label">
        Input level
      </span>
      <div
        className={`level__bar${live && quiet ? ' level__bar--quiet' : ''}`}
        role="meter"
        aria-labelledby="level-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(level * 100)}
      >
        <div className="level__fill" style={{ clipPath: `inset(0 ${100 - level * 100}% 0 0)` }} />
      </div>
      <span className="level__hint muted small">
        {live ? (quiet ? 'Not hearing much. Say something, or move closer.' : 'Sounds good.') : ''}
      </span>
    </div>
  );
}

function MicrophonePicker() {
  const microphones = useApp((s) => s.recording.microphones);
  const microphoneId = useApp((s) => s.recording.microphoneId);
  const locked = useApp((s) => ['recording', 'saving', 'countdown'].includes(s.recording.phase));
  const actions = useActions();
  const id = useId();
  return (
    <div className="mic-picker">
      <label htmlFor={id} className="field-label">
        Microphone
      </label>
      <select
        id={id}
        className="select"
        value={microphoneId ?? ''}
        disabled={locked}
        onChange={(event) => void actions.chooseMicrophone(event.target.value || null)}
      >
        <option value="">System default</option>
        {microphones.map((mic) => (
          <option key={mic.id} value={mic.id}>
            {mic.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function PrimaryControl() {
  const phase = useApp((s) => s.recording.phase);
  const countdown = useApp((s) => s.recording.countdown);
  const actions = useActions();
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (phase === 'ready' || phase === 'recording') ref.current?.focus();
  }, [phase]);

  if (phase === 'countdown') {
    return (
      <div className="countdown" role="status" aria-live="assertive">
        <span className="countdown__number" key={countdown}>
          {countdown}
        </span>
        <button
          ref={ref}
          type="button"
          className="button button--quiet"
          onClick={() => void actions.stopAnswer()}
        >
          Cancel <kbd>Esc</kbd>
        </button>
      </div>
    );
  }
  if (phase === 'recording') {
    return (
      <button
        ref={ref}
        type="button"
        className="button button--stop button--large"
        onClick={() => void actions.stopAnswer()}
      >
        <span className="rec-dot" aria-hidden="true" /> Stop <kbd>Space</kbd>
      </button>
    );
  }
  if (phase === 'saving') {
    return (
      <p className="muted" role="status">
        Saving your answer…
      </p>
    );
  }
  return (
    <button
      ref={ref}
      type="button"
      className="button button--primary button--large"
      disabled={phase !== 'ready'}
      onClick={() => actions.beginAnswer()}
    >
      {phase === 'opening' ? 'Opening microphone…' : 'Start'} <kbd>Space</kbd>
    </button>
  );
}

/** Which panel question this is, or which story the answer tells. */
function RoutineContext() {
  const panelAt = useApp((s) =>
    s.panel.phase === 'answering' ? s.panel.attemptIds.length + 1 : 0,
  );
  const panelOf = useApp((s) => s.panel.questions.length);
  const story = useApp((s) => s.stories.list.find((item) => item.id === s.session.storyId));
  if (panelAt > 0) {
    return (
      <p className="eyebrow">
        Mock panel · question {panelAt} of {panelOf} · no retries
      </p>
    );
  }
  if (story)
    return <p className="eyebrow">Your question · telling “{story.title}”, without notes</p>;
  return <p className="eyebrow">Your question</p>;
}

export function RecordScreen() {
  const question = useApp((s) => s.session.question);
  const problem = useApp((s) => s.recording.problem);
  const phase = useApp((s) => s.recording.phase);
  const microphoneId = useApp((s) => s.recording.microphoneId);
  const pendingStop = useApp((s) => s.recording.pendingStop !== null);
  const actions = useActions();
  return (
    <div className={`record record--${phase}`}>
      <div className="record__question">
        <RoutineContext />
        <h1 className="record__prompt">{question.prompt}</h1>
        {question.listeningFor && <p className="muted">Listening for: {question.listeningFor}</p>}
      </div>

      {problem && (
        <div className="banner banner--problem" role="alert">
          <div>
            <strong>{problem.title}.</strong> {problem.detail}
          </div>
          {pendingStop ? (
            <button type="button" className="button" onClick={() => void actions.retryStop()}>
              Finish saving
            </button>
          ) : (
            phase === 'unavailable' && (
              <button
                type="button"
                className="button"
                onClick={() => void actions.chooseMicrophone(microphoneId)}
              >
                Try again
              </button>
            )
          )}
        </div>
      )}

      <LimitWarning />
      <AnswerClock />

      <div className="record__controls">
        <PrimaryControl />
        <p className="muted small record__hint">
          {phase === 'ready'
            ? 'Press Space to start. A 3-2-1 countdown gives you a breath first.'
            : phase === 'recording'
              ? 'Recording. Press Space or Stop when you are done.'
              : ''}
        </p>
      </div>

      <div className="record__devices panel">
        <MicrophonePicker />
        <LevelMeter />
      </div>
    </div>
  );
}
