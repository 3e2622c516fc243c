/**
 * Band-limited resampling to Whisper's 16 kHz.
 *
 * A Kaiser-windowed sinc interpolator: the cutoff is placed at 0.95 × the lower Nyquist frequency, so
 * downsampling (48 kHz → 16 kHz) removes content above ~7.6 kHz before decimation instead of folding it
 * back as aliasing. Works for any ratio, including non-integer ones (44.1 kHz → 16 kHz), and runs
 * incrementally so microphone chunks can be fed as they arrive with output identical to one-shot.
 */

export const WHISPER_SAMPLE_RATE = 16_000;

/** Half-width of the filter in input-rate zero crossings (at the cutoff). 16 gives > 70 dB stop band. */
const ZERO_CROSSINGS = 16;
const KAISER_BETA = 8.6;
/** Filter table resolution: taps are precomputed at this many fractional phases per input sample. */
const PHASES = 512;

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

interface Filter {
  /** Kernel half-width in input samples. */
  halfWidth: number;
  /** table[phase * (2*halfWidth+1) + tap]: windowed sinc for fractional offsets phase/PHASES. */
  table: Float32Array;
}

function designFilter(inputRate: number, outputRate: number): Filter {
  const ratio = outputRate / inputRate;
  // Cutoff relative to the input Nyquist: below the output Nyquist when downsampling.
  const cutoff = 0.95 * Math.min(1, ratio);
  const halfWidth = Math.ceil(ZERO_CROSSINGS / cutoff);
  const taps = 2 * halfWidth + 1;
  const table = new Float32Array((PHASES + 1) * taps);
  const norm = besselI0(KAISER_BETA);
  for (let phase = 0; phase <= PHASES; phase++) {
    const frac = phase / PHASES;
    let sum = 0;
    for (let tap = 0; tap < taps; tap++) {
      // Distance from the output instant to input sample (tap - halfWidth), in input samples.
      const x = tap - halfWidth - frac;
      const t = x / (halfWidth + 1);
      const window = Math.abs(t) >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - t * t)) / norm;
      const arg = Math.PI * cutoff * x;
      const sinc = x === 0 ? 1 : Math.sin(arg) / arg;
      const value = cutoff * sinc * window;
      table[phase * taps + tap] = value;
      sum += value;
    }
    // Normalise each phase to unity DC gain so silence stays silence and levels are preserved.
    for (let tap = 0; tap < taps; tap++) table[phase * taps + tap]! /= sum;
  }
  return { halfWidth, table };
}

/**
 * Streaming resampler. `push` returns the output samples that are fully determined by the input seen so
 * far; `flush` returns the rest (treating the signal as zero after the end).
 */
export class Resampler {
  readonly inputRate: number;
  readonly outputRate: number;
  private readonly filter: Filter | null;
  /** Input samples not yet consumed, starting at absolute input index `bufferStart`. */
  private buffer = new Float32Array(0);
  private bufferStart = 0;
  /** Index of the next output sample. */
  private nextOutput = 0;
  private totalInput = 0;

  constructor(inputRate: number, outputRate: number = WHISPER_SAMPLE_RATE) {
    if (!Number.isFinite(inputRate) || inputRate <= 0)
      throw new RangeError(`Invalid input sample rate: ${inputRate}`);
    if (!Number.isFinite(outputRate) || outputRate <= 0)
      throw new RangeError(`Invalid output sample rate: ${outputRate}`);
    this.inputRate = inputRate;
    this.outputRate = outputRate;
    this.filter = inputRate === outputRate ? null : designFilter(inputRate, outputRate);
  }

  push(input: Float32Array): Float32Array {
    this.totalInput += input.length;
    if (!this.filter) return input.slice();
    const merged = new Float32Array(this.buffer.length + input.length);
    merged.set(this.buffer);
    merged.set(input, this.buffer.length);
    this.buffer = merged;
    // Output n needs input up to floor(n * in/out) + halfWidth.
    return this.produce(this.totalInput - 1 - this.filter.halfWidth);
  }

  flush(): Float32Array {
    if (!this.filter) return new Float32Array(0);
    const total = Math.floor((this.totalInput * this.outputRate) / this.inputRate);
    const out = this.produce(Number.POSITIVE_INFINITY, total);
    this.buffer = new Float32Array(0);
    return out;
  }

  /** Produces outputs whose centre input position is ≤ `lastCentre` (and < `limit` outputs in total). */
  private produce(lastCentre: number, limit = Number.POSITIVE_INFINITY): Float32Array {
    const filter = this.filter!;
    const { halfWidth, table } = filter;
    const taps = 2 * halfWidth + 1;
    const step = this.inputRate / this.outputRate;
    const reachable =
      Math.ceil((this.bufferStart + this.buffer.length + halfWidth + 1) / step) -
      this.nextOutput +
      1;
    const out = new Float32Array(Math.max(0, Math.min(reachable, limit - this.nextOutput)));
    let count = 0;
    while (this.nextOutput < limit && count < out.length) {
      const position = this.nextOutput * step;
      const centre = Math.floor(position);
      if (centre > lastCentre) break;
      const phase = Math.round((position - centre) * PHASES);
      const row = phase * taps;
      let acc = 0;
      for (let tap = 0; tap < taps; tap++) {
        const index = centre - halfWidth + tap - this.bufferStart;
        if (index >= 0 && index < this.buffer.length)
          acc += this.buffer[index]! * table[row + tap]!;
      }
      out[count++] = acc;
      this.nextOutput++;
    }
    // Drop input that no future output can reach.
    const keepFrom = Math.floor(this.nextOutput * step) - halfWidth - 1;
    const drop = keepFrom - this.bufferStart;
    if (drop > 0 && drop <= this.buffer.length) {
      this.buffer = this.buffer.slice(drop);
      this.bufferStart += drop;
    }
    return out.slice(0, count);
  }
}

/** One-shot resampling of a whole signal. */
export function resample(
  samples: Float32Array,
  inputRate: number,
  outputRate: number = WHISPER_SAMPLE_RATE,
): Float32Array {
  if (inputRate === outputRate) return samples;
  const resampler = new Resampler(inputRate, outputRate);
  const head = resampler.push(samples);
  const tail = resampler.flush();
  const out = new Float32Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}
