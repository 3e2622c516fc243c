/**
 * The microphone: device list, permission, and PCM capture through an AudioWorklet. The store's
 * recording actions drive it; components never touch it.
 */

export interface Microphone {
  id: string;
  label: string;
}

export type MicrophoneProblem =
  'permission-denied' | 'no-device' | 'device-busy' | 'unsupported' | 'unknown';

export class MicrophoneError extends Error {
  readonly problem: MicrophoneProblem;
  constructor(problem: MicrophoneProblem, message: string) {
    super(message);
    this.name = 'MicrophoneError';
    this.problem = problem;
  }
}

export interface CaptureListeners {
  /**
   * Mono PCM at `sampleRate`, about every 250 ms while capturing, with the wall-clock seconds since
   * capturing began when its last sample arrived (for counting audio the browser never delivered).
   */
  onPcm(samples: Float32Array, clockSec: number): void;
  /** Input level, ~30 times a second: RMS and peak in [0, 1]. */
  onLevel(rms: number, peak: number): void;
  /** The device went away (unplugged, or permission revoked). */
  onEnded(): void;
}

export interface CaptureSession {
  readonly sampleRate: number;
  readonly deviceLabel: string;
  /** Start or stop passing PCM to `onPcm` (the level meter runs either way). */
  setCapturing(on: boolean): void;
  /** Resolves once every captured sample has been handed to `onPcm`. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface AudioInput {
  open(microphoneId: string | null, listeners: CaptureListeners): Promise<CaptureSession>;
  listMicrophones(): Promise<Microphone[]>;
  /** Calls back when microphones are plugged in or out; returns the unsubscribe. */
  watchMicrophones(onChange: () => void): () => void;
}

/** Turns a getUserMedia failure into a message the user can act on. */
export function describeMicrophoneError(error: unknown): MicrophoneError {
  if (error instanceof MicrophoneError) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new MicrophoneError(
        'permission-denied',
        'Rehearse is not allowed to use the microphone. Allow microphone access for Rehearse in your system settings, then try again.',
      );
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new MicrophoneError(
        'no-device',
        'No microphone was found. Plug one in (or pick another below), then try again.',
      );
    case 'NotReadableError':
    case 'AbortError':
      return new MicrophoneError(
        'device-busy',
        'The microphone could not be started. Another app may be using it; close that app or pick another microphone.',
      );
    default:
      return new MicrophoneError(
        'unknown',
        `The microphone could not be opened: ${error instanceof Error ? error.message : String(error)}`,
      );
  }
}

/** The audio buffer the capture asks for, in seconds (the browser rounds it to what it has). */
const CAPTURE_LATENCY_SEC = 0.2;

type WorkletMessage =
  | { type: 'level'; rms: number; peak: number }
  | { type: 'pcm'; samples: Float32Array; clockSec: number }
  | { type: 'flushed' };

/** The real microphone, via getUserMedia + an AudioWorklet loaded from `workletUrl`. */
export function createBrowserAudioInput(workletUrl: string): AudioInput {
  function mediaDevices(): MediaDevices {
    if (!navigator.mediaDevices?.getUserMedia) {
      throw new MicrophoneError('unsupported', 'This window cannot access microphones.');
    }
    return navigator.mediaDevices;
  }

  return {
    async listMicrophones() {
      const devices = await mediaDevices().enumerateDevices();
      return devices
        .filter((device) => device.kind === 'audioinput' && device.deviceId !== '')
        .map((device, index) => ({
          id: device.deviceId,
          label: device.label || `Microphone ${index + 1}`,
        }));
    },

    watchMicrophones(onChange) {
      const devices = navigator.mediaDevices;
      if (!devices) return () => undefined;
      devices.addEventListener('devicechange', onChange);
      return () => devices.removeEventListener('devicechange', onChange);
    },

    async open(microphoneId, listeners) {
      let stream: MediaStream;
      try {
        stream = await mediaDevices().getUserMedia({
          audio: {
            ...(microphoneId ? { deviceId: { exact: microphoneId } } : {}),
            channelCount: 1,
            // Analysis wants the voice as spoken: no gating that would eat quiet "um"s.
            echoCancellation: false,
            noiseSuppression: false,
            autoGainControl: false,
          },
        });
      } catch (error) {
        throw describeMicrophoneError(error);
      }
      const track = stream.getAudioTracks()[0];
      if (!track) {
        stream.getTracks().forEach((t) => t.stop());
        throw new MicrophoneError(
          'no-device',
          'The microphone gave no audio track. Pick another microphone.',
        );
      }

      // Nothing is played back, so latency does not matter: ask for the largest audio buffers
      // (Chromium gives 8192 frames, ~0.19 s at 44.1 kHz, against 512 for 'interactive'), which
      // ride out a busy machine's scheduling stalls without dropping input.
      const context = new AudioContext({ latencyHint: CAPTURE_LATENCY_SEC });
      let node: AudioWorkletNode;
      try {
        await context.audioWorklet.addModule(workletUrl);
        node = new AudioWorkletNode(context, 'pcm-capture', {
          numberOfInputs: 1,
          numberOfOutputs: 1,
          channelCount: 1,
          channelCountMode: 'explicit',
          processorOptions: { chunkSeconds: 0.25 },
        });
      } catch (error) {
        track.stop();
        await context.close();
        throw new MicrophoneError(
          'unknown',
          `The audio recorder could not start: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      const source = context.createMediaStreamSource(stream);
      const mute = context.createGain();
      mute.gain.value = 0;
      source.connect(node);
      node.connect(mute);
      mute.connect(context.destination);
      if (context.state === 'suspended') await context.resume();

      const flushWaiters: Array<() => void> = [];
      node.port.onmessage = (event: MessageEvent<WorkletMessage>) => {
        const message = event.data;
        if (message.type === 'level') listeners.onLevel(message.rms, message.peak);
        else if (message.type === 'pcm') listeners.onPcm(message.samples, message.clockSec);
        else if (message.type === 'flushed') flushWaiters.shift()?.();
      };
      let closed = false;
      const onEnded = () => {
        if (!closed) listeners.onEnded();
      };
      track.addEventListener('ended', onEnded);

      return {
        sampleRate: context.sampleRate,
        deviceLabel: track.label,
        setCapturing(on) {
          node.port.postMessage({ type: 'capture', on });
        },
        flush() {
          if (closed) return Promise.resolve();
          return new Promise<void>((resolve) => {
            flushWaiters.push(resolve);
            node.port.postMessage({ type: 'flush' });
          });
        },
        async close() {
          if (closed) return;
          closed = true;
          track.removeEventListener('ended', onEnded);
          node.port.onmessage = null;
          source.disconnect();
          node.disconnect();
          stream.getTracks().forEach((t) => t.stop());
          flushWaiters.splice(0).forEach((resolve) => resolve());
          await context.close();
        },
      };
    },
  };
}
