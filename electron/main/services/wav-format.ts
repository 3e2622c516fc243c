/**
 * The WAV layout Rehearse records: canonical 44-byte RIFF header, 16-bit PCM, mono.
 * Kept in one place so the writer and the crash recovery agree byte for byte.
 */

export const WAV_HEADER_BYTES = 44;
export const BYTES_PER_SAMPLE = 2;

/** The 44-byte header for `dataBytes` bytes of 16-bit mono PCM at `sampleRate`. */
export function wavHeader(sampleRate: number, dataBytes: number): Buffer {
  const header = Buffer.alloc(WAV_HEADER_BYTES);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(WAV_HEADER_BYTES - 8 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * BYTES_PER_SAMPLE, 28); // byte rate
  header.writeUInt16LE(BYTES_PER_SAMPLE, 32); // block align
  header.writeUInt16LE(BYTES_PER_SAMPLE * 8, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

/**
 * Float samples in [-1, 1] → little-endian 16-bit PCM, scaled by 32768 (the inverse of reading
 * int16 / 32768, so 16-bit audio round-trips exactly). Out-of-range values clip; NaN becomes 0.
 */
export function floatToPcm16(samples: Float32Array): Buffer {
  const out = Buffer.alloc(samples.length * BYTES_PER_SAMPLE);
  for (let i = 0; i < samples.length; i++) {
    const scaled = Math.round(samples[i]! * 0x8000);
    const value =
      scaled > 0x7fff ? 0x7fff : scaled < -0x8000 ? -0x8000 : Number.isNaN(scaled) ? 0 : scaled;
    out.writeInt16LE(value, i * BYTES_PER_SAMPLE);
  }
  return out;
}
