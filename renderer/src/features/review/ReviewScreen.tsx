import { describeLostAudio } from '../../../../shared/recording/capture-clock.ts';
import type { AttemptProgress } from '../../../../shared/ipc/contract.ts';
import { useEffect, useRef } from 'react';
import type { AnswerReport } from '../../../../shared/analysis/types.ts';
import { answerFigures, describeFigures, rankFindings } from '../../../../shared/report/coach.ts';
import { formatClock, formatWhen } from '../../lib/format.ts';
import { useActions, useApp } from '../../store/index.ts';
import { ModelStatus } from '../engine/ModelStatus.tsx';
import { Findings } from './Findings.tsx';
import { PaceChart } from './PaceChart.tsx';
import { Player } from './Player.tsx';
import { ExportButton } from '../export/ExportDialog.tsx';
import { Comparison, describeDelta, useComparison } from './Comparison.tsx';
import { ScoreCard } from './ScoreCard.tsx';
import { scoreBand, SCORE_BAND_LABELS } from './score-band.ts';
import { StarBand } from './StarBand.tsx';
import { ToldVsWritten } from '../stories/ToldVsWritten.tsx';
import { Transcript, UnclearNote } from './Transcript.tsx';

const STAGES: { stage: AttemptProgress['stage']; label: string }[] = [
  { stage: 'saving', label: 'Saving the recording' },
  { stage: 'transcribing', label: 'Transcribing on this computer' },
  { stage: 'analyzing', label: 'Analysing the answer' },
];

function Processing() {
  const progress = useApp((s) => s.review.progress);
  const current = STAGES.findIndex((s) => s.stage === progress?.stage);
  const fraction = progress?.fraction;
  const etaSec = useApp((s) => s.review.etaSec);
  const percent = fraction !== undefined ? Math.round(fraction * 100) : null;
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
      {percent !== null && (
        <p className="processing__figures">
          <strong>{percent}%</strong>
          {etaSec !== null ? ` · about ${formatClock(etaSec)} left` : ''}
        </p>
      )}
      <p className="muted small" role="status">
        {progress?.message ?? 'Everything runs locally; nothing leaves this computer.'}
      </p>
    </section>
  );
}

function ReviewHeader() {
  const detail = useApp((s) => s.review.detail);
  const actions = useActions();
  const heading = useRef<HTMLHeadingElement>(null);
  const { current, previous } = useComparison();
  const scoreChange = previous?.changes[0];
  // The review replaces the progress screen: say so by moving focus to its heading.
  useEffect(() => heading.current?.focus(), []);
  if (!detail) return null;
  const report = detail.report;
  const figures = report ? answerFigures(report) : null;
  return (
    <header className="review__header">
      <div className="review__heading">
        <p className="eyebrow">
          {formatWhen(detail.createdAt)} · {formatClock(detail.durationSec)} recorded
        </p>
        <h1 ref={heading} tabIndex={-1} className="review__prompt">
          {detail.question.prompt}
        </h1>
        {figures && (
          <p className="review__figures">
            {current ? `Attempt ${current.attemptNumber} · ` : ''}
            {describeFigures(figures)}
            {scoreChange ? ` · score ${describeDelta(scoreChange).text} since last time` : ''}
          </p>
        )}
      </div>
      {figures && (
        <p className={`review__score score--${scoreBand(figures.score)}`}>
          <span className="score__number">{figures.score}</span>
          <span className="score__of">
            / 100 <span className="score__word">{SCORE_BAND_LABELS[scoreBand(figures.score)]}</span>
          </span>
        </p>
      )}
      <div className="review__actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => void actions.tryAgain()}
        >
          Try again
        </button>
        <ExportButton />
      </div>
    </header>
  );
}

/** The one thing to fix next: the finding worth the most points, with the moment to hear. */
function NextStep({ report }: { report: AnswerReport }) {
  const actions = useActions();
  const top = rankFindings(report)[0];
  if (!top) {
    return (
      <section className="next-step next-step--clear" aria-labelledby="next-title">
        <h2 id="next-title" className="next-step__label">
          Next step
        </h2>
        <p className="next-step__title">Nothing to fix in this answer. Try another question.</p>
      </section>
    );
  }
  const evidence = top.finding.evidence[0];
  return (
    <section className="next-step" aria-labelledby="next-title" data-code={top.finding.code}>
      <div className="next-step__text">
        <h2 id="next-title" className="next-step__label">
          Fix this next
        </h2>
        <p className="next-step__title">{top.title}</p>
        <p className="next-step__message">{top.finding.message}</p>
      </div>
      {top.at !== null && evidence && (
        <button
          type="button"
          className="button button--primary next-step__hear"
          onClick={() => actions.showEvidence(evidence, top.at!)}
        >
          ▶ Hear it ({formatClock(top.at)})
        </button>
      )}
    </section>
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
          <NextStep report={report} />
          <div className="review__columns">
            <div className="review__main">
              <section className="panel panel--tight" aria-labelledby="transcript-title">
                <h2 id="transcript-title" className="visually-hidden">
                  Recording and transcript
                </h2>
                {audio ? (
                  <Player audio={audio} />
                ) : (
                  <p className="muted">The recording is not available for playback.</p>
                )}
                <StarBand report={report} />
                <UnclearNote report={report} />
                <Transcript report={report} />
                <ul className="legend small" aria-label="Legend">
                  <li>
                    <span className="legend__swatch legend__swatch--filler" /> Filler (wavy
                    underline)
                  </li>
                  <li>
                    <span className="legend__swatch legend__swatch--rambling" /> Rambling (labelled)
                  </li>
                  {report.unclear && report.unclear.length > 0 && (
                    <li>
                      <span className="legend__swatch legend__swatch--unclear" /> Too unclear to
                      transcribe (dashed, select to listen)
                    </li>
                  )}
                  <li>Space plays and pauses · ← → jump 5 s (Shift: 1 s)</li>
                </ul>
              </section>
              <ToldVsWritten detail={detail} />
            </div>
            <div className="review__side">
              <Comparison />
              <section className="panel" aria-labelledby="findings-title">
                <h2 id="findings-title" className="panel__title">
                  Also worth work
                </h2>
                <Findings report={report} skip={1} />
              </section>
              <section className="panel" aria-labelledby="score-title">
                <h2 id="score-title" className="panel__title">
                  Score by part
                </h2>
                <ScoreCard score={report.score} />
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
