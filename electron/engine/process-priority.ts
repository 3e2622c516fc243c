/**
 * The transcription engine runs below normal OS priority, so on a busy machine recording (the
 * audio thread, the renderer, the main process writing the WAV) always wins the CPU: live
 * transcription may fall behind, capture may not.
 */
import { constants, setPriority } from 'node:os';

/** Niceness 10 on Linux/macOS; "below normal" on Windows. */
export const ENGINE_PRIORITY = constants.priority.PRIORITY_BELOW_NORMAL;

/** Lowers a process's priority; a refusal (permissions, already gone) is logged, never thrown. */
export function lowerProcessPriority(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    setPriority(pid, ENGINE_PRIORITY);
  } catch (error) {
    console.warn(
      `Rehearse: could not lower the transcription engine's priority: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
