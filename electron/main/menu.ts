/** The application menu, as a template (Electron-free, so it can be tested). */
import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuOptions {
  isMac: boolean;
  isDev: boolean;
  openDataFolder: () => void;
  openLogsFolder: () => void;
}

export function appMenuTemplate({
  isMac,
  isDev,
  openDataFolder,
  openLogsFolder,
}: AppMenuOptions): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: 'Rehearse',
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push(
    {
      label: 'File',
      submenu: [
        { label: 'Open Data Folder', click: openDataFolder },
        { label: 'Open Logs Folder', click: openLogsFolder },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...(isDev
          ? ([
              { role: 'reload' },
              { role: 'forceReload' },
              { role: 'toggleDevTools' },
              { type: 'separator' },
            ] as MenuItemConstructorOptions[])
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  );
  return template;
}
