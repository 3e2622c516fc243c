import { createAudioUpload, type AudioUpload } from '../features/record/audio-upload.ts';
import {
  describeMicrophoneError,
  type CaptureSession,
  type Microphone,
} from '../features/record/microphone.ts';
import {
  MAX_APPEND_SAMPLES,
  MAX_RECORDING_SEC,
  type StopAttemptRequest,
} from '../../../shared/ipc/contract.ts';
import { ApiError } from '../../../shared/ipc/errors.ts';
import { formatClock } from '../lib/format.ts';
import { questionRef } from './session.ts';
import { messageOf, type SliceCreator } from './types.ts';

/**
 * opening → ready (mic live, meter moving) → countdown 3-2-1 → recording → saving → Review.
 * `problem` is set when the microphone fails; the phase then says what can still be done.
 */
export type RecordingPhase =
  'idle' | 'opening' | 'ready' | 'countdown' | 'recording' | 'saving' | 'unavailable';

export interface RecordingProblem {
  title: string;
  detail: string;
}

export interface RecordingState {
  phase: RecordingPhase;
  /** 3, 2, 1 during the countdown. */
  countdown: number;
  elapsedSec: number;
  /** Input level for the meter, 0..1 (perceptual, from dBFS); rises at once, falls gently. */
  level: number;
  /** The loudest recent level, decaying over ~2 s: steadier than `level` for "too quiet" hints. */
  recentPeak: number;
  microphones: Microphone[];
  /** Chosen microphone; null = system default. */
  microphoneId: string | null;
  microphoneLabel: string;
  attemptId: string | null;
  problem: RecordingProblem | null;
  /** A Stop the main side could not finish (history busy, disk full): `retryStop` tries again. */
  pendingStop: { attemptId: string; reason: StopReason } | null;
}

type StopReason = StopAttemptRequest['reason'];

export interface RecordingSlice {
  recording: RecordingState;
  /** Home → Record: opens the microphone so the level can be checked before answering. */
  prepareRecording(): Promise<void>;
  chooseMicrophone(microphoneId: string | null): Promise<void>;
  /** Starts the 3-2-1 countdown, then recording. */
  beginAnswer(): void;
  /** Stops the answer; what was recorded is kept and analysed. */
  stopAnswer(reason?: StopReason): Promise<void>;
  /** Tries a Stop that could not be finished again. */
  retryStop(): Promise<void>;
  /** Space on the Record screen. */
  toggleAnswer(): void;
  /** Closes the microphone without recording (leaving the screen). */
  leaveRecording(): void;
  loadMicrophoneSetting(): void;
}

export const COUNTDOWN_FROM = 3;
export const TARGET_MIN_SEC = 120;
export const TARGET_MAX_SEC = 180;

/** Meter position for an RMS level: -60 dBFS → 0, 0 dBFS → 1. */
export function meterLevel(rms: number): number {
  if (!(rms > 0)) return 0;
  const db = 20 * Math.log10(rms);
  return Math.max(0, Math.min(1, (db + 60) / 60));
}

/** Per level update (~30/s): how far the meter may fall, and the recent peak. */
const METER_FALL = 0.04;
const PEAK_FALL = 0.015;

/** Meter ballistics: jump up to a louder level, fall back slowly, so speech reads as a steady bar. */
export function nextMeter(
  previous: { level: number; recentPeak: number },
  rms: number,
): { level: number; recentPeak: number } {
  const now = meterLevel(rms);
  return {
    level: Math.max(now, previous.level - METER_FALL, 0),
    recentPeak: Math.max(now, previous.recentPeak - PEAK_FALL, 0),
  };
}

const initialRecording: RecordingState = {
  phase: 'idle',
  countdown: COUNTDOWN_FROM,
  elapsedSec: 0,
  level: 0,
  recentPeak: 0,
  microphones: [],
  microphoneId: null,
  microphoneLabel: '',
  attemptId: null,
  problem: null,
  pendingStop: null,
};

/** Stop is retried this many times, this far apart, while the history is busy. */
const STOP_RETRIES = 3;
const STOP_RETRY_MS = 1000;

/** How an upload failure is titled, by the main side's error code. */
function uploadFailureTitle(error: unknown): string {
  const code = error instanceof ApiError ? error.code : '';
  if (code === 'limit-reached') return 'Recording stopped at the length limit';
  if (code === 'folder-lost') return "Recording stopped: this answer's folder was deleted";
  return 'Recording stopped: audio could not be saved';
}

