/**
 * Durations and moments ("1:23") and shares ("24%") come from shared/report/coach.ts, the one
 * rounding the review, History, Progress and the exports all use.
 */
export { formatClock, formatPerMinute, formatShare } from '../../../shared/report/coach.ts';

/** 83.46 → "1:23.4": a playback position, floored to the tenth (a running clock never runs ahead). */
export function formatPosition(seconds: number): string {
  const tenths = Math.floor((Number.isFinite(seconds) && seconds > 0 ? seconds : 0) * 10);
  const whole = Math.floor(tenths / 10);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}.${tenths % 10}`;
}

/** An ISO timestamp as a short local date and time. */
export function formatWhen(iso: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** 34_200_000 → "34.2 MB" (decimal megabytes, as download sizes are usually given). */
export function formatMegabytes(bytes: number): string {
  const safe = Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
  return `${(safe / 1_000_000).toFixed(1)} MB`;
}

export interface DownloadFigures {
  /** Whole percent, never 100 before the last byte; null when the total is unknown. */
  percent: number | null;
  /** "34.2 MB of 112.0 MB · 31%", or "34.2 MB so far" when the total is unknown. */
  text: string;
}

/** What a download progress bar says. */
export function describeDownload(loadedBytes: number, totalBytes: number): DownloadFigures {
  if (!(totalBytes > 0)) return { percent: null, text: `${formatMegabytes(loadedBytes)} so far` };
  const loaded = Math.min(Math.max(0, loadedBytes), totalBytes);
  const percent = Math.floor((loaded / totalBytes) * 100);
  return {
    percent,
    text: `${formatMegabytes(loaded)} of ${formatMegabytes(totalBytes)} · ${percent}%`,
  };
}
