import { describe, expect, it } from 'vitest';
import { encodeWire } from '../../../shared/ipc/wire.ts';
import { ApiError, connectApi, createLoopbackApi } from './api.ts';

class FakeEventSource extends EventTarget {
  constructor(readonly url: string) {
    super();
  }
  push(name: string, data: string) {
    this.dispatchEvent(new MessageEvent(name, { data }));
  }
}

describe('loopback api client', () => {
  it('posts wire-encoded requests with the token and decodes typed arrays in responses', async () => {
    const requests: { url: string; init: RequestInit }[] = [];
    const api = createLoopbackApi({
      baseUrl: 'http://127.0.0.1:1',
      token: 'tok',
      fetch: async (url, init) => {
        requests.push({ url: String(url), init: init! });
        return new Response(encodeWire({ wav: new Uint8Array([1, 2, 3]) }), { status: 200 });
      },
    });
    const pcm = Float32Array.from([0.5, -0.5]);
    // A response carrying a typed array (no contract response has one today; the wire supports it).
    const audio = (await api.getAttemptAudio({ attemptId: 'a1' })) as unknown as {
      wav: Uint8Array;
    };
    await api.appendAudio({ attemptId: 'a1', pcm });
    expect(Array.from(audio.wav)).toEqual([1, 2, 3]);
    expect(requests[0]!.url).toBe('http://127.0.0.1:1/api/getAttemptAudio');
    expect((requests[0]!.init.headers as Record<string, string>)['x-rehearse-token']).toBe('tok');
    expect(requests[1]!.init.body).toBe(encodeWire({ attemptId: 'a1', pcm }));
  });

  it('turns an error payload into an ApiError with its code', async () => {
    const api = createLoopbackApi({
      baseUrl: '',
      token: 't',
      fetch: async () =>
        new Response(
          JSON.stringify({ error: { code: 'not-found', message: 'No such attempt.' } }),
          { status: 404 },
        ),
    });
    const error = await api.getAttempt({ attemptId: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'not-found', message: 'No such attempt.' });
  });

  it('says clearly when the service is unreachable or answers garbage', async () => {
    const down = createLoopbackApi({
      baseUrl: '',
      token: 't',
      fetch: async () => Promise.reject(new TypeError('Failed to fetch')),
    });
    await expect(down.listAttempts({})).rejects.toThrow(
      /not answering \(listAttempts\): Failed to fetch/,
    );
    const garbage = createLoopbackApi({
      baseUrl: '',
      token: 't',
      fetch: async () => new Response('<html>', { status: 502 }),
    });
    await expect(garbage.listAttempts({})).rejects.toMatchObject({ code: 'bad-response' });
  });

  it('delivers server-sent events to listeners until they unsubscribe', () => {
    let source: FakeEventSource | null = null;
    const api = createLoopbackApi({
      baseUrl: '',
      token: 'a b',
      createEventSource: (url) => (source = new FakeEventSource(url)) as unknown as EventSource,
    });
    const seen: string[] = [];
    const off = api.on('attemptProgress', (p) => seen.push(p.stage));
    expect(source!.url).toBe('/api/events?token=a%20b');
    source!.push('attemptProgress', encodeWire({ attemptId: 'a1', stage: 'transcribing' }));
    source!.push('attemptProgress', '{broken');
    off();
    source!.push('attemptProgress', encodeWire({ attemptId: 'a1', stage: 'ready' }));
    expect(seen).toEqual(['transcribing']);
  });

  it('refuses to start without a token when there is no preload bridge', () => {
    const win = { location: { search: '' } } as unknown as Window;
    expect(() => connectApi(win)).toThrow(/without its access token/);
  });
});
