import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttemptProgress } from '../../shared/ipc/contract.ts';
import { decodeWire, encodeWire } from '../../shared/ipc/wire.ts';
import { createLoopbackAdapter, TOKEN_HEADER } from '../../electron/loopback/http-adapter.ts';
import { RENDERER_CSP } from '../../electron/main/content-security-policy.ts';
import { makeDataDir, tone } from './helpers/data-dir.ts';
import { PIPELINE_QUESTION, startServices, type ServicesUnderTest } from './helpers/services.ts';

const TOKEN = 'test-token-0123456789abcdefghijklmn';
let data: ReturnType<typeof makeDataDir>;
let t: ServicesUnderTest;
let server: Server;
let base: string;

beforeEach(async () => {
  data = makeDataDir();
  t = startServices(join(data.dir, 'data'));
  const rendererDir = join(data.dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Rehearse</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(data.dir, 'secret.txt'), 'outside the renderer');
  server = createLoopbackAdapter({
    handlers: t.services.handlers,
    recordingFile: (attemptId) => t.services.attempts.recordingFile(attemptId),
    events: t.services.events,
    token: TOKEN,
    rendererDir,
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  await t.services.close();
  data.remove();
});

async function call(
  method: string,
  body: unknown,
  token = TOKEN,
): Promise<{ status: number; value: unknown }> {
  const response = await fetch(`${base}/api/${method}`, {
    method: 'POST',
    headers: { [TOKEN_HEADER]: token },
    body: encodeWire(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    value: response.status === 200 ? decodeWire(text) : JSON.parse(text),
  };
}

describe('the loopback adapter', () => {
  it('runs a whole attempt over HTTP, with typed arrays on the wire', async () => {
    const started = await call('startAttempt', { question: PIPELINE_QUESTION, sampleRate: 16_000 });
    expect(started.status).toBe(200);
    const { attemptId } = started.value as { attemptId: string };
    expect(await call('appendAudio', { attemptId, pcm: tone(16_000, 16_000) })).toEqual({
      status: 200,
      value: null,
    });
    expect((await call('stopAttempt', { attemptId, reason: 'user' })).value).toMatchObject({
      status: 'processing',
      durationSec: 1,
    });
    await t.services.attempts.whenIdle();
    expect((await call('getAttempt', { attemptId })).value).toMatchObject({
      status: 'ready',
      transcript: { text: 'So the pipeline broke and I fixed it.' },
    });
    // The recording is played by URL, with byte ranges for seeking, behind the token.
    const { url } = (await call('getAttemptAudio', { attemptId })).value as { url: string };
    expect(url).toBe(`app://rehearse/recordings/${attemptId}.wav`);
    const path = `${base}/api/recordings/${attemptId}.wav`;
    const whole = await fetch(`${path}?token=${TOKEN}`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('audio/wav');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const bytes = Buffer.from(await whole.arrayBuffer());
    expect(bytes.length).toBe(44 + 32_000);
    expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
    const part = await fetch(`${path}?token=${TOKEN}`, { headers: { range: 'bytes=40-47' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 40-47/${44 + 32_000}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(40, 48))).toBe(true);
    const outside = await fetch(`${path}?token=${TOKEN}`, { headers: { range: 'bytes=99999-' } });
    expect(outside.status).toBe(416);
    expect((await fetch(`${path}?token=wrong`)).status).toBe(403);
    const unknown = await fetch(
      `${base}/api/recordings/0f8fad5b-d9cb-469f-a165-70867728950e.wav?token=${TOKEN}`,
    );
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(
      /There is no attempt/,
    );
  });

  it('maps errors to statuses with an { error: { code, message } } body', async () => {
    expect(
      await call('startAttempt', { question: PIPELINE_QUESTION, sampleRate: 1 }),
    ).toMatchObject({ status: 400, value: { error: { code: 'bad-request' } } });
    expect(
      await call('getAttempt', { attemptId: '0f8fad5b-d9cb-469f-a165-70867728950e' }),
    ).toMatchObject({ status: 404, value: { error: { code: 'not-found' } } });
    expect(await call('formatDisk', {})).toEqual({
      status: 404,
      value: { error: { code: 'not-found', message: 'There is no API method "formatDisk".' } },
    });
    expect(await call('listAttempts', {}, 'wrong')).toEqual({
      status: 403,
      value: { error: { code: 'forbidden', message: 'Missing or wrong token.' } },
    });
    const garbage = await fetch(`${base}/api/listAttempts`, {
      method: 'POST',
      headers: { [TOKEN_HEADER]: TOKEN },
      body: '{nope',
    });
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as { error: { message: string } }).error.message).toMatch(
      /not valid wire JSON/,
    );
    const { attemptId } = (
      await call('startAttempt', { question: PIPELINE_QUESTION, sampleRate: 16_000 })
    ).value as { attemptId: string };
    expect(await call('analyzeAttempt', { attemptId })).toMatchObject({
      status: 409,
      value: { error: { code: 'conflict' } },
    });
  });

  it('pushes events as Server-Sent Events to token holders only', async () => {
    expect((await fetch(`${base}/api/events?token=nope`)).status).toBe(403);
    const controller = new AbortController();
    const response = await fetch(`${base}/api/events?token=${TOKEN}`, {
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    const { attemptId } = (
      await call('startAttempt', { question: PIPELINE_QUESTION, sampleRate: 16_000 })
    ).value as { attemptId: string };
    await call('appendAudio', { attemptId, pcm: tone(1_600, 16_000) });
    await call('stopAttempt', { attemptId, reason: 'user' });
    await t.services.attempts.whenIdle();
    let text = '';
    while (!text.includes('"stage":"ready"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    const events = text
      .split('\n\n')
      .filter((block) => block.startsWith('event: '))
      .map((block) => {
        const [eventLine, dataLine] = block.split('\n');
        return {
          event: eventLine!.slice('event: '.length),
          data: decodeWire(dataLine!.slice('data: '.length)) as AttemptProgress,
        };
      });
    expect(events.map((e) => `${e.event}:${e.data.stage}`)).toEqual([
      'attemptProgress:saving',
      'attemptProgress:transcribing',
      'attemptProgress:transcribing',
      'attemptProgress:transcribing',
      'attemptProgress:analyzing',
      'attemptProgress:ready',
    ]);
  });

  it('serves the built renderer with the CSP, and nothing outside it', async () => {
    const page = await fetch(`${base}/?token=${TOKEN}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(RENDERER_CSP).toContain("connect-src 'self'");
    expect(await page.text()).toContain('<title>Rehearse</title>');
    expect((await fetch(`${base}/assets/app.js`)).headers.get('content-type')).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await fetch(`${base}/history`)).status).toBe(200); // client-side route → index.html
    expect((await fetch(`${base}/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/%2e%2e/secret.txt`)).status).toBe(404);
  });

  it('refuses requests for another Host (DNS rebinding)', async () => {
    const port = (server.address() as { port: number }).port;
    const status = await new Promise<number>((done, fail) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path: '/', headers: { host: `evil.example:${port}` } },
        (res) => {
          res.resume();
          done(res.statusCode ?? 0);
        },
      );
      req.on('error', fail);
      req.end();
    });
    expect(status).toBe(403);
  });
});
