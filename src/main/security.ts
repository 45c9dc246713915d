// The Electron security checklist, in one place. The pure parts (preferences, CSP, which
// origins and paths are trusted) are exported for the unit tests; the functions that take
// Electron objects only wire those decisions in.
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CustomScheme, Session, WebContents, WebPreferences } from 'electron';
import { parseAllowedUrl } from '../shared/urls';

export const APP_SCHEME = 'app';
export const APP_HOST = 'carnet';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** No inline scripts, no eval, nothing fetched from another origin. Images may be blob:
 *  (attachments held in IndexedDB) or data: (pasted images before they are stored). */
/** The pages' Content-Security-Policy. `syncOrigin`: the one sync server a shared
 *  expedition talks to (`ws://host:port` or `wss://…`, from parseSyncOrigin), the only
 *  network origin the renderer may reach; none by default. */

export function contentSecurityPolicy(syncOrigin: string | null = null): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    syncOrigin ? `connect-src 'self' ${syncOrigin}` : "connect-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** A page's HTML with its <meta> policy made the same as the header's (the meta is a
 *  second line of defence: it may only say what the header says). */
export function withPolicyMeta(html: string, policy: string): string {
  return html.replace(
    /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")[^"]*(")/i,
    (_all, start: string, end: string) => `${start}${policy.replace(/; frame-ancestors 'none'/, '')}${end}`,
  );
}

/** Spelling is checked where the system checks it: macOS, whose spellchecker Electron
 *  uses and which downloads nothing. On Windows and Linux Chromium's spellchecker needs
 *  Hunspell dictionaries in its own compiled form (.bdic), which Electron fetches from a
 *  Google CDN; none is published on the npm registry to ship with Carnet instead, so there
 *  it is off (SECURITY.md). */
export function checksSpelling(platform: string): boolean {
  return platform === 'darwin';
}

/** Where Electron would fetch dictionaries from: Carnet's own scheme, which serves none
 *  (Electron has fetched them even for a spellchecker turned off: electron/electron#22995). */
export const NO_DICTIONARIES_URL = `${APP_ORIGIN}/no-dictionaries/`;

/** A session's spellchecker, on or off, that never reaches the network. */
export function offlineSpellchecker(session: Pick<Session, 'setSpellCheckerDictionaryDownloadURL' | 'setSpellCheckerEnabled'>, enabled: boolean): void {
  session.setSpellCheckerDictionaryDownloadURL(NO_DICTIONARIES_URL);
  session.setSpellCheckerEnabled(enabled);
}

export function secureWebPreferences(preloadPath: string, platform: string = process.platform): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: checksSpelling(platform),
  };
}

/** The renderer's own origin, or the dev server's while developing. */
export function isTrustedOrigin(url: string, devServerUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  if (devServerUrl) {
    try {
      return parsed.origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return false;
}

/** Maps an app:// request to a file inside `root`, or null if it would leave it. */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const file = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return null;
  return file;
}

/** app:// is a standard, secure scheme (an origin of its own, treated like https) that
 *  fetch may use; it gets no CSP bypass, no CORS exemption, no service workers. */
export const APP_SCHEME_PRIVILEGES: NonNullable<CustomScheme['privileges']> = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
};

/** The app:// handler: files inside `root` only, each sent with the CSP and nosniff.
 *  `fetchFile` reads a file:// URL (Electron's net.fetch in the app). */
export function createAppProtocolHandler(
  root: string,
  fetchFile: (fileUrl: string) => Promise<Response>,
  policy: () => string = () => CONTENT_SECURITY_POLICY,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const file = resolveAppPath(root, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    const response = await fetchFile(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    const current = policy();
    headers.set('Content-Security-Policy', current);
    headers.set('X-Content-Type-Options', 'nosniff');
    const body = file.endsWith('.html') ? withPolicyMeta(await response.text(), current) : response.body;
    return new Response(body, { status: response.status, headers });
  };
}

/** Every permission (camera, notifications, geolocation, USB/HID/serial devices…) is
 *  refused: Carnet needs none. */
export function hardenSession(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** For every web contents the app creates, whatever created it: no <webview>, no new
 *  window. The main window then gets hardenWebContents' finer rules. */
export function guardNewWebContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** No navigation away from the app, no new windows; http(s)/mailto links go to the
 *  system browser instead. */
export function hardenWebContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  openExternal: (url: string) => void,
  devServerUrl?: string,
): void {
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedOrigin(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedOrigin(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const allowed = parseAllowedUrl(url);
    if (allowed) openExternal(allowed.href);
    return { action: 'deny' };
  });
}
