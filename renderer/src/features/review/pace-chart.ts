import type { PaceSample } from '../../../../shared/analysis/types.ts';

/** A comfortable interview pace, words per minute. */
export const COMFORTABLE_PACE = { min: 130, max: 170 } as const;

export interface PaceChartGeometry {
  /** SVG path of the pace line. */
  line: string;
  maxWpm: number;
  /** Y of the comfortable band's top and bottom. */
  band: { top: number; bottom: number };
  points: { x: number; y: number; sample: PaceSample }[];
}

/** Lays out pace samples in a width × height box (y grows downwards). */
export function layoutPaceChart(
  samples: readonly PaceSample[],
  width: number,
  height: number,
): PaceChartGeometry {
  const maxWpm = Math.max(200, ...samples.map((s) => s.wordsPerMinute)) * 1.05;
  const end = Math.max(1e-6, ...samples.map((s) => s.end));
  const y = (wpm: number) => height - (wpm / maxWpm) * height;
  const points = samples.map((sample) => ({
    x: ((sample.start + sample.end) / 2 / end) * width,
    y: y(sample.wordsPerMinute),
    sample,
  }));
  const line = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`)
    .join(' ');
  return {
    line,
    maxWpm,
    band: { top: y(COMFORTABLE_PACE.max), bottom: y(COMFORTABLE_PACE.min) },
    points,
  };
}
