/**
 * Environment for the engine process (child process under Node, utilityProcess in the app).
 *
 * glibc malloc tunables, read once when the process starts. The engine's sessions run without ONNX
 * Runtime's memory arena, so every window's activations come from malloc: the encoder's 3 MB hidden
 * states, its 12-18 MB attention and MLP buffers, and the decoder's growing key/value cache. With glibc's
 * defaults (an arena per thread, a dynamic mmap threshold) much of it stays in the process after a window.
 * Measured with `npm run bench` (whisper-base, 180 s, peak worker RSS / batch RTF):
 * - 2 arenas, 4 MB mmap threshold: 551-590 MB / 0.074-0.084; in-process probes of the same load peaked
 *   anywhere from 450 to 812 MiB on the first encoder run, depending on which thread got which arena.
 * - 1 arena, 4 MB (chosen): 537-557 MB / 0.079-0.087, and about the same peak run after run.
 * - 1 arena, 2-3 MB: 485-496 MB but 0.106-0.117 (every 3 MB encoder tensor is mmap'ed and faulted in
 *   again), below the ≥ 3x throughput goal.
 * A 128 kB trim threshold returns the top of the heap as soon as it is free.
 *
 * A 128 MB top pad: the heap grows (and is trimmed back) in steps that leave this much above what is
 * in use, so each window's activations reuse pages already mapped instead of faulting them in again.
 * On a host where page faults are dear (2-core AMD EPYC VM, 2026-12-02) the engine without it spent a
 * third of its time in the kernel. `npm run bench -- --model whisper-base --mode plain --clips
 * espeak-14` (131.8 s, idle): without the pad, rehearse transcribe 46.6 s (whisper.cpp 11.4 s), after
 * finish 7,129 ms, peak RSS 520 MB; 256 MB pad 17.9 s / 973 ms / 587 MB; 128 MB pad (chosen) 16.5 s
 * (whisper.cpp 10.1 s) / 907 ms / 554 MB. Values already in the environment win.
 */
export const WORKER_MALLOC_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '1',
  MALLOC_TRIM_THRESHOLD_: '131072',
  MALLOC_MMAP_THRESHOLD_: '4194304',
  MALLOC_TOP_PAD_: '134217728',
};

/** The environment to start the engine process with: `base` plus the malloc tunables it lacks. */
export function workerEnv(
  base: NodeJS.ProcessEnv = process.env,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return { ...WORKER_MALLOC_ENV, ...base, ...extra };
}
