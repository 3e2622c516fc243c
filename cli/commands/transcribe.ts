/**
 * `rehearse transcribe <audio.wav> [--model whisper-base|whisper-tiny] [--verbatim|--plain] [--realtime] [--json]`
 *
 * Batch: decode, transcribe, print. With --realtime the file is fed through the incremental path in
 * 100 ms chunks at real-time speed (as the microphone would) and `timings.afterFinishMs` is reported.
 */
import { parseArgs } from 'node:util';
import { isModelId, MODEL_IDS, type ModelId } from '../../shared/ipc/contract.ts';
import { resample } from '../../electron/engine/audio/resample.ts';
import { createNodeEngine, type EngineClient } from '../../electron/engine/client.ts';
import { DEFAULT_MODEL, DEFAULT_VERBATIM } from '../../electron/engine/models.ts';
import type { EngineResult } from '../../electron/engine/protocol.ts';
import { readWavFile } from '../../electron/engine/transcribe-file.ts';
import { CliError } from '../errors.ts';
import { checkAudioFile } from '../input-file.ts';
import type { CliIO } from '../main.ts';

const REALTIME_CHUNK_SEC = 0.1;

/** The --model option: a known model id, or the default when it is not given. */
export function parseModelOption(value: string | undefined): ModelId {
  const model = value ?? DEFAULT_MODEL;
  if (!isModelId(model))
    throw new CliError(`Unknown model "${model}"; use ${MODEL_IDS.join(' or ')}.`);
  return model;
}

export async function runTranscribe(args: string[], io: CliIO): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      model: { type: 'string' },
      verbatim: { type: 'boolean' },
      plain: { type: 'boolean' },
      realtime: { type: 'boolean' },
      json: { type: 'boolean' },
      'models-dir': { type: 'string' },
    },
  });
  if (positionals.length !== 1)
    throw new CliError('transcribe needs exactly one audio file: rehearse transcribe <audio.wav>');
  const path = positionals[0]!;
  const model = parseModelOption(values.model);
  if (values.verbatim && values.plain) throw new CliError('Choose one of --verbatim and --plain.');
  const verbatim = values.plain ? false : (values.verbatim ?? DEFAULT_VERBATIM);

  // Bad audio and engine errors reach cli/errors.ts (describeCliError), which decides the exit code.
  await checkAudioFile(path);
  const audio = await readWavFile(path);
  const engine = createNodeEngine();
  try {
    const loadStarted = performance.now();
    await engine.load({
      model: model as ModelId,
      modelsDir: values['models-dir'] ?? null,
      warmUp: values.realtime ?? false,
    });
    const loadMs = performance.now() - loadStarted;
    const result = values.realtime
      ? await feedRealtime(engine, audio.samples, audio.sampleRate, verbatim)
      : await engine.transcribe(resample(audio.samples, audio.sampleRate), { verbatim });
    print(io, { ...result, timings: { ...result.timings, loadMs } }, values.json ?? false);
  } finally {
    await engine.dispose();
  }
}

/** Feeds audio through the incremental path at real-time speed, like a microphone. */
export async function feedRealtime(
  engine: EngineClient,
  samples: Float32Array,
  sampleRate: number,
  verbatim: boolean,
): Promise<EngineResult> {
  const streamId = await engine.startStream({ sampleRate, verbatim });
  const chunk = Math.round(sampleRate * REALTIME_CHUNK_SEC);
  const started = performance.now();
  for (let at = 0, index = 0; at < samples.length; at += chunk, index++) {
    const due = started + index * REALTIME_CHUNK_SEC * 1000;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    engine.append(streamId, samples.slice(at, at + chunk));
  }
  // The last chunk is "spoken" until its end.
  const end = started + (samples.length / sampleRate) * 1000;
  if (end > performance.now())
    await new Promise((resolve) => setTimeout(resolve, end - performance.now()));
  const finishStarted = performance.now();
  const result = await engine.finish(streamId);
  return {
    ...result,
    timings: { ...result.timings, afterFinishMs: performance.now() - finishStarted },
  };
}

function print(io: CliIO, result: EngineResult, json: boolean): void {
  if (json) {
    const output = {
      text: result.transcript.text,
      words: result.transcript.words.map((w) => ({
        text: w.text,
        start: w.start,
        end: w.end,
        ...(w.detected ? { detected: true } : {}),
      })),
      ...(result.transcript.unclear ? { unclear: result.transcript.unclear } : {}),
      model: result.model,
      verbatim: result.verbatim,
      durationSec: round(result.durationSec),
      timings: {
        loadMs: Math.round(result.timings.loadMs),
        transcribeMs: Math.round(result.timings.transcribeMs),
        ...(result.timings.afterFinishMs !== undefined
          ? { afterFinishMs: Math.round(result.timings.afterFinishMs) }
          : {}),
        encoderRuns: result.timings.encoderRuns,
        ...(result.timings.encoderRunsAfterFinish !== undefined
          ? { encoderRunsAfterFinish: result.timings.encoderRunsAfterFinish }
          : {}),
      },
    };
    io.stdout(`${JSON.stringify(output, null, 2)}\n`);
    return;
  }
  io.stdout(`${result.transcript.text || '(no speech)'}\n`);
  const after =
    result.timings.afterFinishMs !== undefined
      ? `, ${Math.round(result.timings.afterFinishMs)} ms after finish (${result.timings.encoderRunsAfterFinish ?? 0} encoder runs)`
      : '';
  io.stderr(
    `${result.model}${result.verbatim ? ' verbatim' : ''}: ${round(result.durationSec)} s of audio, ${result.transcript.words.length} words; load ${Math.round(result.timings.loadMs)} ms, transcribe ${Math.round(result.timings.transcribeMs)} ms, ${result.timings.encoderRuns} encoder runs${after}\n`,
  );
}

const round = (value: number): number => Math.round(value * 100) / 100;
