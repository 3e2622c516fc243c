/**
 * Keeps the engine's status (`getEngineStatus`, `engineStatus` events): loads the chosen model
 * and tracks what the engine reports while doing so.
 */
import type { EngineStatus, ModelId } from '../../../shared/ipc/contract.ts';
import type { AttemptEngine, EngineEvent } from './engine-port.ts';
import type { EventHub } from './event-hub.ts';

export class EngineStatusTracker {
  private current: EngineStatus;
  private loadGeneration = 0;

  constructor(
    private readonly engine: AttemptEngine,
    private readonly events: EventHub,
    model: ModelId,
  ) {
    this.current = { state: 'idle', model };
  }

  get status(): EngineStatus {
    return structuredClone(this.current);
  }

  /** Loads `model`; resolves when loaded or failed (the failure is in the status, not thrown). */
  async load(model: ModelId, modelsDir: string | null): Promise<void> {
    const generation = ++this.loadGeneration;
    this.set({ state: 'loading', model });
    try {
      await this.engine.load({ model, modelsDir });
      if (generation === this.loadGeneration) this.set({ state: 'ready', model });
    } catch (error) {
      if (generation !== this.loadGeneration) return;
      const message = error instanceof Error ? error.message : String(error);
      // Keep the engine's own code (MODEL_NOT_FOUND, MODEL_DOWNLOAD_FAILED…) so the renderer can
      // offer the right way out.
      const code = engineErrorCode(error) ?? 'engine-load-failed';
      this.set({ state: 'error', model, error: { code, message } });
    }
  }

  /** Follows the engine's own status and download events (and a crash and restart). */
  follow(event: EngineEvent): void {
    if (event.type === 'status') {
      const model = event.model ?? this.current.model;
      if (event.state === 'error') {
        this.set({
          state: 'error',
          model,
          error: {
            code: event.error?.code ?? 'engine-error',
            message: event.error?.message ?? 'The transcription engine failed.',
          },
        });
      } else {
        this.set({ state: event.state, model });
      }
    } else if (event.type === 'download') {
      if (!this.downloadMoved(event.loadedBytes, event.totalBytes)) return;
      this.set({
        state: 'downloading',
        model: event.model,
        download: { loadedBytes: event.loadedBytes, totalBytes: event.totalBytes },
      });
    }
  }

  /**
   * The engine reports every network chunk (thousands per model); the renderer needs a step of
   * 0.1% (or 1 MB when the size is unknown), and always the first and the last.
   */
  private downloadMoved(loadedBytes: number, totalBytes: number): boolean {
    const previous = this.current.state === 'downloading' ? this.current.download : undefined;
    if (!previous || previous.totalBytes !== totalBytes || loadedBytes >= totalBytes) return true;
    const step = totalBytes > 0 ? totalBytes / 1000 : 1_000_000;
    return Math.floor(loadedBytes / step) !== Math.floor(previous.loadedBytes / step);
  }

  /** Sets the status and tells the renderer. */
  set(status: EngineStatus): void {
    this.current = structuredClone(status);
    this.events.emit('engineStatus', this.status);
  }
}

function engineErrorCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  return typeof error.code === 'string' && error.code.length > 0 ? error.code : null;
}
