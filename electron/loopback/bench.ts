/**
 * `npm run bench:recording`: what recording costs on the main side, printed as numbers.
 *  1. WavWriter.append for one AudioWorklet quantum (128 samples) and for 100 ms at 48 kHz.
 *  2. appendAudio through validation + disk + engine feed (a no-op engine), per 100 ms chunk.
 *  3. appendAudio over the loopback adapter (wire encoding + HTTP + the above), p50/p95.
 *  4. Crash recovery (repairWav) and readback of a 10-minute recording.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { QuestionRef } from '../../shared/ipc/contract.ts';
import { encodeWire } from '../../shared/ipc/wire.ts';
import { dispatch } from '../main/services/dispatch.ts';
import type { AttemptEngine } from '../main/services/engine-port.ts';
import { createRehearseServices } from '../main/services/index.ts';
import { wavHeader } from '../main/services/wav-writer.ts';
import { readRecording, repairWav } from '../main/services/wav-recovery.ts';
import { WavWriter } from '../main/services/wav-writer.ts';
import { TOKEN_HEADER, createLoopbackAdapter } from './http-adapter.ts';

const RATE = 48_000;
const CHUNK = RATE / 10;
const QUESTION: QuestionRef = {
  id: 'pipeline-broke',
  prompt: 'Tell me about a pipeline that broke.',
  kind: 'incident',
  custom: false,
};

const noopEngine: AttemptEngine = {
  load: async () => undefined,
  startStream: async () => 'bench',
  append: () => undefined,
  finish: async () => ({
    transcript: { text: '', words: [] },
    model: 'whisper-tiny',
    durationSec: 0,
  }),
  cancel: () => undefined,
};

function signal(samples: number): Float32Array {
  const out = new Float32Array(samples);
  for (let i = 0; i < samples; i++) out[i] = 0.3 * Math.sin(i / 7);
  return out;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function report(label: string, timesMs: number[], audioSecPerCall: number): void {
  const sorted = [...timesMs].sort((a, b) => a - b);
  const mean = timesMs.reduce((a, b) => a + b, 0) / timesMs.length;
  console.log(
    `${label.padEnd(44)} mean ${(mean * 1000).toFixed(0).padStart(6)} µs  p50 ${(percentile(sorted, 50) * 1000).toFixed(0).padStart(6)} µs  p95 ${(percentile(sorted, 95) * 1000).toFixed(0).padStart(6)} µs  (${(audioSecPerCall / (mean / 1000)).toFixed(0)}× real time)`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'rehearse-bench-'));
try {
  // 1. The writer alone.
  for (const [label, size, calls] of [
    ['WavWriter.append, 128 samples', 128, 20_000],
    ['WavWriter.append, 100 ms @ 48 kHz', CHUNK, 3_000],
  ] as const) {
    const writer = WavWriter.create(join(dir, `${size}.wav`), RATE);
    const pcm = signal(size);
    const times: number[] = [];
    for (let i = 0; i < calls; i++) {
      const t0 = performance.now();
      writer.append(pcm);
      times.push(performance.now() - t0);
    }
    writer.close();
    report(label, times, size / RATE);
  }

  // 2. Through validation and the services.
  const services = createRehearseServices({
    dataDir: join(dir, 'data'),
    engine: noopEngine,
    analyze: () => {
      throw new Error('not analysed in the benchmark');
    },
    loadModelOnStart: false,
  });
  const started = await dispatch(services.handlers, 'startAttempt', {
    question: QUESTION,
    sampleRate: RATE,
  });
  if (!started.ok) throw new Error(started.error.message);
  const pcm = signal(CHUNK);
  const serviceTimes: number[] = [];
  for (let i = 0; i < 1_500; i++) {
    const t0 = performance.now();
    const result = await dispatch(services.handlers, 'appendAudio', {
      attemptId: started.value.attemptId,
      pcm,
    });
    serviceTimes.push(performance.now() - t0);
    if (!result.ok) throw new Error(result.error.message);
  }
  report('appendAudio via dispatch (zod + disk + feed)', serviceTimes, CHUNK / RATE);

  // 3. Over the loopback adapter.
  const token = 'bench-token';
  const server: Server = createLoopbackAdapter({
    handlers: services.handlers,
    events: services.events,
    token,
    rendererDir: dir,
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/appendAudio`;
  const httpTimes: number[] = [];
  for (let i = 0; i < 600; i++) {
    const t0 = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: { [TOKEN_HEADER]: token },
      body: encodeWire({ attemptId: started.value.attemptId, pcm }),
    });
    await response.text();
    httpTimes.push(performance.now() - t0);
    if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
  }
  report('appendAudio over loopback HTTP (100 ms chunk)', httpTimes, CHUNK / RATE);
  server.closeAllConnections();
  server.close();
  await services.close();

  // 4. Recovery of a 10-minute recording left with a stale header.
  const long = join(dir, 'crashed.wav');
  const tenMinutes = Buffer.alloc(RATE * 600 * 2);
  writeFileSync(long, Buffer.concat([wavHeader(RATE, 0), tenMinutes]));
  let t0 = performance.now();
  const repaired = repairWav(long, RATE);
  const repairMs = performance.now() - t0;
  t0 = performance.now();
  const audio = readRecording(long);
  const readMs = performance.now() - t0;
  console.log(
    `repairWav, 10 min @ 48 kHz (${(repaired.dataBytes / 1e6).toFixed(1)} MB)       ${repairMs.toFixed(1)} ms`,
  );
  console.log(
    `readRecording, 10 min @ 48 kHz (${audio.samples.length} samples)  ${readMs.toFixed(0)} ms`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
