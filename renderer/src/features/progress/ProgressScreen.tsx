import {
  CartesianGrid,
  LabelList,
  Line,
  LineChart,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ProgressPoint } from '../../../../shared/ipc/contract.ts';
import { QUESTION_BANK } from '../../../../shared/questions/bank.ts';
import { FilteredScreenHead } from '../../lib/FilteredScreenHead.tsx';
import { formatClock, formatPerMinute, formatWhen } from '../../lib/format.ts';
import { useActions, useApp } from '../../store/index.ts';
import { COMFORTABLE_PACE } from '../review/pace-chart.ts';

interface Series {
  key: 'score' | 'fillersPerMinute' | 'wordsPerMinute' | 'spokenSec';
  title: string;
  /** What a good value looks like, said in words (the charts never rely on colour). */
  reading: string;
  format: (value: number) => string;
  band?: { from: number; to: number; label: string };
  domain: [number | ((min: number) => number), number | ((max: number) => number)];
  /** Fixed tick step, when the default ticks would read oddly (minutes). */
  tickStep?: number;
  dash?: string;
  shape: 'circle' | 'square' | 'diamond' | 'triangle';
}

const SERIES: Series[] = [
  {
    key: 'score',
    title: 'Score',
    reading: 'Higher is better.',
    format: String,
    shape: 'circle',
    domain: [0, 100],
  },
  {
    key: 'fillersPerMinute',
    title: 'Fillers per minute',
    reading: 'Lower is better.',
    format: formatPerMinute,
    domain: [0, (max: number) => Math.max(2, Math.ceil(max + 1))],
    dash: '6 3',
    shape: 'square',
  },
  {
    key: 'wordsPerMinute',
    title: 'Pace (words per minute)',
    reading: `The shaded band is a comfortable pace, ${COMFORTABLE_PACE.min}–${COMFORTABLE_PACE.max}.`,
    format: String,
    band: { from: COMFORTABLE_PACE.min, to: COMFORTABLE_PACE.max, label: 'comfortable' },
    domain: [
      (min: number) => Math.floor(Math.min(min, COMFORTABLE_PACE.min - 20) / 10) * 10,
      (max: number) => Math.ceil(Math.max(max, COMFORTABLE_PACE.max + 20) / 10) * 10,
    ],
    dash: '2 3',
    shape: 'diamond',
  },
  {
    key: 'spokenSec',
    title: 'Length (spoken)',
    reading: 'The shaded band is two to three minutes.',
    format: formatClock,
    band: { from: 120, to: 180, label: '2–3 min' },
    domain: [0, (max: number) => Math.ceil(Math.max(max, 180) / 60) * 60 + 60],
    tickStep: 60,
    dash: '10 4',
    shape: 'triangle',
  },
];

/** A marker per shape, so each chart's points read without colour. */
function Marker({ cx, cy, shape }: { cx?: number; cy?: number; shape: Series['shape'] }) {
  if (cx === undefined || cy === undefined) return null;
  const r = 5;
  if (shape === 'square')
    return <rect x={cx - r} y={cy - r} width={2 * r} height={2 * r} className="chart__marker" />;
  if (shape === 'diamond')
    return (
      <path
        d={`M${cx},${cy - r - 1} L${cx + r + 1},${cy} L${cx},${cy + r + 1} L${cx - r - 1},${cy} Z`}
        className="chart__marker"
      />
    );
  if (shape === 'triangle')
    return (
      <path
        d={`M${cx},${cy - r - 1} L${cx + r + 1},${cy + r} L${cx - r - 1},${cy + r} Z`}
        className="chart__marker"
      />
    );
  return <circle cx={cx} cy={cy} r={r} className="chart__marker" />;
}

/** One question: its attempt numbers; all questions: the order and the date. */
function label(point: ProgressPoint, index: number, all: boolean): string {
  return all ? `${index + 1} · ${formatWhen(point.createdAt)}` : `Attempt ${point.attemptNumber}`;
}

