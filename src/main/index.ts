// The Electron main process: one window, served from app://carnet, locked down by
// security.ts. Main keeps no state of its own; it answers the renderer through ipc.ts.
import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, net, protocol, session, shell } from 'electron';
import { MENU_CHANNEL } from '../shared/ipc';
import { createHandlers } from './handlers';
import { INVITATION_SCHEME, InvitationInbox, invitationLinkIn } from './invitationLinks';
import { registerIpc } from './ipc';
import { createElectronPlatform, onQuitReady } from './platform/electron';
import { syncOriginOf } from './sync/origin';
import {
  APP_ORIGIN,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  checksSpelling,
  contentSecurityPolicy,
  createAppProtocolHandler,
  guardNewWebContents,
  hardenSession,
  hardenWebContents,
  offlineSpellchecker,
  secureWebPreferences,
} from './security';

const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const rendererRoot = join(__dirname, '../renderer');

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

function serveApp(): void {
  // The policy names the sync server of a shared expedition, if the user set one.
  const syncOrigin = syncOriginOf(app.getPath('userData'));
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler(
      rendererRoot,
      (url) => net.fetch(url),
      () => contentSecurityPolicy(syncOrigin.current),
    ),
  );
}

/** How long closing waits for the renderer's last snapshot. */
const LAST_SNAPSHOT_TIMEOUT_MS = 15_000;

/** Closing the window first asks the renderer for a last snapshot of the notebook; the
 *  window closes when it is written, or after a timeout whatever happens. */
function closeAfterLastSnapshot(window: BrowserWindow): void {
  let asked = false;
  window.on('close', (event) => {
    if (asked) return;
    asked = true;
    event.preventDefault();
    const close = () => {
      if (!window.isDestroyed()) window.destroy();
    };
    onQuitReady(close);
    setTimeout(close, LAST_SNAPSHOT_TIMEOUT_MS);
    window.webContents.send(MENU_CHANNEL, 'snapshotBeforeQuit');
  });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    show: false,
    title: 'Carnet',
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.cjs')),
  });
  hardenWebContents(window.webContents, (url) => void shell.openExternal(url), devServerUrl);
  window.once('ready-to-show', () => window.show());
  closeAfterLastSnapshot(window);
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}

app.enableSandbox();
app.on('web-contents-created', (_event, contents) => guardNewWebContents(contents));

// Invitation links open Carnet (carnet://join?…), in one instance: a second launch hands
// its link to the first and quits. The link waits in the inbox until the renderer takes it.
const invitations = new InvitationInbox();
const firstInstance = app.requestSingleInstanceLock();
if (!firstInstance) app.quit();
app.setAsDefaultProtocolClient(INVITATION_SCHEME);
invitations.receive(invitationLinkIn(process.argv));
const showInvitation = (): void => {
  const window = BrowserWindow.getAllWindows()[0];
  if (!window) return;
  if (window.isMinimized()) window.restore();
  window.focus();
  window.webContents.send(MENU_CHANNEL, 'openInvitation');
};
app.on('second-instance', (_event, argv: string[]) => {
  if (invitations.receive(invitationLinkIn(argv))) showInvitation();
});
app.on('open-url', (event, url) => {
  event.preventDefault();
  if (invitations.receive(url)) showInvitation();
});

void app.whenReady().then(() => {
  if (!firstInstance) return;
  hardenSession(session.defaultSession);
  offlineSpellchecker(session.defaultSession, checksSpelling(process.platform));
  serveApp();
  const platform = createElectronPlatform(join(__dirname, 'importWorker.js'), invitations);
  platform.setMenuLanguage(platform.systemLocale.startsWith('fr') ? 'fr' : 'en');
  registerIpc(ipcMain, createHandlers(platform), devServerUrl);
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
