/**
 * Voice activity from frame energy, computed causally so that the same audio gives the same answer
 * whether it arrives in one piece (batch) or in microphone chunks (incremental).
 *
 * Frames are 10 ms at 16 kHz. A frame is speech when its level is well above the noise floor (the
 * 10th percentile of the last 3 s of frame levels, which in speech falls in pauses and closures) and
 * above an absolute floor. Steady noise therefore never counts as speech, and digital silence never does.
 */

export const FRAME_SAMPLES = 160;
export const FRAME_SEC = FRAME_SAMPLES / 16_000;

const ABSOLUTE_FLOOR_DB = -62;
const SPEECH_ABOVE_FLOOR_DB = 9;
/** A frame is clearly quiet (usable as a pause to cut at) when its 50 ms level is this close to the floor. */
const QUIET_ABOVE_FLOOR_DB = 3;
/** Noise floor: this percentile of the last FLOOR_HISTORY frame levels, refreshed every FLOOR_REFRESH frames. */
const FLOOR_PERCENTILE = 0.1;
const FLOOR_HISTORY = 300;
const FLOOR_REFRESH = 10;
/** Quietness is judged on 50 ms averages, so one quiet frame inside a word is not a pause. */
const SMOOTH_FRAMES = 5;
/** Speech frames closer than this are bridged into one stretch. */
const BRIDGE_FRAMES = 15;

export interface SpeechRegion {
  start: number;
  end: number;
}

/** Incremental frame classifier: feed 16 kHz samples in any chunk sizes. */
export class VoiceActivity {
  /** Per-frame level in dBFS. */
  readonly levels: number[] = [];
  /** Per-frame raw decision (before bridging). */
  readonly speech: boolean[] = [];
  /**
   * Per-frame "clearly quiet": near the noise floor. Stricter than "not speech", so that a window is
   * never cut inside soft speech in a noisy recording.
   */
  readonly quiet: boolean[] = [];
  private pending = new Float32Array(0);
  private floor = Number.NaN;

  push(samples: Float32Array): void {
    const merged = new Float32Array(this.pending.length + samples.length);
    merged.set(this.pending);
    merged.set(samples, this.pending.length);
    const frames = Math.floor(merged.length / FRAME_SAMPLES);
    for (let f = 0; f < frames; f++) {
      let energy = 0;
      for (let i = f * FRAME_SAMPLES; i < (f + 1) * FRAME_SAMPLES; i++)
        energy += merged[i]! * merged[i]!;
      const db = 10 * Math.log10(energy / FRAME_SAMPLES + 1e-10);
      this.levels.push(db);
      const index = this.levels.length - 1;
      if (index % FLOOR_REFRESH === 0) this.floor = this.percentileFloor(index);
      // Until the next refresh, a quieter frame lowers the floor at once.
      this.floor = Number.isNaN(this.floor) ? db : Math.min(this.floor, db);
      const recent = this.levels.slice(Math.max(0, index + 1 - SMOOTH_FRAMES));
      const average = recent.reduce((a, b) => a + b, 0) / recent.length;
      this.speech.push(db > ABSOLUTE_FLOOR_DB && db > this.floor + SPEECH_ABOVE_FLOOR_DB);
      this.quiet.push(average < ABSOLUTE_FLOOR_DB || average < this.floor + QUIET_ABOVE_FLOOR_DB);
    }
    this.pending = merged.slice(frames * FRAME_SAMPLES);
  }

  private percentileFloor(index: number): number {
    const recent = this.levels
      .slice(Math.max(0, index + 1 - FLOOR_HISTORY), index + 1)
      .sort((a, b) => a - b);
    return recent[Math.floor(FLOOR_PERCENTILE * (recent.length - 1))]!;
  }

  get frameCount(): number {
    return this.speech.length;
  }

  /** Speech stretches (seconds) between frame indices [from, to), with short gaps bridged. */
  regions(from = 0, to = this.speech.length): SpeechRegion[] {
    const regions: SpeechRegion[] = [];
    let start = -1;
    let lastSpeech = -1;
    for (let f = from; f < to; f++) {
      if (!this.speech[f]) continue;
      if (start < 0) start = f;
      else if (f - lastSpeech > BRIDGE_FRAMES) {
        regions.push({ start: start * FRAME_SEC, end: (lastSpeech + 1) * FRAME_SEC });
        start = f;
      }
      lastSpeech = f;
    }
    if (start >= 0) regions.push({ start: start * FRAME_SEC, end: (lastSpeech + 1) * FRAME_SEC });
    return regions;
  }

  /** Number of speech frames in [from, to). */
  speechFrames(from: number, to: number): number {
    return countSpeechFrames(this.speech, from, to);
  }
}

/** Number of frames in [from, to) that `speech` marks as speech (frames outside it count as not). */
export function countSpeechFrames(speech: readonly boolean[], from: number, to: number): number {
  let count = 0;
  for (let f = Math.max(0, from); f < Math.min(to, speech.length); f++) if (speech[f]) count++;
  return count;
}
