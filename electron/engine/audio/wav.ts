/**
 * The one WAV codec of Rehearse, used by the engine (decoding input files) and by the main side
 * (the recorder's streaming writer, crash repair and replay of recordings).
 *
 * Decoding to mono Float32 samples supports PCM 8/16/24/32-bit integer and 32/64-bit IEEE float, including WAVE_FORMAT_EXTENSIBLE,
 * any sample rate and any channel count (mixed down to mono by averaging). Everything else gets an
 * `AudioFormatError` with a code that says what is wrong.
 */

export type AudioFormatErrorCode =
  | 'EMPTY_FILE'
  | 'NOT_WAV'
  | 'TRUNCATED'
  | 'UNSUPPORTED_ENCODING'
  | 'BAD_HEADER'
  | 'NO_AUDIO'
  | 'FILE_NOT_FOUND';

export class AudioFormatError extends Error {
  readonly code: AudioFormatErrorCode;
  constructor(code: AudioFormatErrorCode, message: string) {
    super(message);
    this.name = 'AudioFormatError';
    this.code = code;
  }
}

export interface DecodedAudio {
  sampleRate: number;
  channels: number;
  /** Mono mixdown in [-1, 1]. */
  samples: Float32Array;
}

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

function ascii(view: DataView, offset: number): string {
  return String.fromCharCode(
    view.getUint8(offset),
    view.getUint8(offset + 1),
    view.getUint8(offset + 2),
    view.getUint8(offset + 3),
  );
}

interface FormatChunk {
  encoding: 'int' | 'float';
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  blockAlign: number;
}

function parseFormat(view: DataView, offset: number, size: number): FormatChunk {
  if (size < 16)
    throw new AudioFormatError(
      'BAD_HEADER',
      `WAV "fmt " chunk is ${size} bytes; at least 16 expected.`,
    );
  let formatTag = view.getUint16(offset, true);
  const channels = view.getUint16(offset + 2, true);
  const sampleRate = view.getUint32(offset + 4, true);
  const blockAlign = view.getUint16(offset + 12, true);
  const bitsPerSample = view.getUint16(offset + 14, true);
  if (formatTag === WAVE_FORMAT_EXTENSIBLE) {
    if (size < 40)
      throw new AudioFormatError('BAD_HEADER', 'WAVE_FORMAT_EXTENSIBLE header is too short.');
    // The first two bytes of the SubFormat GUID carry the real format tag.
    formatTag = view.getUint16(offset + 24, true);
  }
  if (channels === 0) throw new AudioFormatError('BAD_HEADER', 'WAV header says 0 channels.');
  if (sampleRate < 1000 || sampleRate > 768_000) {
    throw new AudioFormatError(
      'BAD_HEADER',
      `WAV sample rate ${sampleRate} Hz is out of range (1000-768000).`,
    );
  }
  let encoding: 'int' | 'float';
  if (formatTag === WAVE_FORMAT_PCM && [8, 16, 24, 32].includes(bitsPerSample)) encoding = 'int';
  else if (formatTag === WAVE_FORMAT_IEEE_FLOAT && (bitsPerSample === 32 || bitsPerSample === 64))
    encoding = 'float';
  else {
    const what =
      formatTag === WAVE_FORMAT_PCM || formatTag === WAVE_FORMAT_IEEE_FLOAT
        ? `${bitsPerSample}-bit `
        : '';
    throw new AudioFormatError(
      'UNSUPPORTED_ENCODING',
      `Unsupported WAV encoding (${what}format tag 0x${formatTag.toString(16)}); use PCM 8/16/24/32-bit or 32/64-bit float.`,
    );
  }
  if (blockAlign !== channels * (bitsPerSample / 8)) {
    throw new AudioFormatError(
      'BAD_HEADER',
      `WAV block align ${blockAlign} does not match ${channels} channel(s) of ${bitsPerSample}-bit samples.`,
    );
  }
  return { encoding, channels, sampleRate, bitsPerSample, blockAlign };
}

function readSample(view: DataView, at: number, format: FormatChunk): number {
  if (format.encoding === 'float') {
    return format.bitsPerSample === 32 ? view.getFloat32(at, true) : view.getFloat64(at, true);
  }
  switch (format.bitsPerSample) {
    case 8:
      return (view.getUint8(at) - 128) / 128;
    case 16:
      return view.getInt16(at, true) / 32768;
    case 24: {
      const value = view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16);
      return value / 8388608;
    }
    default:
      return view.getInt32(at, true) / 2147483648;
  }
}