function Chart({ series, points, all }: { series: Series; points: ProgressPoint[]; all: boolean }) {
  const data = points.map((p, i) => ({ x: label(p, i, all), value: p[series.key], point: p }));
  const top = Math.max(...points.map((p) => p[series.key]), series.band?.to ?? 0);
  const ticks = series.tickStep
    ? Array.from(
        { length: Math.ceil(top / series.tickStep) + 2 },
        (_, i) => i * (series.tickStep ?? 1),
      )
    : undefined;
  const values = data.map((d) => d.value);
  const summary = data.map((d) => `${d.x}: ${series.format(d.value)}`).join(', ');
  return (
    <figure className="chart panel">
      <figcaption>
        <strong>{series.title}</strong> <span className="small muted">{series.reading}</span>
      </figcaption>
      <div role="img" aria-label={`${series.title} over time: ${summary}. ${series.reading}`}>
        <ResponsiveContainer width="100%" height={190}>
          <LineChart data={data} margin={{ top: 20, right: 24, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" className="chart__grid" />
            <XAxis
              dataKey="x"
              tick={{ fontSize: 12 }}
              interval="preserveStartEnd"
              padding={{ left: 28, right: 28 }}
            />
            <YAxis
              tick={{ fontSize: 12 }}
              width={44}
              tickFormatter={(v: number) => series.format(v)}
              domain={series.domain}
              {...(ticks ? { ticks } : {})}
              allowDecimals={series.key === 'fillersPerMinute'}
            />
            {series.band && (
              <ReferenceArea
                y1={series.band.from}
                y2={series.band.to}
                className="chart__band"
                ifOverflow="extendDomain"
              />
            )}
            <Tooltip formatter={(v) => series.format(Number(v))} />
            <Line
              type="monotone"
              dataKey="value"
              name={series.title}
              className="chart__line"
              strokeDasharray={series.dash}
              strokeWidth={2}
              isAnimationActive={false}
              dot={(props: { cx?: number; cy?: number; index?: number }) => (
                <Marker key={props.index} cx={props.cx} cy={props.cy} shape={series.shape} />
              )}
            >
              <LabelList
                dataKey="value"
                position="top"
                className="chart__label"
                formatter={(v) => series.format(Number(v))}
              />
            </Line>
          </LineChart>
        </ResponsiveContainer>
      </div>
      {values.length === 1 && (
        <p className="small muted">One attempt so far: practise again to see a trend.</p>
      )}
    </figure>
  );
}

/** Charts over time (score, fillers, pace, length), overall or for one question, and the table. */
export function ProgressScreen() {
  const points = useApp((s) => s.progress.points);
  const filter = useApp((s) => s.progress.questionFilter);
  const loading = useApp((s) => s.progress.loading);
  const error = useApp((s) => s.progress.error);
  const actions = useActions();
  const practised = new Map(points.map((p) => [p.question.id, p.question]));
  const shown = filter ? points.filter((p) => p.question.id === filter) : points;
  const all = filter === null;

  return (
    <div className="progress-view">
      <FilteredScreenHead
        title="Progress"
        filter={filter}
        groups={[
          {
            questions: [...practised.values()].map((q) => ({
              id: q.id,
              prompt: QUESTION_BANK.find((b) => b.id === q.id)?.prompt ?? q.prompt,
            })),
          },
        ]}
        onFilter={(questionId) => actions.filterProgress(questionId)}
        error={error}
      />
      {!loading && shown.length === 0 && !error && (
        <p className="empty muted">
          No analysed attempts yet. Answer a question to see your progress.
        </p>
      )}
      {shown.length > 0 && (
        <>
          <div className="charts">
            {SERIES.map((series) => (
              <Chart key={series.key} series={series} points={shown} all={all} />
            ))}
          </div>
          <details className="panel progress-table">
            <summary>The same figures as a table</summary>
            <table className="comparison__table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Question</th>
                  <th scope="col">Attempt</th>
                  {SERIES.map((s) => (
                    <th key={s.key} scope="col">
                      {s.title}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shown.map((p) => (
                  <tr key={p.attemptId}>
                    <th scope="row">{formatWhen(p.createdAt)}</th>
                    <td>{p.question.prompt}</td>
                    <td>{p.attemptNumber}</td>
                    {SERIES.map((s) => (
                      <td key={s.key}>{s.format(p[s.key])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </div>
  );
}
