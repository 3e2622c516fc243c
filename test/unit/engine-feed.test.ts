import { describe, expect, it } from 'vitest';
import { EngineFeed } from '../../electron/main/services/engine-feed.ts';
import { FakeEngine } from '../mocks/fake-engine.ts';

describe('EngineFeed', () => {
  it('gives up queueing when the engine does not start listening in time, and cancels the late stream', async () => {
    const engine = new FakeEngine();
    engine.holdStreams();
    const feed = new EngineFeed(engine, 16_000, { maxQueuedSamples: 4_000 });
    feed.push(new Float32Array(1_600));
    feed.push(new Float32Array(1_600));
    expect(feed.failure).toBeNull();
    feed.push(new Float32Array(1_600)); // 4,800 > 4,000 queued samples
    expect(feed.failure?.message).toBe('The engine did not start listening in time.');
    engine.releaseStreams();
    await feed.settled();
    // The late stream is cancelled rather than fed a partial answer.
    expect(engine.streams[0]).toMatchObject({ samples: 0, cancelled: true });
    await expect(feed.finish()).rejects.toThrow(/did not start listening/);
  });

  it('reports a start failure through failure and finish', async () => {
    const engine = new FakeEngine();
    engine.failStart = new Error('NOT_LOADED: load a model first');
    const feed = new EngineFeed(engine, 16_000);
    feed.push(new Float32Array(160));
    await feed.settled();
    expect(feed.failure?.message).toBe('NOT_LOADED: load a model first');
    expect(feed.streamId).toBeNull();
  });

  it('cancels quietly even when the engine rejects the cancel', async () => {
    const engine = new FakeEngine();
    const feed = new EngineFeed(engine, 16_000);
    await feed.settled();
    engine.cancel = () => Promise.reject(new Error('UNKNOWN_STREAM'));
    expect(() => feed.cancel()).not.toThrow();
    await new Promise((r) => setTimeout(r, 0)); // an unhandled rejection would fail the run
  });
});
