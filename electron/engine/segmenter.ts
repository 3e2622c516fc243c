/**
 * Decides where to cut the recording into windows for Whisper: at the first pause after a window has
 * reached `minSec`, or at the quietest moment before `maxSec` when the speaker never pauses.
 *
 * Every decision depends only on audio up to the cut, so feeding the recording in chunks (while the
 * candidate speaks) or all at once gives exactly the same windows, hence the same words.
 */
import { FRAME_SEC, type VoiceActivity } from './audio/activity.ts';

export interface WindowPlan {
  /** A window is not cut before it holds this much audio. */
  minSec: number;
  /** Hard limit (Whisper sees 30 s at most). */
  maxSec: number;
  /** Silence needed to call it a pause. */
  pauseSec: number;
}

/**
 * 10-24 s windows: long enough that Whisper has context and the encoder (a fixed 30 s cost) is not paid
 * too often, short enough that what is left after the speaker stops transcribes in about a second.
 */
export const DEFAULT_WINDOW_PLAN: WindowPlan = { minSec: 10, maxSec: 24, pauseSec: 0.3 };

export interface AudioWindow {
  /** Frame indices (10 ms) [startFrame, endFrame). */
  startFrame: number;
  endFrame: number;
  /** False when the window holds no speech: it is skipped, not sent to Whisper. */
  hasSpeech: boolean;
}

/** Minimum speech in a window worth sending to Whisper (shorter blips are clicks and breaths). */
const MIN_SPEECH_FRAMES = 12;

export class Segmenter {
  private windowStart = 0;
  private readonly plan: WindowPlan;
  private readonly activity: VoiceActivity;

  constructor(activity: VoiceActivity, plan: WindowPlan = DEFAULT_WINDOW_PLAN) {
    if (!(plan.minSec > 0 && plan.maxSec > plan.minSec && plan.maxSec <= 30 && plan.pauseSec > 0)) {
      throw new RangeError(
        `Invalid window plan ${JSON.stringify(plan)}: need 0 < minSec < maxSec ≤ 30 and pauseSec > 0.`,
      );
    }
    this.activity = activity;
    this.plan = plan;
  }

  /** Frame where the next window will start. */
  get settledFrame(): number {
    return this.windowStart;
  }

  /**
   * The next window that can be cut with the audio received so far, or null. With `final`, the rest of
   * the recording is returned as the last window(s).
   */
  next(final: boolean): AudioWindow | null {
    const frames = this.activity.frameCount;
    const start = this.windowStart;
    if (start >= frames) return null;
    const minEnd = start + Math.round(this.plan.minSec / FRAME_SEC);
    const maxEnd = start + Math.round(this.plan.maxSec / FRAME_SEC);
    const pauseFrames = Math.round(this.plan.pauseSec / FRAME_SEC);
    let end = -1;
    // First pause confirmed after the minimum length: cut in its middle.
    let quiet = 0;
    for (let f = Math.max(start, minEnd - pauseFrames); f < Math.min(frames, maxEnd); f++) {
      quiet = this.activity.quiet[f] ? quiet + 1 : 0;
      if (quiet >= pauseFrames && f - Math.floor(pauseFrames / 2) >= minEnd) {
        end = f - Math.floor(pauseFrames / 2);
        break;
      }
    }
    if (end < 0 && frames >= maxEnd)
      end = this.quietestFrame(maxEnd - Math.round(3 / FRAME_SEC), maxEnd);
    if (end < 0 && final) end = frames;
    if (end < 0) return null;
    this.windowStart = end;
    return {
      startFrame: start,
      endFrame: end,
      hasSpeech: this.activity.speechFrames(start, end) >= MIN_SPEECH_FRAMES,
    };
  }

  private quietestFrame(from: number, to: number): number {
    let best = to;
    let bestLevel = Number.POSITIVE_INFINITY;
    for (let f = Math.max(from, this.windowStart + 1); f < to; f++) {
      const level = this.activity.levels[f] ?? 0;
      if (level < bestLevel) {
        bestLevel = level;
        best = f;
      }
    }
    return best;
  }
}
