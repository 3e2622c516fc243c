/** One recognised word. Times are seconds from the start of the recording. */
export interface Word {
  /** The word as spoken, without surrounding whitespace (punctuation may be attached: "production."). */
  text: string;
  start: number;
  end: number;
  /** Recogniser confidence 0..1, when known. */
  probability?: number;
  /** True when the word was inserted by acoustic filled-pause detection rather than by the recogniser. */
  detected?: boolean;
}

/** A stretch of the recording (seconds) with speech the recogniser could not transcribe reliably. */
export interface UnclearSpan {
  start: number;
  end: number;
}

/** A transcript of one spoken answer. `words` is empty for a text-only transcript. */
export interface Transcript {
  text: string;
  words: Word[];
  /** Length of the recording in seconds, when known. */
  durationSec?: number;
  /**
   * Where the audio was too unclear to transcribe (the recogniser's guard found no decoding to trust,
   * or heard no speech where there was some). Its words there, if any, are unreliable. Absent = none.
   */
  unclear?: UnclearSpan[];
}
