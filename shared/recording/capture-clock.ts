/**
 * Counting what a live recording receives against the wall clock, to find audio the capture never
 * delivered (a starved audio thread drops input instead of queueing it).
 *
 * Each chunk arrives with the wall-clock seconds since capture began, read when its last sample
 * was captured. The lag (clock minus audio received) wobbles by the audio buffer size as chunks
 * are posted in bursts; lost audio shows as a lasting step up. So a gap is counted only when the
 * lowest lag over `windowChunks` consecutive chunks (~1 s) sits at least `minGapSec` above the
 * baseline (the lowest lag of the first window) plus the gaps already counted; it is placed where
 * the step began. A stall the capture later catches up on is not a gap.
 */
import type { CaptureGap, CaptureReport } from '../ipc/contract.ts';
import { formatClock } from '../transcript/words.ts';

/** Above this share of the answer, the review tells the user audio is missing. */
export const LOST_AUDIO_NOTICE_SHARE = 0.01;

export interface CaptureClockOptions {
  windowChunks?: number;
  minGapSec?: number;
}

export class CaptureClock {
  private receivedSamples = 0;
  private lastClockSec = 0;
  private measured = false;
  private baseline: number | null = null;
  private accounted = 0;
  private readonly window: { lagSec: number; atSec: number }[] = [];
  private readonly gaps: CaptureGap[] = [];
  private readonly windowChunks: number;
  private readonly minGapSec: number;

  constructor(
    private readonly sampleRate: number,
    options: CaptureClockOptions = {},
  ) {
    this.windowChunks = options.windowChunks ?? 4;
    this.minGapSec = options.minGapSec ?? 0.1;
  }

  /** A chunk of `samples` arrived; `clockSec` when its last sample was captured, if known. */
  add(samples: number, clockSec?: number): void {
    const atSec = this.receivedSamples / this.sampleRate;
    this.receivedSamples += samples;
    if (clockSec === undefined) return;
    this.measured = true;
    this.lastClockSec = Math.max(this.lastClockSec, clockSec);
    this.window.push({ lagSec: clockSec - this.receivedSamples / this.sampleRate, atSec });
    if (this.window.length < this.windowChunks) return;
    this.settle(this.window);
    this.window.shift();
  }

  /**
   * The figures so far; null when no chunk carried a clock. The last chunk (posted when capture
   * stops, so its clock may run ahead of the audio thread) is left out.
   */
  report(): CaptureReport | null {
    if (!this.measured) return null;
    const gaps = [...this.gaps];
    // The last window shrinks towards the end, so a loss in the final second still counts.
    const tail = this.window.slice(0, -1);
    let accounted = this.accounted;
    for (let start = 0; start < tail.length && this.baseline !== null; start++) {
      const rest = tail.slice(start);
      const excess = Math.min(...rest.map((w) => w.lagSec)) - this.baseline - accounted;
      if (excess < this.minGapSec) continue;
      gaps.push({ atSec: rest[0]!.atSec, lostSec: excess });
      accounted += excess;
    }
    const receivedSec = this.receivedSamples / this.sampleRate;
    return {
      clockSec: this.lastClockSec,
      receivedSec,
      lostSec: gaps.reduce((sum, gap) => sum + gap.lostSec, 0),
      gaps,
    };
  }

  private settle(window: readonly { lagSec: number; atSec: number }[]): void {
    const lowest = Math.min(...window.map((w) => w.lagSec));
    if (this.baseline === null) {
      this.baseline = lowest;
      return;
    }
    const excess = lowest - this.baseline - this.accounted;
    if (excess < this.minGapSec) return;
    this.gaps.push({ atSec: window[0]!.atSec, lostSec: excess });
    this.accounted += excess;
  }
}

/**
 * What the review says when more than 1 % of the answer never reached the recording, e.g.
 * "4.2 s of audio were lost at 1:10 because the computer was busy." Null when nothing to say.
 */
export function describeLostAudio(capture: CaptureReport | null | undefined): string | null {
  if (!capture || capture.gaps.length === 0) return null;
  const total = capture.receivedSec + capture.lostSec;
  if (total <= 0 || capture.lostSec / total <= LOST_AUDIO_NOTICE_SHARE) return null;
  const largest = capture.gaps.reduce((a, b) => (b.lostSec > a.lostSec ? b : a));
  const where =
    capture.gaps.length === 1
      ? `at ${formatClock(largest.atSec)}`
      : `in ${capture.gaps.length} places (the longest, ${largest.lostSec.toFixed(1)} s, at ${formatClock(largest.atSec)})`;
  return `${capture.lostSec.toFixed(1)} s of audio were lost ${where} because the computer was busy. The transcript and feedback cover only what was recorded.`;
}
