/**
 * Run as a child process by recovery.test.ts: records `seconds` of audio through the real
 * services, prints the attempt id, then kills itself with SIGKILL mid-recording (no cleanup, no
 * header patch on close), exactly like an app crash or power-button quit.
 */
import { FakeEngine } from '../../mocks/fake-engine.ts';
import { fakeAnalyze } from '../../mocks/fake-analysis.ts';
import { createRehearseServices } from '../../../electron/main/services/index.ts';
import { tone } from './data-dir.ts';

const [dataDir, secondsArg, rateArg] = process.argv.slice(2);
if (!dataDir || !secondsArg || !rateArg)
  throw new Error('usage: record-then-crash <dataDir> <seconds> <sampleRate>');
const sampleRate = Number(rateArg);
const services = createRehearseServices({
  dataDir,
  engine: new FakeEngine(),
  analyze: fakeAnalyze,
  loadModelOnStart: false,
});
const { attemptId } = await services.handlers.startAttempt({
  question: {
    id: 'pipeline-broke',
    prompt: 'Tell me about a pipeline that broke.',
    kind: 'incident',
    custom: false,
  },
  sampleRate,
});
const total = Math.round(Number(secondsArg) * sampleRate);
const chunk = 128 * 10; // odd sizes relative to the 1 s header interval
for (let at = 0; at < total; at += chunk) {
  await services.handlers.appendAudio({
    attemptId,
    pcm: tone(Math.min(chunk, total - at), sampleRate, 220, 0.5, at),
  });
}
process.stdout.write(`${attemptId}\n`, () => process.kill(process.pid, 'SIGKILL'));
