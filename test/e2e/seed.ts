/**
 * A loopback server in this process with a scripted engine, and attempts made through the real
 * API (startAttempt → appendAudio → stopAttempt, then the real analysis) in seconds instead of the
 * minutes a spoken answer and Whisper take. For the screens that need several attempts: the
 * review's comparison, Progress, export and backup.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLoopbackServer, type LoopbackServer } from '../../electron/loopback/server.ts';
import type {
  AttemptDetail,
  IpcMethod,
  IpcRequest,
  IpcResponse,
  QuestionRef,
} from '../../shared/ipc/contract.ts';
import { decodeWire, encodeWire } from '../../shared/ipc/wire.ts';
import { FakeEngine } from '../mocks/fake-engine.ts';
import type { BrowserContext, Page } from 'playwright-core';
import {
  assertE2ePrerequisites,
  launchChromium,
  makeWorkDir,
  removeWorkDir,
  REPO_DIR,
} from './browser.ts';

const SAMPLE_RATE = 16_000;

export interface SeededServer {
  server: LoopbackServer;
  engine: FakeEngine;
  /** Calls a contract method over HTTP, as the renderer does. */
  call<M extends IpcMethod>(method: M, request: IpcRequest<M>): Promise<IpcResponse<M>>;
  /**
   * Records `seconds` of a voice-like tone whose transcript is `text` (telling `storyId`, when
   * given); resolves when analysed.
   */
  addAttempt(
    question: QuestionRef,
    text: string,
    seconds: number,
    storyId?: string,
  ): Promise<AttemptDetail>;
}

/** A tone with syllable-like bursts, so the waveform looks like speech. */
function voiceLike(samples: number, offset: number): Float32Array {
  const pcm = new Float32Array(samples);
  for (let i = 0; i < samples; i++) {
    const t = (offset + i) / SAMPLE_RATE;
    const envelope = Math.max(0, Math.sin(2 * Math.PI * 2.5 * t)) * (0.6 + 0.4 * Math.sin(t / 3));
    pcm[i] = 0.5 * envelope * Math.sin(2 * Math.PI * 180 * t);
  }
  return pcm;
}

export async function startSeededServer(dataDir?: string): Promise<SeededServer> {
  const engine = new FakeEngine();
  const server = await startLoopbackServer({
    dataDir: dataDir ?? join(mkdtempSync(join(tmpdir(), 'rehearse-e2e-seed-')), 'data'),
    rendererDir: join(REPO_DIR, 'out', 'renderer'),
    engine,
  });
  async function call<M extends IpcMethod>(
    method: M,
    request: IpcRequest<M>,
  ): Promise<IpcResponse<M>> {
    const response = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rehearse-token': server.token },
      body: encodeWire(request),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method}: HTTP ${response.status} ${text}`);
    return decodeWire(text) as IpcResponse<M>;
  }

  async function addAttempt(
    question: QuestionRef,
    text: string,
    seconds: number,
    storyId?: string,
  ) {
    engine.words = text.split(/\s+/u).filter(Boolean);
    const { attemptId } = await call('startAttempt', {
      question,
      sampleRate: SAMPLE_RATE,
      ...(storyId === undefined ? {} : { storyId }),
    });
    const total = Math.round(seconds * SAMPLE_RATE);
    for (let offset = 0; offset < total; offset += SAMPLE_RATE * 5) {
      await call('appendAudio', {
        attemptId,
        pcm: voiceLike(Math.min(SAMPLE_RATE * 5, total - offset), offset),
      });
    }
    await call('stopAttempt', { attemptId, reason: 'user' });
    for (let tries = 0; tries < 600; tries++) {
      const detail = await call('getAttempt', { attemptId });
      if (detail.status === 'ready') return detail;
      if (detail.status === 'failed') throw new Error(`Seeded attempt failed: ${detail.error}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('A seeded attempt was not analysed within a minute.');
  }

  return { server, engine, call, addAttempt };
}

/** A seeded server and Chromium on it, in a fresh work folder; `close` ends both and removes it. */
export interface SeededApp {
  workDir: string;
  seeded: SeededServer;
  browser: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Opens a SeededApp in a work folder named after the test (`makeWorkDir(name)`). */
export async function openSeededApp(name: string): Promise<SeededApp> {
  assertE2ePrerequisites([]);
  const workDir = makeWorkDir(name);
  const seeded = await startSeededServer(join(workDir, 'data'));
  let browser: BrowserContext | null = null;
  const close = async () => {
    await browser?.close();
    await seeded.server.close();
    removeWorkDir(workDir);
  };
  try {
    const launched = await launchChromium({ profileDir: join(workDir, 'chromium-profile') });
    browser = launched.browser;
    return { workDir, seeded, browser, page: launched.page, close };
  } catch (error) {
    await close();
    throw error;
  }
}