export const createRecordingSlice: SliceCreator<RecordingSlice> = (
  set,
  get,
  { api, audioInput, now },
) => {
  // Live handles, not state: nothing renders from them.
  let capture: CaptureSession | null = null;
  let upload: AudioUpload | null = null;
  let countdownTimer: ReturnType<typeof setTimeout> | null = null;
  let clockTimer: ReturnType<typeof setInterval> | null = null;
  let startedAt = 0;
  let stopWatchingDevices: (() => void) | null = null;
  /** Bumped whenever the microphone is (re)opened or released, to ignore stale async results. */
  let generation = 0;

  const patch = (changes: Partial<RecordingState>) =>
    set((s) => ({ recording: { ...s.recording, ...changes } }));

  function clearTimers() {
    if (countdownTimer !== null) clearTimeout(countdownTimer);
    if (clockTimer !== null) clearInterval(clockTimer);
    countdownTimer = null;
    clockTimer = null;
  }

  async function releaseMicrophone() {
    generation++;
    clearTimers();
    const session = capture;
    capture = null;
    if (session) await session.close();
  }

  async function refreshMicrophones() {
    try {
      patch({ microphones: await audioInput.listMicrophones() });
    } catch {
      // The list is a convenience; the default device still works without it.
    }
  }

  async function openMicrophone() {
    const mine = ++generation;
    const previous = capture;
    capture = null;
    if (previous) await previous.close();
    patch({ phase: 'opening', problem: null, level: 0, recentPeak: 0 });
    try {
      const session = await audioInput.open(get().recording.microphoneId, {
        onPcm: (samples, clockSec) => upload?.push(samples, clockSec),
        onLevel: (rms) => patch(nextMeter(get().recording, rms)),
        onEnded: () => void onMicrophoneLost(),
      });
      if (mine !== generation) {
        await session.close();
        return;
      }
      capture = session;
      patch({ phase: 'ready', microphoneLabel: session.deviceLabel });
      void refreshMicrophones();
    } catch (error) {
      if (mine !== generation) return;
      const problem = describeMicrophoneError(error);
      patch({
        phase: 'unavailable',
        level: 0,
        problem: {
          title:
            problem.problem === 'permission-denied'
              ? 'Microphone access is blocked'
              : problem.problem === 'no-device'
                ? 'No microphone found'
                : 'The microphone could not start',
          detail: problem.message,
        },
      });
      void refreshMicrophones();
    }
  }

  async function onMicrophoneLost() {
    const { phase, elapsedSec } = get().recording;
    if (phase === 'recording') {
      patch({
        problem: {
          title: 'The microphone was disconnected',
          detail: `Recording stopped at ${formatClock(elapsedSec)}. What you said until then is kept and analysed.`,
        },
      });
      await get().stopAnswer('device-lost');
      return;
    }
    await releaseMicrophone();
    patch({
      phase: 'unavailable',
      level: 0,
      problem: {
        title: 'The microphone was disconnected',
        detail: 'Plug it back in or pick another microphone.',
      },
    });
    void refreshMicrophones();
  }

  return {
    recording: initialRecording,

    loadMicrophoneSetting() {
      api.getSettings({}).then(
        (settings) => patch({ microphoneId: settings.microphoneId }),
        () => undefined,
      );
    },

    async prepareRecording() {
      get().resetPlayback();
      set((s) => ({ session: { ...s.session, screen: { name: 'record' } } }));
      patch({
        ...initialRecording,
        microphoneId: get().recording.microphoneId,
        microphones: get().recording.microphones,
      });
      stopWatchingDevices?.();
      stopWatchingDevices = audioInput.watchMicrophones(() => {
        void refreshMicrophones();
        // A microphone was plugged in while none was usable: try again on its own.
        if (
          get().recording.phase === 'unavailable' &&
          get().recording.problem?.title !== 'Microphone access is blocked'
        ) {
          void openMicrophone();
        }
      });
      await openMicrophone();
    },

    async chooseMicrophone(microphoneId) {
      const { phase } = get().recording;
      if (phase === 'recording' || phase === 'saving') return;
      clearTimers();
      patch({ microphoneId });
      api.setSettings({ microphoneId }).catch(() => undefined);
      await openMicrophone();
    },

    beginAnswer() {
      if (get().recording.phase !== 'ready' || !capture) return;
      patch({ phase: 'countdown', countdown: COUNTDOWN_FROM, elapsedSec: 0, problem: null });
      const tick = () => {
        const next = get().recording.countdown - 1;
        if (next > 0) {
          patch({ countdown: next });
          countdownTimer = setTimeout(tick, 1000);
          return;
        }
        countdownTimer = null;
        void startRecording();
      };
      countdownTimer = setTimeout(tick, 1000);
    },

    async stopAnswer(reason: StopReason = 'user') {
      const { phase, attemptId } = get().recording;
      if (phase === 'countdown') {
        clearTimers();
        patch({ phase: 'ready', countdown: COUNTDOWN_FROM });
        return;
      }
      if (phase !== 'recording' || !attemptId) return;
      clearTimers();
      patch({ phase: 'saving' });
      const session = capture;
      const pending = upload;
      let finalReason = reason;
      try {
        if (session) {
          session.setCapturing(false);
          await session.flush();
        }
        await pending?.drain();
      } catch (error) {
        finalReason = reason === 'user' ? 'error' : reason;
        // The upload's own failure already said what happened; otherwise say it here.
        if (!get().recording.problem) {
          patch({
            problem: {
              title: 'Part of the recording could not be saved',
              detail: `${messageOf(error)} What reached the disk is kept and analysed.`,
            },
          });
        }
      }
      upload = null;
      await releaseMicrophone();
      stopWatchingDevices?.();
      stopWatchingDevices = null;
      await finishStop(attemptId, finalReason);
    },

    async retryStop() {
      const pending = get().recording.pendingStop;
      if (!pending || get().recording.phase === 'saving') return;
      patch({ phase: 'saving', pendingStop: null, problem: null });
      await finishStop(pending.attemptId, pending.reason);
    },

    toggleAnswer() {
      const { phase } = get().recording;
      if (phase === 'ready') get().beginAnswer();
      else if (phase === 'recording' || phase === 'countdown') void get().stopAnswer('user');
    },

    leaveRecording() {
      const { phase } = get().recording;
      if (phase === 'recording' || phase === 'saving') return;
      stopWatchingDevices?.();
      stopWatchingDevices = null;
      void releaseMicrophone();
      patch({
        ...initialRecording,
        microphoneId: get().recording.microphoneId,
        microphones: get().recording.microphones,
      });
    },
  };

  async function startRecording() {
    const session = capture;
    if (!session || get().recording.phase !== 'countdown') return;
    const mine = generation;
    let attemptId: string;
    const { question, storyId } = get().session;
    try {
      ({ attemptId } = await api.startAttempt({
        question: questionRef(question),
        sampleRate: session.sampleRate,
        ...(storyId ? { storyId } : {}),
      }));
    } catch (error) {
      patch({
        phase: 'ready',
        problem: { title: 'Recording could not start', detail: messageOf(error) },
      });
      return;
    }
    if (mine !== generation || capture !== session) {
      await api.stopAttempt({ attemptId, reason: 'error' }).catch(() => undefined);
      return;
    }
    upload = createAudioUpload(
      ({ pcm, clockSec }) => api.appendAudio({ attemptId, pcm, clockSec }),
      (error) => {
        const kept =
          error instanceof ApiError && ['limit-reached', 'folder-lost'].includes(error.code);
        patch({
          problem: {
            title: uploadFailureTitle(error),
            // Those two messages already say the audio is kept.
            detail: kept
              ? messageOf(error)
              : `${messageOf(error)} What reached the disk is kept and analysed.`,
          },
        });
        void get().stopAnswer(
          error instanceof ApiError && error.code === 'limit-reached' ? 'limit' : 'error',
        );
      },
      MAX_APPEND_SAMPLES,
    );
    startedAt = now();
    session.setCapturing(true);
    patch({ phase: 'recording', attemptId, countdown: 0, elapsedSec: 0 });
    clockTimer = setInterval(() => {
      const elapsedSec = (now() - startedAt) / 1000;
      patch({ elapsedSec });
      if (elapsedSec >= MAX_RECORDING_SEC && get().recording.phase === 'recording') {
        patch({
          problem: {
            title: `Recording stopped at the ${MAX_RECORDING_SEC / 60}-minute limit`,
            detail: `Everything up to ${formatClock(MAX_RECORDING_SEC)} is saved and analysed.`,
          },
        });
        void get().stopAnswer('limit');
      }
    }, 100);
  }

  /** Asks the main side to finish the attempt (retrying while the history is busy), then Review. */
  async function finishStop(attemptId: string, reason: StopReason) {
    for (let attempt = 1; ; attempt++) {
      try {
        await api.stopAttempt({ attemptId, reason });
        break;
      } catch (error) {
        const busy = error instanceof ApiError && error.code === 'storage-busy';
        if (busy && attempt < STOP_RETRIES) {
          await new Promise((resolve) => setTimeout(resolve, STOP_RETRY_MS));
          continue;
        }
        patch({
          phase: 'unavailable',
          pendingStop: { attemptId, reason },
          problem: { title: 'The answer could not be finished', detail: messageOf(error) },
        });
        return;
      }
    }
    const problem = get().recording.problem;
    patch({
      ...initialRecording,
      microphoneId: get().recording.microphoneId,
      microphones: get().recording.microphones,
    });
    const notice = problem ? `${problem.title}. ${problem.detail}` : null;
    // In a mock panel the next question follows at once (no review between answers, no retries).
    if (await get().panelAnswerSaved(attemptId, notice)) return;
    await get().openReview(attemptId, notice);
  }
};
