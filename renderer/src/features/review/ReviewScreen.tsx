import { describeLostAudio } from '../../../../shared/recording/capture-clock.ts';
import type { AttemptProgress } from '../../../../shared/ipc/contract.ts';
import { formatClock, formatWhen } from '../../lib/format.ts';
import { useActions, useApp } from '../../store/index.ts';
import { ModelStatus } from '../engine/ModelStatus.tsx';
import { Findings } from './Findings.tsx';
import { PaceChart } from './PaceChart.tsx';
import { Player } from './Player.tsx';
import { ScoreCard } from './ScoreCard.tsx';
import { StarBand } from './StarBand.tsx';
import { ToldVsWritten } from '../stories/ToldVsWritten.tsx';
import { Transcript } from './Transcript.tsx';

const STAGES: { stage: AttemptProgress['stage']; label: string }[] = [
  { stage: 'saving', label: 'Saving the recording' },
  { stage: 'transcribing', label: 'Transcribing on this computer' },
  { stage: 'analyzing', label: 'Analysing the answer' },
];

function Processing() {
  const progress = useApp((s) => s.review.progress);
  const current = STAGES.findIndex((s) => s.stage === progress?.stage);
  const fraction = progress?.fraction;
  return (
    <section className="processing panel" aria-labelledby="processing-title" aria-busy="true">
      <h1 id="processing-title" className="screen-title">
        Listening back to your answer…
      </h1>
      <ol className="stages">
        {STAGES.map((stage, index) => (
          <li
            key={stage.stage}
            className={`stage ${index < current ? 'stage--done' : index === current ? 'stage--active' : ''}`}
            aria-current={index === current ? 'step' : undefined}
          >
            {stage.label}
          </li>
        ))}
      </ol>
      <div
        className="progress"
        role="progressbar"
        aria-label={progress?.message ?? 'Processing'}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction !== undefined ? Math.round(fraction * 100) : undefined}
      >
        <div
          className={`progress__fill${fraction === undefined ? ' progress__fill--indeterminate' : ''}`}
          style={fraction !== undefined ? { width: `${Math.round(fraction * 100)}%` } : undefined}
        />
      </div>
      <p className="muted small" role="status">
        {progress?.message ?? 'Everything runs locally; nothing leaves this computer.'}
      </p>
    </section>
  );
}

function ReviewHeader() {
  const detail = useApp((s) => s.review.detail);
  const actions = useActions();
  if (!detail) return null;
  const report = detail.report;
  return (
    <header className="review__header">
      <div>
        <p className="eyebrow">
          {formatWhen(detail.createdAt)} · {formatClock(detail.durationSec)}
          {report ? ` · ${report.timing.wordCount} words · ${report.fillers.count} fillers` : ''}
        </p>
        <h1 className="review__prompt">{detail.question.prompt}</h1>
      </div>
      <button
        type="button"
        className="button button--primary"
        onClick={() => void actions.tryAgain()}
      >
        Try again
      </button>
    </header>
  );
}

export function ReviewScreen() {
  const status = useApp((s) => s.review.status);
  const detail = useApp((s) => s.review.detail);
  const audio = useApp((s) => s.review.audio);
  const error = useApp((s) => s.review.error);
  const notice = useApp((s) => s.review.notice);
  const lostAudio = useApp((s) => describeLostAudio(s.review.detail?.capture));
  const actions = useActions();
  const report = detail?.report ?? null;

  return (
    <div className="review">
      {notice && (
        <div className="banner banner--warning" role="status">
          {notice}
        </div>
      )}
      {lostAudio && (
        <div className="banner banner--warning" role="status">
          {lostAudio}
        </div>
      )}
      {status === 'loading' && <p className="muted">Loading…</p>}
      {status === 'processing' && <Processing />}
      {/* Why it failed, when the speech model is the reason (missing, downloading), and the way out. */}
      {(status === 'failed' || status === 'interrupted') && <ModelStatus offerSettings />}
      {(status === 'failed' || status === 'interrupted') && (
        <section className="panel" role="alert">
          <h1 className="screen-title">
            {status === 'failed'
              ? 'This answer could not be analysed'
              : 'This recording was interrupted'}
          </h1>
          <p>{error ?? 'The recording is saved. Analyse it now?'}</p>
          {detail && (
            <button
              type="button"
              className="button button--primary"
              onClick={() => void actions.retryAnalysis()}
            >
              Analyse again
            </button>
          )}
        </section>
      )}
      {status === 'ready' && detail && report && (
        <>
          <ReviewHeader />
          <div className="review__columns">
            <div className="review__main">
              <section className="panel" aria-labelledby="player-title">
                <h2 id="player-title" className="visually-hidden">
                  Recording
                </h2>
                {audio ? (
                  <Player audio={audio} />
                ) : (
                  <p className="muted">The recording is not available for playback.</p>
                )}
              </section>
              <section className="panel" aria-labelledby="transcript-title">
                <div className="panel__head">
                  <h2 id="transcript-title" className="panel__title">
                    Transcript
                  </h2>
                  <ul className="legend small" aria-label="Legend">
                    <li>
                      <span className="legend__swatch legend__swatch--filler" /> Filler
                    </li>
                    <li>
                      <span className="legend__swatch legend__swatch--rambling" /> Rambling
                    </li>
                  </ul>
                </div>
                <StarBand report={report} />
                <Transcript report={report} />
              </section>
              <ToldVsWritten detail={detail} />
            </div>
            <div className="review__side">
              <section className="panel" aria-labelledby="score-title">
                <h2 id="score-title" className="panel__title">
                  Score
                </h2>
                <ScoreCard score={report.score} />
              </section>
              <section className="panel" aria-labelledby="findings-title">
                <h2 id="findings-title" className="panel__title">
                  What to work on
                </h2>
                <Findings report={report} />
              </section>
              <section className="panel" aria-labelledby="pace-title">
                <h2 id="pace-title" className="panel__title">
                  Pace
                </h2>
                <PaceChart timing={report.timing} />
              </section>
            </div>
          </div>
        </>
      )}
    </div>
  );
}
