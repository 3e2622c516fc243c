// Draws build/icon.png (512×512): a rounded indigo square with a white speech waveform.
// Run `node build/make-icon.mjs` to regenerate; electron-builder derives .icns/.ico from it.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const pixels = Buffer.alloc(SIZE * SIZE * 4);

/** Coverage of a rounded rectangle at (x, y), antialiased over one pixel. */
function roundedRect(x, y, left, top, right, bottom, radius) {
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  const distance = Math.hypot(x - cx, y - cy) - radius;
  return Math.min(1, Math.max(0, 0.5 - distance));
}

const bars = [0.28, 0.5, 0.78, 0.56, 0.92, 0.62, 0.4, 0.7, 0.34];
const barWidth = 26;
const gap = 14;
const totalWidth = bars.length * barWidth + (bars.length - 1) * gap;

for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    const px = x + 0.5;
    const py = y + 0.5;
    const background = roundedRect(px, py, 16, 16, SIZE - 16, SIZE - 16, 104);
    let wave = 0;
    bars.forEach((height, i) => {
      const left = (SIZE - totalWidth) / 2 + i * (barWidth + gap);
      const half = (height * 300) / 2;
      wave = Math.max(
        wave,
        roundedRect(px, py, left, SIZE / 2 - half, left + barWidth, SIZE / 2 + half, barWidth / 2),
      );
    });
    // Indigo with a slight vertical gradient, white bars.
    const t = y / SIZE;
    const r = 79 + (55 - 79) * t;
    const g = 70 + (48 - 70) * t;
    const b = 229 + (163 - 229) * t;
    const o = (y * SIZE + x) * 4;
    pixels[o] = Math.round(r + (255 - r) * wave);
    pixels[o + 1] = Math.round(g + (255 - g) * wave);
    pixels[o + 2] = Math.round(b + (255 - b) * wave);
    pixels[o + 3] = Math.round(255 * background);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++)
  pixels.copy(rows, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(rows, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = new URL('./icon.png', import.meta.url);
writeFileSync(out, png);
console.log(`Wrote ${out.pathname} (${png.length} bytes).`);
