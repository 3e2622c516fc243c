/**
 * Frame features for filled-pause detection, every 10 ms (the voice-activity frames): level, voicing
 * (periodicity) and a coarse log spectrum in bands, from which steadiness and the nasal murmur of
 * "um" are read.
 */
const RATE = 16_000;
const HOP = 160; // 10 ms: frame f is centred on sample f * HOP + HOP / 2
const WINDOW = 400; // 25 ms
const FFT = 512;
/** Band edges (Hz): narrow where vowels and nasals differ, wide above. */
export const BAND_EDGES = [80, 250, 400, 600, 800, 1000, 1300, 1600, 2000, 2500, 3200, 4000, 8000];
export const BANDS = BAND_EDGES.length - 1;
const MIN_PITCH = 60;
const MAX_PITCH = 400;

export interface FrameFeatures {
  /** Frame level, dB full scale. */
  level: number;
  /** Peak normalised autocorrelation in the pitch range (0..1): how voiced the frame is. */
  periodicity: number;
  /** Log band energies, dB, BAND_EDGES bands. */
  bands: Float32Array;
}

const hann = Float32Array.from(
  { length: WINDOW },
  (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (WINDOW - 1)),
);
const bitReverse = (() => {
  const bits = Math.log2(FFT);
  return Uint16Array.from({ length: FFT }, (_, i) => {
    let r = 0;
    for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
    return r;
  });
})();
const cosTable = Float32Array.from({ length: FFT / 2 }, (_, i) =>
  Math.cos((2 * Math.PI * i) / FFT),
);
const sinTable = Float32Array.from({ length: FFT / 2 }, (_, i) =>
  Math.sin((2 * Math.PI * i) / FFT),
);

/** Power spectrum (FFT/2 + 1 bins) of `input` (FFT samples), radix-2 in place. */
function powerSpectrum(input: Float32Array, re: Float32Array, im: Float32Array): Float32Array {
  for (let i = 0; i < FFT; i++) {
    re[bitReverse[i]!] = input[i]!;
    im[i] = 0;
  }
  for (let size = 2; size <= FFT; size *= 2) {
    const half = size / 2;
    const step = FFT / size;
    for (let start = 0; start < FFT; start += size) {
      for (let k = 0; k < half; k++) {
        const c = cosTable[k * step]!;
        const s = -sinTable[k * step]!;
        const a = start + k;
        const b = a + half;
        const tr = re[b]! * c - im[b]! * s;
        const ti = re[b]! * s + im[b]! * c;
        re[b] = re[a]! - tr;
        im[b] = im[a]! - ti;
        re[a] = re[a]! + tr;
        im[a] = im[a]! + ti;
      }
    }
  }
  const power = new Float32Array(FFT / 2 + 1);
  for (let i = 0; i <= FFT / 2; i++) power[i] = re[i]! ** 2 + im[i]! ** 2;
  return power;
}

/** Normalised autocorrelation peak in the pitch range (60-400 Hz), on `x` (mean removed). */
function voicing(x: Float32Array): { periodicity: number } {
  const minLag = Math.floor(RATE / MAX_PITCH);
  const maxLag = Math.ceil(RATE / MIN_PITCH);
  let best = 0;
  let bestLag = 0;
  // Every other lag, then refine around the best: a pitch period is many samples at 16 kHz.
  const nacf = (lag: number): number => {
    let cross = 0;
    let a2 = 0;
    let b2 = 0;
    for (let i = 0; i + lag < x.length; i++) {
      const a = x[i]!;
      const b = x[i + lag]!;
      cross += a * b;
      a2 += a * a;
      b2 += b * b;
    }
    return cross / Math.sqrt(a2 * b2 + 1e-12);
  };
  for (let lag = minLag; lag <= maxLag; lag += 2) {
    const v = nacf(lag);
    if (v > best) {
      best = v;
      bestLag = lag;
    }
  }
  for (const lag of [bestLag - 1, bestLag + 1])
    if (lag >= minLag && lag <= maxLag) best = Math.max(best, nacf(lag));
  return { periodicity: Math.max(0, best) };
}

/** Features of every 10 ms frame of `pcm` (16 kHz mono). */
export function frameFeatures(pcm: Float32Array): FrameFeatures[] {
  const frames = Math.floor(pcm.length / HOP);
  const out: FrameFeatures[] = [];
  const buffer = new Float32Array(FFT);
  const re = new Float32Array(FFT);
  const im = new Float32Array(FFT);
  // The pitch window is longer (40 ms: two periods of a 60 Hz voice).
  const pitchWindow = 640;
  const binHz = RATE / FFT;
  const bandBins = BAND_EDGES.map((hz) => Math.round(hz / binHz));
  for (let f = 0; f < frames; f++) {
    const centre = f * HOP + HOP / 2;
    const from = centre - WINDOW / 2;
    let mean = 0;
    for (let i = 0; i < WINDOW; i++) mean += pcm[from + i] ?? 0;
    mean /= WINDOW;
    let energy = 0;
    buffer.fill(0);
    for (let i = 0; i < WINDOW; i++) {
      const v = (pcm[from + i] ?? 0) - mean;
      energy += v * v;
      buffer[i] = v * hann[i]!;
    }
    const power = powerSpectrum(buffer, re, im);
    const bands = new Float32Array(BANDS);
    for (let b = 0; b < BANDS; b++) {
      let sum = 0;
      for (let k = bandBins[b]!; k < bandBins[b + 1]!; k++) sum += power[k]!;
      bands[b] = 10 * Math.log10(sum / Math.max(1, bandBins[b + 1]! - bandBins[b]!) + 1e-12);
    }
    const p0 = Math.max(0, centre - pitchWindow / 2);
    const segment = pcm.slice(p0, Math.min(pcm.length, p0 + pitchWindow));
    let m = 0;
    for (const v of segment) m += v;
    m /= Math.max(1, segment.length);
    for (let i = 0; i < segment.length; i++) segment[i] = segment[i]! - m;
    out.push({
      level: 10 * Math.log10(energy / WINDOW + 1e-10),
      ...voicing(segment),
      bands,
    });
  }
  return out;
}
