import type {
  AudioInput,
  CaptureListeners,
  CaptureSession,
  Microphone,
} from '../features/record/microphone.ts';

/** A scripted microphone: the test pushes PCM and unplugs it. */
export interface FakeAudioInput extends AudioInput {
  listeners: CaptureListeners | null;
  capturing: boolean;
  closed: number;
  openedWith: (string | null)[];
  /** Samples the "worklet" holds until the next flush (as the real one does). */
  pending: Float32Array[];
  /** Make the next `open` fail with this error. */
  failOpen: Error | null;
  /** Sends PCM; `clockSec` defaults to the samples captured so far (no audio lost). */
  speak(samples: Float32Array, clockSec?: number): void;
  unplug(): void;
}

export function createFakeAudioInput(sampleRate = 48_000): FakeAudioInput {
  const microphones: Microphone[] = [
    { id: 'mic-1', label: 'Desk microphone' },
    { id: 'mic-2', label: 'Headset' },
  ];
  let captured = 0;
  const input: FakeAudioInput = {
    listeners: null,
    capturing: false,
    closed: 0,
    openedWith: [],
    pending: [],
    failOpen: null,
    speak(samples, clockSec) {
      if (!input.capturing) return;
      captured += samples.length;
      input.listeners?.onPcm(samples, clockSec ?? captured / sampleRate);
    },
    unplug() {
      input.listeners?.onEnded();
    },
    async listMicrophones() {
      return microphones;
    },
    watchMicrophones() {
      return () => undefined;
    },
    async open(microphoneId, listeners) {
      input.openedWith.push(microphoneId);
      if (input.failOpen) {
        const error = input.failOpen;
        input.failOpen = null;
        throw error;
      }
      input.listeners = listeners;
      const session: CaptureSession = {
        sampleRate,
        deviceLabel: microphoneId ?? 'Default microphone',
        setCapturing(on) {
          if (on && !input.capturing) captured = 0;
          input.capturing = on;
        },
        async flush() {
          for (const chunk of input.pending.splice(0)) {
            captured += chunk.length;
            listeners.onPcm(chunk, captured / sampleRate);
          }
        },
        async close() {
          input.closed++;
          input.capturing = false;
        },
      };
      return session;
    },
  };
  return input;
}
