import type { TimingReport } from '../../../../shared/analysis/types.ts';
import { formatClock } from '../../lib/format.ts';
import { useActions } from '../../store/index.ts';
import { COMFORTABLE_PACE, layoutPaceChart } from './pace-chart.ts';

const WIDTH = 320;
const HEIGHT = 96;

export function PaceChart({ timing }: { timing: TimingReport }) {
  const actions = useActions();
  const samples = timing.paceOverTime;
  if (samples.length === 0) return <p className="muted">Too short to chart the pace.</p>;
  const chart = layoutPaceChart(samples, WIDTH, HEIGHT);
  const summary = samples
    .map((s) => `${formatClock(s.start)}: ${Math.round(s.wordsPerMinute)}`)
    .join(', ');
  return (
    <figure className="pace">
      <svg
        className="pace__chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Words per minute over time: ${summary}. Comfortable range ${COMFORTABLE_PACE.min} to ${COMFORTABLE_PACE.max}.`}
      >
        <rect
          className="pace__band"
          x={0}
          y={chart.band.top}
          width={WIDTH}
          height={chart.band.bottom - chart.band.top}
        />
        <path className="pace__line" d={chart.line} fill="none" vectorEffect="non-scaling-stroke" />
        {chart.points.map((p) => (
          <circle
            key={p.sample.start}
            className="pace__point"
            cx={p.x}
            cy={p.y}
            r={3}
            vectorEffect="non-scaling-stroke"
            onClick={() => actions.seekTo(p.sample.start)}
          >
            <title>{`${formatClock(p.sample.start)}–${formatClock(p.sample.end)}: ${Math.round(p.sample.wordsPerMinute)} wpm`}</title>
          </circle>
        ))}
      </svg>
      <figcaption className="pace__caption small muted">
        <span>
          Average <strong>{Math.round(timing.wordsPerMinute)}</strong> wpm
          {timing.estimated ? ' (estimated)' : ''}
        </span>
        <span>
          Shaded: comfortable {COMFORTABLE_PACE.min}–{COMFORTABLE_PACE.max}
        </span>
      </figcaption>
    </figure>
  );
}
