/**
 * Startup recovery. A recording whose attempt is still `recording` when the app starts was cut
 * off by a crash: its WAV header is rebuilt from the file and it becomes `interrupted`, ready for
 * `analyzeAttempt`. An attempt left `processing` lost its analysis; it becomes `failed` with a
 * message saying so (its recording is complete and can be analysed again).
 */
import { existsSync } from 'node:fs';
import type { AttemptStore } from './attempt-store.ts';
import { repairWav } from './wav-recovery.ts';

export interface RecoveryReport {
  interrupted: string[];
  failed: string[];
}

export function recoverAttempts(store: AttemptStore): RecoveryReport {
  const report: RecoveryReport = { interrupted: [], failed: [] };
  for (const attempt of store.list({ status: 'recording' })) {
    const path = store.recordingPath(attempt.id);
    if (!existsSync(path)) {
      store.update(attempt.id, {
        status: 'failed',
        stopReason: 'crash',
        error: 'Rehearse closed while recording and the recording file is missing.',
      });
      report.failed.push(attempt.id);
      continue;
    }
    try {
      const { durationSec } = repairWav(path, attempt.sampleRate);
      store.update(attempt.id, {
        status: 'interrupted',
        stopReason: 'crash',
        durationSec,
        error: null,
      });
      report.interrupted.push(attempt.id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      store.update(attempt.id, {
        status: 'failed',
        stopReason: 'crash',
        error: `Rehearse closed while recording and the recording could not be repaired: ${message}`,
      });
      report.failed.push(attempt.id);
    }
  }
  for (const attempt of store.list({ status: 'processing' })) {
    store.update(attempt.id, {
      status: 'failed',
      error: 'Rehearse closed before this answer was analysed. Analyse it again.',
    });
    report.failed.push(attempt.id);
  }
  return report;
}
