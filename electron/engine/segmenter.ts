/**
 * Decides where to cut the recording into windows for Whisper. Whisper's encoder always sees 30 s (a
 * shorter window is padded, at the same cost), so windows are cut as close to 30 s as the speech
 * allows: once `maxSec` of audio has arrived after the window start, at the latest clear pause, or at
 * the quietest moment of the last seconds when the speaker never pauses.
 *
 * The rest of the recording after the last full window (known only at `final`) is cut with the short
 * `tail` plan instead: at the first pause after `tail.minSec`. Each such cut is decided as soon as the
 * pause has lasted `tail.pauseSec`, so the stream can transcribe the open window's audio while the
 * user still speaks (see Transcription's speculative tail) and only the last seconds remain after Stop.
 * The last window ends shortly into the quiet that ends the recording (where a tail cut in that quiet
 * would be), so once the speaker has been quiet for a moment the last window is known before Stop.
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
  /** How the rest after the last full window is cut (first pause of pauseSec after minSec). */
  tail: { minSec: number; maxSec: number; pauseSec: number };
}

/**
 * Full windows of up to 29.5 s (the encoder's 30 s, less a margin for the cut's pause); a pause of
 * 0.4 s or more in the last 6 s is preferred to a shorter one nearer the edge. The tail is cut into
 * 10-24 s pieces at pauses of 0.3 s (sentence breaks rather than gaps between words).
 */
export const DEFAULT_WINDOW_PLAN: WindowPlan = {
  minSec: 15,
  maxSec: 29.5,
  pauseSec: 0.15,
  tail: { minSec: 10, maxSec: 24, pauseSec: 0.3 },
};

/** A pause at least this long (a sentence break) wins over a shorter one later in the window... */
const CLEAR_PAUSE_SEC = 0.4;
/** ... when it is within this many seconds of the window's end. */
const PREFER_CLEAR_WITHIN_SEC = 6;

export interface AudioWindow {
  /** Frame indices (10 ms) [startFrame, endFrame). */
  startFrame: number;
  endFrame: number;
  /** False when the window holds no speech: it is skipped, not sent to Whisper. */
  hasSpeech: boolean;
}

/** Minimum speech in a window worth sending to Whisper (shorter blips are clicks and breaths). */
const MIN_SPEECH_FRAMES = 12;

interface Pause {
  /** Cut frame (middle of the quiet run). */
  cut: number;
  frames: number;
}

export class Segmenter {
  private windowStart = 0;
  private readonly plan: WindowPlan;
  private readonly activity: VoiceActivity;