/** Decodes a WAV file into a mono mixdown. Throws `AudioFormatError` on anything it cannot read. */
export function decodeWav(bytes: Uint8Array): DecodedAudio {
  if (bytes.byteLength === 0)
    throw new AudioFormatError('EMPTY_FILE', 'The audio file is empty (0 bytes).');
  if (bytes.byteLength < 12) {
    throw new AudioFormatError(
      'TRUNCATED',
      `The audio file is only ${bytes.byteLength} bytes; too short to be a WAV file.`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (ascii(view, 0) !== 'RIFF' || ascii(view, 8) !== 'WAVE') {
    throw new AudioFormatError(
      'NOT_WAV',
      'Not a WAV file (no RIFF/WAVE header). Convert it to WAV first, e.g. with sox or ffmpeg.',
    );
  }
  let format: FormatChunk | null = null;
  let data: { offset: number; size: number } | null = null;
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const id = ascii(view, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (body + size > bytes.byteLength)
        throw new AudioFormatError('TRUNCATED', 'The WAV file ends inside its "fmt " chunk.');
      format = parseFormat(view, body, size);
    } else if (id === 'data') {
      // Streaming writers leave the size at 0 or 0xFFFFFFFF; a crash can leave it too large. Read what is there.
      const available = bytes.byteLength - body;
      data = { offset: body, size: size === 0 || size > available ? available : size };
      if (size > available && size !== 0xffffffff && format) {
        const missing = size - available;
        if (missing > format.blockAlign) {
          throw new AudioFormatError(
            'TRUNCATED',
            `The WAV file is truncated: its header promises ${size} bytes of audio but only ${available} are present.`,
          );
        }
      }
      break;
    }
    offset = body + size + (size % 2);
  }
  if (!format)
    throw new AudioFormatError(
      'BAD_HEADER',
      'The WAV file has no "fmt " chunk before its audio data.',
    );
  if (!data)
    throw new AudioFormatError(
      'TRUNCATED',
      'The WAV file has no "data" chunk (truncated or not audio).',
    );
  const frames = Math.floor(data.size / format.blockAlign);
  if (frames === 0)
    throw new AudioFormatError('NO_AUDIO', 'The WAV file contains no audio samples.');
  const samples = new Float32Array(frames);
  const bytesPerSample = format.bitsPerSample / 8;
  for (let frame = 0; frame < frames; frame++) {
    let sum = 0;
    const base = data.offset + frame * format.blockAlign;
    for (let channel = 0; channel < format.channels; channel++) {
      sum += readSample(view, base + channel * bytesPerSample, format);
    }
    const value = sum / format.channels;
    // Float WAVs may carry NaN/inf or values beyond full scale; keep the model's input sane.
    samples[frame] = Number.isFinite(value) ? Math.max(-1, Math.min(1, value)) : 0;
  }
  return { sampleRate: format.sampleRate, channels: format.channels, samples };
}

/** The canonical header Rehearse writes: 44 bytes, one "fmt " chunk, then "data". */
export const WAV_HEADER_BYTES = 44;

export type WavEncoding = 16 | 24 | 32 | 'float';

/** The 44-byte header for `dataBytes` bytes of audio in `bits` with `channels` channels. */
export function wavHeader(
  sampleRate: number,
  dataBytes: number,
  bits: WavEncoding = 16,
  channels = 1,
): Uint8Array {
  const blockAlign = (bits === 'float' ? 4 : bits / 8) * channels;
  const out = new Uint8Array(WAV_HEADER_BYTES);
  const view = new DataView(out.buffer);
  const writeAscii = (at: number, text: string): void => {
    for (let i = 0; i < 4; i++) view.setUint8(at + i, text.charCodeAt(i));
  };
  writeAscii(0, 'RIFF');
  view.setUint32(4, WAV_HEADER_BYTES - 8 + dataBytes, true);
  writeAscii(8, 'WAVE');
  writeAscii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, bits === 'float' ? WAVE_FORMAT_IEEE_FLOAT : WAVE_FORMAT_PCM, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, bits === 'float' ? 32 : bits, true);
  writeAscii(36, 'data');
  view.setUint32(40, dataBytes, true);
  return out;
}

/**
 * A float sample in [-1, 1] as 16-bit PCM: scaled by 32768, the inverse of decoding's / 32768, so
 * 16-bit audio round-trips exactly. Out-of-range values clip; NaN becomes 0.
 */
function pcm16(sample: number): number {
  const scaled = Math.round(sample * 0x8000);
  if (Number.isNaN(scaled)) return 0;
  return scaled > 0x7fff ? 0x7fff : scaled < -0x8000 ? -0x8000 : scaled;
}

/** Mono float samples → little-endian 16-bit PCM bytes (what the recorder appends). */
export function encodePcm16(samples: Float32Array): Uint8Array {
  const out = new Uint8Array(samples.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < samples.length; i++) view.setInt16(i * 2, pcm16(samples[i]!), true);
  return out;
}

/** Encodes mono Float32 samples as a WAV (tests and benchmarks build inputs with it). */
export function encodeWav(
  samples: Float32Array,
  sampleRate: number,
  bits: WavEncoding = 16,
  channels = 1,
): Uint8Array {
  const bytesPerSample = bits === 'float' ? 4 : bits / 8;
  const dataSize = samples.length * bytesPerSample * channels;
  const out = new Uint8Array(WAV_HEADER_BYTES + dataSize);
  out.set(wavHeader(sampleRate, dataSize, bits, channels));
  const view = new DataView(out.buffer);
  let at = WAV_HEADER_BYTES;
  for (const raw of samples) {
    const s = Math.max(-1, Math.min(1, raw));
    for (let channel = 0; channel < channels; channel++) {
      if (bits === 'float') view.setFloat32(at, s, true);
      else if (bits === 16) view.setInt16(at, pcm16(s), true);
      else if (bits === 24) {
        const v = Math.round(s * 8388607);
        view.setUint8(at, v & 0xff);
        view.setUint8(at + 1, (v >> 8) & 0xff);
        view.setInt8(at + 2, v >> 16);
      } else view.setInt32(at, Math.round(s * 2147483647), true);
      at += bytesPerSample;
    }
  }
  return out;
}
