/** Main → renderer events, fanned out to whoever listens (the window's webContents, SSE clients). */
import type { IpcEventName, IpcEvents } from '../../../shared/ipc/contract.ts';

export type EventSink = <E extends IpcEventName>(event: E, payload: IpcEvents[E]) => void;

export class EventHub {
  private readonly sinks = new Set<EventSink>();

  subscribe(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  emit<E extends IpcEventName>(event: E, payload: IpcEvents[E]): void {
    for (const sink of this.sinks) {
      try {
        sink(event, payload);
      } catch (error) {
        // One broken listener (a closed window, a dropped SSE client) must not starve the others.
        console.error(`Rehearse: delivering the ${event} event failed:`, error);
      }
    }
  }
}
