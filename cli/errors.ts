import { AnalysisInputError } from '../shared/analysis/index.ts';
import { AudioFormatError } from '../electron/engine/audio/wav.ts';
import { EngineError } from '../electron/engine/protocol.ts';

/** A user-facing CLI failure: printed as one line on stderr, exit code 2, no stack trace. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** Engine failures that are the program's fault, not the input's or the set-up's. */
const INTERNAL_ENGINE_CODES = new Set(['INTERNAL', 'WORKER_CRASHED']);

/**
 * The CLI's view of an error: a bad input or set-up (exit 2, message as is), or anything else
 * (exit 1, "unexpected error"). Bad audio, a bad transcript, a missing model all say what to do.
 */
export function describeCliError(error: unknown): { exitCode: number; message: string } {
  if (error instanceof CliError) return { exitCode: error.exitCode, message: error.message };
  if (error instanceof AnalysisInputError || error instanceof AudioFormatError) {
    return { exitCode: 2, message: error.message };
  }
  if (error instanceof EngineError && !INTERNAL_ENGINE_CODES.has(error.code)) {
    return { exitCode: 2, message: error.message };
  }
  // Node's own argument errors (unknown option, missing value) are user errors too.
  if (
    error instanceof TypeError &&
    'code' in error &&
    String(error.code).startsWith('ERR_PARSE_ARGS')
  ) {
    return { exitCode: 2, message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { exitCode: 1, message: `unexpected error: ${message}` };
}