  constructor(activity: VoiceActivity, plan: WindowPlan = DEFAULT_WINDOW_PLAN) {
    const { minSec, maxSec, pauseSec, tail } = plan;
    if (
      !(minSec > 0 && maxSec > minSec && maxSec <= 30 && pauseSec > 0) ||
      !(tail.minSec > 0 && tail.maxSec > tail.minSec && tail.maxSec <= maxSec && tail.pauseSec > 0)
    ) {
      throw new RangeError(
        `Invalid window plan ${JSON.stringify(plan)}: need 0 < minSec < maxSec ≤ 30, pauseSec > 0, 0 < tail.minSec < tail.maxSec ≤ maxSec and tail.pauseSec > 0.`,
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
    const maxEnd = start + Math.round(this.plan.maxSec / FRAME_SEC);
    let end = -1;
    if (frames >= maxEnd) end = this.fullWindowEnd(start, maxEnd);
    else if (final) end = this.tailEnd(start, frames) ?? this.finalEnd(start, frames);
    if (end < 0) return null;
    this.windowStart = end;
    return this.window(start, end);
  }

  /**
   * The tail windows that would follow from `from` if the recording ended now: the cuts that are
   * already certain (a later Stop cannot change them). For speculative transcription.
   */
  tailWindowsFrom(from: number): AudioWindow[] {
    const frames = this.activity.frameCount;
    const out: AudioWindow[] = [];
    const limit = this.windowStart + Math.round(this.plan.maxSec / FRAME_SEC);
    let start = from;
    for (let end = this.tailEnd(start, Math.min(frames, limit)); end !== null;) {
      out.push(this.window(start, end));
      start = end;
      end = this.tailEnd(start, Math.min(frames, limit));
    }
    return out;
  }

  /**
   * The last window, starting at `from` (the end of the certain tail windows), as it will be if the
   * recording stops before the speaker speaks again; null unless they have been quiet for `quietSec`.
   * (A guess: speculative transcription checks at Stop that the window is the same.)
   */
  lastWindowIfQuiet(from: number, quietSec: number): AudioWindow | null {
    const frames = this.activity.frameCount;
    const limit = this.windowStart + Math.round(this.plan.maxSec / FRAME_SEC);
    const quiet = this.trailingQuietFrom(from, frames);
    if (frames >= limit || frames - quiet < Math.round(quietSec / FRAME_SEC)) return null;
    const end = this.finalEnd(from, frames);
    return end < frames ? this.window(from, end) : null;
  }

  /** First frame of the quiet run that ends at `frames` (`frames` when the last frame is not quiet). */
  private trailingQuietFrom(start: number, frames: number): number {
    let first = frames;
    while (first > start && this.activity.quiet[first - 1]) first--;
    return first;
  }

  /** Where a tail cut lands in a pause that starts at `quietStart` (as in tailEnd). */
  private tailCutIn(quietStart: number): number {
    const pauseFrames = Math.round(this.plan.tail.pauseSec / FRAME_SEC);
    return quietStart + pauseFrames - 1 - Math.floor(pauseFrames / 2);
  }

  /**
   * The end of the recording's last window: where a tail cut would fall in the quiet that ends the
   * recording (the rest is silence), or the end of the audio when it does not end in such a quiet.
   */
  private finalEnd(start: number, frames: number): number {
    const quiet = this.trailingQuietFrom(start, frames);
    const cut = this.tailCutIn(quiet);
    return quiet > start && cut < frames ? cut : frames;
  }

  private window(start: number, end: number): AudioWindow {
    return {
      startFrame: start,
      endFrame: end,
      hasSpeech: this.activity.speechFrames(start, end) >= MIN_SPEECH_FRAMES,
    };
  }

  /** Pauses (quiet runs of at least pauseSec) whose middle lies in [from, to), seen in frames < to. */
  private pauses(from: number, to: number): Pause[] {
    const pauseFrames = Math.round(this.plan.pauseSec / FRAME_SEC);
    const out: Pause[] = [];
    let run = 0;
    // Look back far enough to see the start of a run whose middle is at `from`.
    const scanFrom = Math.max(this.windowStart, from - 2 * Math.round(1 / FRAME_SEC));
    for (let f = scanFrom; f <= to; f++) {
      if (f < to && this.activity.quiet[f]) {
        run++;
        continue;
      }
      if (run >= pauseFrames) {
        const cut = f - Math.ceil(run / 2);
        if (cut >= from && cut < to) out.push({ cut, frames: run });
      }
      run = 0;
    }
    return out;
  }

  /** A full window from `start`: at the latest clear pause near the edge, else the latest pause. */
  private fullWindowEnd(start: number, maxEnd: number): number {
    const minEnd = start + Math.round(this.plan.minSec / FRAME_SEC);
    const pauses = this.pauses(minEnd, maxEnd);
    const clearFrom = maxEnd - Math.round(PREFER_CLEAR_WITHIN_SEC / FRAME_SEC);
    const clear = pauses.filter(
      (p) => p.cut >= clearFrom && p.frames >= Math.round(CLEAR_PAUSE_SEC / FRAME_SEC),
    );
    const best = clear.at(-1) ?? pauses.at(-1);
    return best ? best.cut : this.quietestFrame(maxEnd - Math.round(3 / FRAME_SEC), maxEnd);
  }

  /**
   * Where the tail plan cuts a window starting at `start`, seeing frames < `frames`: in the first pause
   * of tail.pauseSec whose cut lies after tail.minSec (decided as soon as the pause has lasted that
   * long), or the quietest moment before tail.maxSec; null when not decided yet.
   */
  private tailEnd(start: number, frames: number): number | null {
    const minEnd = start + Math.round(this.plan.tail.minSec / FRAME_SEC);
    const maxEnd = start + Math.round(this.plan.tail.maxSec / FRAME_SEC);
    const pauseFrames = Math.round(this.plan.tail.pauseSec / FRAME_SEC);
    let run = 0;
    for (let f = start; f < Math.min(frames, maxEnd); f++) {
      run = this.activity.quiet[f] ? run + 1 : 0;
      if (run !== pauseFrames) continue;
      const cut = this.tailCutIn(f + 1 - pauseFrames);
      if (cut >= minEnd) return cut;
    }
    if (frames >= maxEnd) return this.quietestFrame(maxEnd - Math.round(3 / FRAME_SEC), maxEnd);
    return null;
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
