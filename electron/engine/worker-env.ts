/**
 * Environment for the engine process (child process under Node, utilityProcess in the app).
 *
 * glibc malloc tunables, read once when the process starts: ONNX Runtime frees hundreds of MB per
 * encoder run (one 30 s window's activations), and with glibc's defaults much of it stays in the
 * process (one malloc arena per thread, a trim threshold that grows with every large free). Two arenas,
 * a 128 kB trim threshold and a fixed 4 MB mmap threshold give more of it back. Measured on whisper-base
 * (npm run bench, batch, 180 s): mmap threshold 128 kB → peak 810 MB but RTF 0.104-0.109 (malloc'ing
 * and faulting in every mid-sized buffer again costs ~10%); 4 MB → ~935 MB at RTF 0.093; glibc's
 * dynamic default → ~965 MB at RTF 0.087. 4 MB keeps the ≥ 3x throughput goal. Values already in the
 * environment win.
 */
export const WORKER_MALLOC_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_TRIM_THRESHOLD_: '131072',
  MALLOC_MMAP_THRESHOLD_: '4194304',
};

/** The environment to start the engine process with: `base` plus the malloc tunables it lacks. */
export function workerEnv(
  base: NodeJS.ProcessEnv = process.env,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return { ...WORKER_MALLOC_ENV, ...base, ...extra };
}
