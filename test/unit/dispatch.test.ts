import { describe, expect, it } from 'vitest';
import { IPC_METHODS } from '../../shared/ipc/contract.ts';
import { REQUEST_SCHEMAS } from '../../shared/ipc/schemas.ts';
import { dispatch } from '../../electron/main/services/dispatch.ts';
import {
  PIPELINE_QUESTION,
  servicesForEachTest,
  type ServicesUnderTest,
} from './helpers/services.ts';

let t: ServicesUnderTest;
servicesForEachTest((current) => (t = current.t));

describe('request validation', () => {
  it('has a schema for every contract method', () => {
    expect(Object.keys(REQUEST_SCHEMAS).sort()).toEqual([...IPC_METHODS].sort());
  });

  it.each([
    [
      'startAttempt',
      { question: PIPELINE_QUESTION, sampleRate: 100 },
      /sampleRate: sampleRate must be at least 8000 Hz/,
    ],
    [
      'startAttempt',
      { question: PIPELINE_QUESTION, sampleRate: 44_100.5 },
      /sampleRate must be a whole number/,
    ],
    [
      'startAttempt',
      { question: { ...PIPELINE_QUESTION, kind: 'heroics' }, sampleRate: 48_000 },
      /question\.kind/,
    ],
    [
      'startAttempt',
      { question: { ...PIPELINE_QUESTION, prompt: '   ' }, sampleRate: 48_000 },
      /question\.prompt: question\.prompt is empty/,
    ],
    ['startAttempt', null, /Bad startAttempt request/],
    [
      'appendAudio',
      { attemptId: '../../etc', pcm: new Float32Array(4) },
      /attemptId: attemptId must be an attempt id/,
    ],
    [
      'appendAudio',
      { attemptId: '0f8fad5b-d9cb-469f-a165-70867728950e', pcm: [0.1, 0.2] },
      /pcm: pcm must be a Float32Array/,
    ],
    [
      'appendAudio',
      { attemptId: '0f8fad5b-d9cb-469f-a165-70867728950e', pcm: new Float32Array(0) },
      /pcm is empty/,
    ],
    [
      'appendAudio',
      { attemptId: '0f8fad5b-d9cb-469f-a165-70867728950e', pcm: new Float32Array(2_000_000) },
      /send smaller chunks/,
    ],
    [
      'stopAttempt',
      { attemptId: '0f8fad5b-d9cb-469f-a165-70867728950e', reason: 'bored' },
      /reason/,
    ],
    ['setSettings', { model: 'whisper-large' }, /model/],
    ['setSettings', { theme: 'dark' }, /Unrecognized key.*theme/i],
    ['getSettings', { extra: 1 }, /Unrecognized key/i],
  ] as const)(
    'refuses a bad %s request with a specific message',
    async (method, request, message) => {
      const result = await dispatch(t.services.handlers, method, request);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('bad-request');
      expect(result.error.message).toMatch(message);
    },
  );

  it('accepts a call without arguments for methods that take none', async () => {
    expect(await dispatch(t.services.handlers, 'getSettings', undefined)).toEqual({
      ok: true,
      value: { model: 'whisper-base', modelsDir: null, microphoneId: null },
    });
  });

  it('answers void methods with null and unknown attempts with not-found', async () => {
    const started = await dispatch(t.services.handlers, 'startAttempt', {
      question: PIPELINE_QUESTION,
      sampleRate: 16_000,
    });
    if (!started.ok) throw new Error(started.error.message);
    expect(
      await dispatch(t.services.handlers, 'appendAudio', {
        attemptId: started.value.attemptId,
        pcm: new Float32Array(160),
      }),
    ).toEqual({ ok: true, value: null });
    expect(
      await dispatch(t.services.handlers, 'getAttempt', {
        attemptId: '0f8fad5b-d9cb-469f-a165-70867728950e',
      }),
    ).toEqual({
      ok: false,
      error: {
        code: 'not-found',
        message:
          'There is no attempt 0f8fad5b-d9cb-469f-a165-70867728950e; it may have been deleted.',
      },
    });
  });

  it('reports unexpected failures as internal with the method name', async () => {
    const handlers = {
      ...t.services.handlers,
      listAttempts: () => {
        throw new TypeError('database is locked');
      },
    };
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      expect(await dispatch(handlers, 'listAttempts', {})).toEqual({
        ok: false,
        error: { code: 'internal', message: 'listAttempts failed: database is locked' },
      });
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
  });
});
