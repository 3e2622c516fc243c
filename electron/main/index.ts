/**
 * The Electron main process: app lifecycle, the one hardened window, the app menu, the engine in a
 * utilityProcess, and the services behind the typed IPC contract.
 */
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  screen,
  session,
  shell,
} from 'electron';
import { analyzeAnswer } from '../../shared/analysis/index.ts';
import { APP_PAGE_URL, registerAppScheme, serveRenderer } from './app-protocol.ts';
import { ApiError } from '../../shared/ipc/errors.ts';
import { acquireDataLock, type DataLock } from './data-lock.ts';
import { createUtilityEngine } from './engine-host.ts';
import { printHtmlToPdf } from './export-pdf.ts';
import { forwardEvents, registerIpcHandlers } from './ipc.ts';
import { createLogger, teeConsole, type Logger } from './logging.ts';
import { appMenuTemplate } from './menu.ts';
import { hardenSession, hardenWebContents } from './security.ts';
import { createRehearseServices, type RehearseServices } from './services/index.ts';
import { createTrustedUrlCheck } from './trusted-origin.ts';
import {
  fitToDisplays,
  MIN_WINDOW_SIZE,
  readWindowState,
  writeWindowState,
  type WindowState,
} from './window-state.ts';

const bundleDir = import.meta.dirname;
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const pageUrl = devServerUrl ?? APP_PAGE_URL;
const isTrustedUrl = createTrustedUrlCheck(pageUrl);

registerAppScheme(protocol);

// Two instances would write the same history and recordings: hand over to the running one.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) focusWindow();
    else if (services) createWindow(); // running without a window (macOS): open one
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isTrustedUrl));
  // Any failure to start (the data folder in use, a history it cannot open, ...) ends in fatal().
  app.whenReady().then(start).catch(fatal);
}

let services: RehearseServices | null = null;
let engine: ReturnType<typeof createUtilityEngine> | null = null;
let mainWindow: BrowserWindow | null = null;
let dataLock: DataLock | null = null;
let logger: Logger | null = null;

function dataDir(): string {
  return process.env.REHEARSE_DATA_DIR ?? app.getPath('userData');
}

function start(): void {
  // Before anything opens the history or recovers recordings: one Rehearse per data folder.
  dataLock = acquireDataLock(dataDir(), 'the Rehearse app');
  // The folder is ours: from here on, main's console output and errors also go to the log file.
  logger = createLogger(dataDir());
  teeConsole(logger);
  // A monitor only logs: Electron still handles the error as before.
  process.on('uncaughtExceptionMonitor', (error, origin) =>
    console.error(`Rehearse: ${origin}:`, error),
  );
  console.info(
    `Rehearse ${app.getVersion()} started (Electron ${process.versions.electron}, ${process.platform} ${process.arch}); data in ${dataDir()}.`,
  );
  const log = logger;
  serveRenderer(
    protocol,
    join(bundleDir, '../renderer'),
    (attemptId) => {
      if (!services) throw new Error('Rehearse is still starting.');
      return services.attempts.recordingFile(attemptId);
    },
    devServerUrl ? new URL(devServerUrl).origin : undefined,
  );
  hardenSession(session.defaultSession, isTrustedUrl);

  const models = {
    cacheDir: join(app.getPath('userData'), 'models'),
    bundledDir: app.isPackaged ? join(process.resourcesPath, 'models') : null,
  };
  engine = createUtilityEngine({
    workerPath: join(bundleDir, 'engine.js'),
    ...models,
    log: (level, message) => log.write('engine', level, message),
  });
  services = createRehearseServices({
    dataDir: dataDir(),
    engine,
    analyze: (transcript, question, options) => analyzeAnswer(transcript, question, options),
    printToPdf: printHtmlToPdf,
    chooseFolder: async (title) => {
      const options = { title, properties: ['openDirectory' as const] };
      const result = mainWindow
        ? await dialog.showOpenDialog(mainWindow, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    models,
    logger: log,
    openFolder,
  });
  registerIpcHandlers(ipcMain, services.handlers, isTrustedUrl);
  // What the user must know about the data folder (a damaged history rebuilt from the folders).
  if (services.notices.length > 0) {
    void dialog.showMessageBox({
      type: 'warning',
      message: 'Rehearse repaired its history',
      detail: services.notices.join('\n\n'),
    });
  }

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({
        isMac: process.platform === 'darwin',
        isDev: !app.isPackaged,
        openDataFolder: () => void openFolder(dataDir()).catch(console.error),
        openLogsFolder: () => void openFolder(log.folder).catch(console.error),
      }),
    ),
  );
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

/** Opens a folder in the file manager; shell.openPath answers an error message, or '' when done. */
async function openFolder(folder: string): Promise<void> {
  const failure = await shell.openPath(folder);
  if (failure) throw new ApiError('internal', `Could not open ${folder}: ${failure}`);
}

function createWindow(): void {
  const statePath = join(app.getPath('userData'), 'window-state.json');
  const state = fitToDisplays(
    readWindowState(statePath),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: 'Rehearse',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: join(bundleDir, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  mainWindow = window;
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  if (services) forwardEvents(services.events, window.webContents);

  let saveTimer: NodeJS.Timeout | undefined;
  const saveState = (): void => {
    if (window.isDestroyed()) return;
    const bounds = window.getNormalBounds();
    const next: WindowState = { ...bounds, maximized: window.isMaximized() };
    try {
      writeWindowState(statePath, next);
    } catch (error) {
      console.warn('Rehearse: could not remember the window size:', error);
    }
  };
  const saveSoon = (): void => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveState, 500);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('close', () => {
    clearTimeout(saveTimer);
    saveState();
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });

  window.webContents.on('render-process-gone', (_event, details) => {
    console.error(`Rehearse: the window's renderer stopped (${details.reason}).`);
  });
  void window.loadURL(pageUrl);
}

function focusWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Finish open recordings (complete WAV headers) and running analyses before quitting.
let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !services) return;
  event.preventDefault();
  quitting = true;
  const closing = services;
  services = null;
  void closing
    .close({ analysisTimeoutMs: 3_000 })
    .catch((error: unknown) => console.error('Rehearse: closing the services failed:', error))
    .then(() => engine?.dispose())
    .then(() => logger?.close())
    .finally(() => {
      dataLock?.release();
      app.quit();
    });
});

/**
 * A failed start: say why in a dialog (the error's own message: a data folder in use, a history
 * written by a newer Rehearse, ...), let go of what this launch took (the engine process, the
 * history, the data folder lock), and exit, which also frees the single-instance lock, so the next
 * launch starts afresh instead of quitting silently.
 */
function fatal(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error('Rehearse could not start:', error);
  dialog.showErrorBox(
    'Rehearse could not start',
    `${message}\n\nYour recordings are in ${dataDir()}.`,
  );
  const opened = services;
  services = null;
  void Promise.resolve()
    .then(() => opened?.close({ analysisTimeoutMs: 1_000 }))
    .then(() => engine?.dispose())
    .catch((closeError: unknown) =>
      console.error('Rehearse: closing after the failure:', closeError),
    )
    .then(() => logger?.close())
    .finally(() => {
      dataLock?.release();
      app.exit(1);
    });
}
