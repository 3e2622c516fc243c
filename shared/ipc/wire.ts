/**
 * JSON encoding for the loopback adapter of the IPC contract (Electron's structured clone carries
 * typed arrays natively; JSON does not). Typed arrays travel as tagged base64:
 * `{ "$f32": "<base64 of the little-endian float32 bytes>" }`, `{ "$u8": "<base64>" }`.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = i + 1 < bytes.length ? bytes[i + 1]! : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2]! : 0;
    const n = (a << 16) | (b << 8) | c;
    chunk +=
      ALPHABET[(n >> 18) & 63]! +
      ALPHABET[(n >> 12) & 63]! +
      (i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63]! : '=') +
      (i + 2 < bytes.length ? ALPHABET[n & 63]! : '=');
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

export function base64ToBytes(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const v = [0, 1, 2, 3].map((k) => {
      const code = i + k < clean.length ? clean.charCodeAt(i + k) : 65; // pad with 'A' (0)
      const value = code < 128 ? LOOKUP[code]! : -1;
      if (value < 0) throw new Error(`Invalid base64 character at ${i + k}.`);
      return value;
    });
    const n = (v[0]! << 18) | (v[1]! << 12) | (v[2]! << 6) | v[3]!;
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Float32Array) {
      return { $f32: bytesToBase64(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
    }
    if (v instanceof Uint8Array) return { $u8: bytesToBase64(v) };
    return v;
  });
}

export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const record = v as Record<string, unknown>;
      const keys = Object.keys(record);
      if (keys.length === 1 && typeof record.$f32 === 'string') {
        const bytes = base64ToBytes(record.$f32);
        if (bytes.length % 4 !== 0)
          throw new Error('Float32 payload length is not a multiple of 4.');
        // Copy into an aligned buffer: a view on an odd offset would throw.
        return new Float32Array(bytes.slice().buffer);
      }
      if (keys.length === 1 && typeof record.$u8 === 'string') return base64ToBytes(record.$u8);
    }
    return v;
  });
}
