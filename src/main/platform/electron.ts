import type { InvitationInbox } from '../invitationLinks';
import { app, BrowserWindow, dialog, Menu, shell } from 'electron';
import { MENU_CHANNEL } from '../../shared/ipc';
import { planInWorker } from '../import/isolated';
import { menuTemplate } from '../menu';
import { openWithElectron } from './electronPdf';
import type { Platform } from './types';

/** Called when the renderer has taken its last snapshot before quitting. */
const quitReadyListeners = new Set<() => void>();
export function onQuitReady(listener: () => void): void {
  quitReadyListeners.add(listener);
}

/** `importWorker`: the path of the build's importWorker.js. */
export function createElectronPlatform(importWorker: string, invitations: InvitationInbox): Platform {
  return {
    invitations,
    quitReady: () => quitReadyListeners.forEach((listener) => listener()),
    appVersion: app.getVersion(),
    dataDir: app.getPath('userData'),
    systemLocale: app.getPreferredSystemLanguages()[0] ?? app.getLocale(),
    platform: process.platform,
    openExternal: (url) => shell.openExternal(url),
    showOpenDialog: async ({ filters, multiple, directory }) => {
      const properties: ('openFile' | 'openDirectory' | 'multiSelections')[] = [directory ? 'openDirectory' : 'openFile'];
      if (multiple) properties.push('multiSelections');
      const window = BrowserWindow.getFocusedWindow();
      const result = window ? await dialog.showOpenDialog(window, { properties, filters }) : await dialog.showOpenDialog({ properties, filters });
      return result.canceled ? [] : result.filePaths;
    },
    showSaveDialog: async ({ defaultName, filters, title, message }) => {
      const window = BrowserWindow.getFocusedWindow();
      const options = { defaultPath: defaultName, filters, title, message };
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    setMenuLanguage: (locale) => {
      const send = (command: string) => BrowserWindow.getFocusedWindow()?.webContents.send(MENU_CHANNEL, command);
      Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(locale, send)));
    },
    openForPrinting: openWithElectron,
    showItemInFolder: (path) => shell.showItemInFolder(path),
    planImport: (request) => planInWorker(importWorker, request),
  };
}
