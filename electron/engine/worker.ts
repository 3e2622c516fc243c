/**
 * The engine worker entry. Runs the same EngineCore under two transports:
 *  - Electron utilityProcess: `process.parentPort` (messages arrive as `{ data }`),
 *  - Node child process with an IPC channel: `process.send` / `process.on('message')`.
 * The model is imported lazily inside EngineCore on the first `load`.
 */
import { EngineCore, serializeError } from './engine-core.ts';
import { isEngineRequest, type WorkerMessage } from './protocol.ts';

interface ElectronParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function connect(): {
  post: (message: WorkerMessage) => void;
  listen: (handler: (data: unknown) => void) => void;
} {
  const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      post: (message) => electronPort.postMessage(message),
      listen: (handler) => electronPort.on('message', (event) => handler(event.data)),
    };
  }
  if (process.send) {
    const send = process.send.bind(process);
    // The parent is gone (killed, crashed): no one can receive a result, so stop working now rather
    // than finish a transcription as an orphan holding the model's memory and both cores.
    process.on('disconnect', () => process.exit(0));
    return {
      post: (message) => send(message),
      listen: (handler) => process.on('message', handler),
    };
  }
  throw new Error(
    'The engine worker must be started as a utilityProcess or a child process with IPC.',
  );
}

const transport = connect();
const core = new EngineCore(transport.post);
transport.listen((data) => {
  if (!isEngineRequest(data)) {
    transport.post({
      kind: 'event',
      event: { type: 'log', level: 'warn', message: 'Ignored a malformed engine request.' },
    });
    return;
  }
  void core.handle(data);
});
process.on('uncaughtException', (error) => {
  transport.post({
    kind: 'event',
    event: {
      type: 'log',
      level: 'error',
      message: `Engine worker error: ${serializeError(error).message}`,
    },
  });
});
