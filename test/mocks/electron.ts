/**
 * A small stand-in for the `electron` module (Electron Fiddle style) for main-process and preload
 * unit tests: `vi.mock('electron', () => import('../mocks/electron.ts'))`. It records handlers and
 * exposed APIs so tests can call them the way Electron would.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

class IpcMainMock {
  readonly handlers = new Map<string, Handler>();
  handle = vi.fn((channel: string, handler: Handler) => {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  });
  removeHandler = vi.fn((channel: string) => void this.handlers.delete(channel));

  /** Calls a handler as a renderer frame at `url` would. */
  async invokeFrom(url: string | null, channel: string, request: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: url === null ? null : { url }, sender: {} }, request);
  }
}

class IpcRendererMock extends EventEmitter {
  invoke = vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(async () => undefined);
}

export const ipcMain = new IpcMainMock();
export const ipcRenderer = new IpcRendererMock();

export const exposed: Record<string, unknown> = {};
export const contextBridge = {
  exposeInMainWorld: vi.fn((key: string, api: unknown) => {
    exposed[key] = api;
  }),
};

/** A WebContents double: an EventEmitter with the methods the main process uses. */
export class WebContentsMock extends EventEmitter {
  destroyed = false;
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  isDestroyed = () => this.destroyed;
  send = (channel: string, payload: unknown) => void this.sent.push({ channel, payload });
  setWindowOpenHandler = (handler: (details: { url: string }) => { action: string }) => {
    this.windowOpenHandler = handler;
  };
}

/** A Session double recording the permission handlers. */
export class SessionMock {
  permissionRequestHandler: ((...args: unknown[]) => void) | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | null = null;
  setPermissionRequestHandler = (handler: (...args: unknown[]) => void) =>
    void (this.permissionRequestHandler = handler);
  setPermissionCheckHandler = (handler: (...args: unknown[]) => boolean) =>
    void (this.permissionCheckHandler = handler);
  setDevicePermissionHandler = (handler: (...args: unknown[]) => boolean) =>
    void (this.devicePermissionHandler = handler);
}

/** A Protocol double: records schemes and lets tests fetch through a registered handler. */
export class ProtocolMock {
  readonly privileged: unknown[] = [];
  readonly handlers = new Map<string, (request: Request) => Promise<Response> | Response>();
  registerSchemesAsPrivileged = (schemes: unknown[]) => void this.privileged.push(...schemes);
  handle = (scheme: string, handler: (request: Request) => Promise<Response> | Response) =>
    void this.handlers.set(scheme, handler);
  async fetch(url: string, init?: RequestInit): Promise<Response> {
    const handler = this.handlers.get(new URL(url).protocol.replace(':', ''));
    if (!handler) throw new Error(`No protocol handler for ${url}`);
    return handler(new Request(url, init));
  }
}

/** A BrowserWindow double: keeps its options and what it loaded. */
export class BrowserWindowMock extends EventEmitter {
  static readonly all: BrowserWindowMock[] = [];
  static getAllWindows = () => BrowserWindowMock.all.filter((w) => !w.destroyed);
  readonly webContents = new WebContentsMock();
  loadedUrl: string | null = null;
  destroyed = false;
  maximized = false;
  bounds = { x: 0, y: 0, width: 0, height: 0 };
  constructor(
    readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> },
  ) {
    super();
    this.bounds = {
      x: Number(options.x ?? 0),
      y: Number(options.y ?? 0),
      width: Number(options.width),
      height: Number(options.height),
    };
    BrowserWindowMock.all.push(this);
  }
  loadURL = vi.fn(async (url: string) => void (this.loadedUrl = url));
  isDestroyed = () => this.destroyed;
  isMaximized = () => this.maximized;
  isMinimized = () => false;
  maximize = () => void (this.maximized = true);
  restore = vi.fn();
  focus = vi.fn();
  show = vi.fn();
  getNormalBounds = () => ({ ...this.bounds });
}

export const protocol = new ProtocolMock();
export const session = { defaultSession: new SessionMock() };
export const Menu = {
  buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
  setApplicationMenu: vi.fn(),
};
export const screen = {
  getAllDisplays: vi.fn(() => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }]),
};
export const dialog = { showErrorBox: vi.fn() };
export const shell = { openPath: vi.fn(async () => '') };
export const utilityProcess = {
  fork: vi.fn(() => {
    throw new Error('utilityProcess is not available in unit tests');
  }),
};
export const app = {
  isPackaged: false,
  userDataDir: '/tmp/rehearse-mock-user-data',
  getPath: vi.fn((_name: string) => app.userDataDir),
  on: vi.fn(),
  whenReady: vi.fn(() => Promise.resolve()),
  requestSingleInstanceLock: vi.fn(() => true),
  getVersion: vi.fn(() => '0.1.0'),
  quit: vi.fn(),
  exit: vi.fn(),
};
export { BrowserWindowMock as BrowserWindow };

export default {
  ipcMain,
  ipcRenderer,
  contextBridge,
  protocol,
  session,
  app,
  Menu,
  screen,
  dialog,
  shell,
  utilityProcess,
  BrowserWindow: BrowserWindowMock,
};
