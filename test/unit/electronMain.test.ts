// src/main/index.ts itself, loaded against a fake `electron` module that records what
// main asks of it: the sandbox is enabled and app:// registered before the app is ready,
// the session refuses every permission, the one window gets secureWebPreferences and the
// navigation rules, every IPC channel is registered. Then a static check over src/: every
// BrowserWindow anywhere is created with secure preferences, and nothing turns a
// protection off.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { contract, MENU_CHANNEL, METHODS } from '../../src/shared/ipc';
import { APP_SCHEME_PRIVILEGES, CONTENT_SECURITY_POLICY, NO_DICTIONARIES_URL, secureWebPreferences } from '../../src/main/security';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const order: string[] = [];
  /** Records listeners by event name; any method main calls that is not defined here is
   *  a harmless recorded no-op, so that new wiring elsewhere does not break this test. */
  const emitter = (name: string, own: Record<string, unknown> = {}) => {
    const listeners = new Map<string, Listener[]>();
    const target: Record<string, unknown> = {
      listeners,
      on: vi.fn((event: string, listener: Listener) => {
        listeners.set(event, [...(listeners.get(event) ?? []), listener]);
        return proxy;
      }),
      once: vi.fn((event: string, listener: Listener) => {
        listeners.set(event, [...(listeners.get(event) ?? []), listener]);
        return proxy;
      }),
      ...own,
    };
    const proxy: Record<string, unknown> = new Proxy(target, {
      get: (t, key: string) => {
        if (!(key in t) && key !== 'then') t[key] = vi.fn(() => undefined);
        return t[key];
      },
    });
    order.push(`created ${name}`);
    return proxy;
  };
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((done) => (markReady = done));
  const windows: { options: { webPreferences?: Record<string, unknown> }; instance: Record<string, unknown> }[] = [];
  const contentsOf = (options: { webPreferences?: Record<string, unknown> }) =>
    emitter('webContents', {
      session: options.webPreferences?.['partition'] === 'carnet-print' ? printSession : defaultSession,
      debugger: { attach: vi.fn(), isAttached: () => true, detach: vi.fn() },
      windowOpenHandler: null as unknown,
      setWindowOpenHandler: vi.fn(function (this: Record<string, unknown>, handler: unknown) {
        this['windowOpenHandler'] = handler;
      }),
    });
  class BrowserWindow {
    static getAllWindows = () => windows.map((w) => w.instance);
    static getFocusedWindow = () => null;
    constructor(options: { webPreferences?: Record<string, unknown> }) {
      const instance = emitter('BrowserWindow', { webContents: contentsOf(options), loadURL: vi.fn(async () => undefined), isDestroyed: () => false });
      windows.push({ options, instance });
      return instance as unknown as BrowserWindow;
    }
  }
  const app = emitter('app', {
    isPackaged: false,
    enableSandbox: vi.fn(() => order.push('app.enableSandbox')),
    whenReady: vi.fn(() => {
      order.push('app.whenReady');
      return ready;
    }),
    getVersion: () => '0.0.0-test',
    getPreferredSystemLanguages: () => ['fr-FR'],
    getLocale: () => 'fr',
    getPath: () => '/tmp/carnet-main-test',
    requestSingleInstanceLock: vi.fn(() => true),
  });
  const protocol = emitter('protocol', {
    registerSchemesAsPrivileged: vi.fn(() => order.push('protocol.registerSchemesAsPrivileged')),
  });
  const defaultSession = emitter('session');
  const printSession = emitter('print session', { webRequest: { onBeforeRequest: vi.fn() } });
  return {
    order,
    markReady,
    windows,
    printSession,
    electron: {
      app,
      BrowserWindow,
      protocol,
      session: { defaultSession, fromPartition: vi.fn(() => printSession) },
      ipcMain: emitter('ipcMain'),
      net: { fetch: vi.fn(async () => new Response('file')) },
      shell: emitter('shell'),
      Menu: emitter('Menu'),
      dialog: emitter('dialog'),
      contextBridge: emitter('contextBridge'),
      ipcRenderer: emitter('ipcRenderer'),
    },
  };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const mockFn = (value: unknown) => value as ReturnType<typeof vi.fn>;
const flush = () => new Promise((done) => setTimeout(done, 0));

describe('src/main/index.ts against a recording electron', () => {
  const savedEnv = process.env['ELECTRON_RENDERER_URL'];
  beforeAll(async () => {
    delete process.env['ELECTRON_RENDERER_URL'];
    await import('../../src/main/index');
  });
  afterAll(() => {
    if (savedEnv !== undefined) process.env['ELECTRON_RENDERER_URL'] = savedEnv;
  });

  it('enables the sandbox and registers app:// (standard, secure) before the app is ready', () => {
    const { app, protocol } = fake.electron;
    expect(app['enableSandbox']).toHaveBeenCalledOnce();
    expect(protocol['registerSchemesAsPrivileged']).toHaveBeenCalledExactlyOnceWith([{ scheme: 'app', privileges: APP_SCHEME_PRIVILEGES }]);
    const steps = fake.order.filter((step) => !step.startsWith('created'));
    expect(steps.indexOf('app.enableSandbox')).toBeLessThan(steps.indexOf('app.whenReady'));
    expect(steps.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(steps.indexOf('app.whenReady'));
    expect(fake.windows).toHaveLength(0);
  });

  it('guards every web contents created anywhere: no <webview>, no new window', () => {
    const created = (fake.electron.app['listeners'] as Map<string, Listener[]>).get('web-contents-created') ?? [];
    expect(created).toHaveLength(1);
    const listeners = new Map<string, Listener>();
    let windowOpen: Listener | null = null;
    const contents = { on: (event: string, listener: Listener) => listeners.set(event, listener), setWindowOpenHandler: (h: Listener) => (windowOpen = h) };
    created[0]!({}, contents);
    const event = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')!(event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(windowOpen!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
  });

  it('once ready: the session refuses every permission and device', async () => {
    fake.markReady();
    await flush();
    const session = fake.electron.session.defaultSession;
    const request = mockFn(session['setPermissionRequestHandler']).mock.calls[0]?.[0] as Listener;
    const check = mockFn(session['setPermissionCheckHandler']).mock.calls[0]?.[0] as Listener;
    const device = mockFn(session['setDevicePermissionHandler']).mock.calls[0]?.[0] as Listener;
    const callback = vi.fn();
    request({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    expect(check({}, 'notifications', 'app://carnet', {})).toBe(false);
    expect(device({ deviceType: 'hid' })).toBe(false);
  });

  it('serves app:// with the CSP, and nothing outside the renderer folder', async () => {
    const handle = mockFn(fake.electron.protocol['handle']);
    expect(handle).toHaveBeenCalledOnce();
    const [scheme, handler] = handle.mock.calls[0] as [string, (r: Request) => Promise<Response>];
    expect(scheme).toBe('app');
    const ok = await handler(new Request('app://carnet/index.html'));
    expect(ok.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    const fetched = mockFn(fake.electron.net.fetch).mock.calls.map(([url]) => String(url));
    expect(fetched).toEqual([expect.stringMatching(/^file:\/\/.*\/renderer\/index\.html$/)]);
    expect((await handler(new Request('app://carnet/..%2f..%2fpackage.json'))).status).toBe(404);
    expect(fake.electron.net.fetch).toHaveBeenCalledTimes(1);
  });

  it('creates one window with secureWebPreferences, navigation rules, loaded from app://carnet', () => {
    expect(fake.windows).toHaveLength(1);
    const { options, instance } = fake.windows[0]!;
    const preload = String(options.webPreferences?.['preload']);
    expect(preload).toMatch(/preload[\\/]index\.cjs$/);
    expect(options.webPreferences).toEqual(secureWebPreferences(preload));
    expect(instance['loadURL']).toHaveBeenCalledExactlyOnceWith('app://carnet/index.html');
    const contents = instance['webContents'] as Record<string, unknown>;
    const listeners = contents['listeners'] as Map<string, Listener[]>;
    const prevented = (name: string, url: string) => {
      const event = { preventDefault: vi.fn() };
      for (const listener of listeners.get(name) ?? []) listener(event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(prevented('will-navigate', 'https://evil.example/')).toBe(true);
    expect(prevented('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(prevented('will-navigate', 'app://carnet/index.html')).toBe(false);
    const windowOpen = contents['windowOpenHandler'] as Listener;
    expect(windowOpen({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(fake.electron.shell['openExternal']).not.toHaveBeenCalled();
    expect(windowOpen({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(fake.electron.shell['openExternal']).toHaveBeenCalledExactlyOnceWith('https://example.org/');
  });

  it('keeps the spellchecker off the network: no dictionary but from app://, on only where the system checks spelling', () => {
    const session = fake.electron.session.defaultSession;
    const downloadUrl = mockFn(session['setSpellCheckerDictionaryDownloadURL']);
    expect(downloadUrl).toHaveBeenCalledExactlyOnceWith(NO_DICTIONARIES_URL);
    expect(NO_DICTIONARIES_URL).toMatch(/^app:\/\/carnet\//);
    const onMac = process.platform === 'darwin';
    expect(mockFn(session['setSpellCheckerEnabled'])).toHaveBeenCalledExactlyOnceWith(onMac);
    expect(fake.windows[0]!.options.webPreferences?.['spellcheck']).toBe(onMac);
    // Settled before the page (and so its spellchecker) starts.
    const loadURL = mockFn(fake.windows[0]!.instance['loadURL']);
    expect(downloadUrl.mock.invocationCallOrder[0]).toBeLessThan(loadURL.mock.invocationCallOrder[0]!);
    expect(secureWebPreferences('preload.cjs', 'darwin').spellcheck).toBe(true);
    expect(secureWebPreferences('preload.cjs', 'win32').spellcheck).toBe(false);
    expect(secureWebPreferences('preload.cjs', 'linux').spellcheck).toBe(false);
  });

  it('prints PDFs in a window without spellchecker, in a session that fetches no dictionary', async () => {
    const { openWithElectron } = await import('../../src/main/platform/electronPdf');
    const page = await openWithElectron('/tmp/carnet-export-x/journal.html');
    const { options, instance } = fake.windows.at(-1)!;
    expect(options.webPreferences).toMatchObject({ javascript: false, spellcheck: false, partition: 'carnet-print' });
    const downloadUrl = mockFn(fake.printSession['setSpellCheckerDictionaryDownloadURL']);
    expect(downloadUrl).toHaveBeenCalledExactlyOnceWith(NO_DICTIONARIES_URL);
    expect(mockFn(fake.printSession['setSpellCheckerEnabled'])).toHaveBeenCalledExactlyOnceWith(false);
    expect(downloadUrl.mock.invocationCallOrder[0]).toBeLessThan(mockFn(instance['loadFile']).mock.invocationCallOrder[0]!);
    await page.close();
  });

  it('opens with carnet:// invitation links, in one instance, and hands them to the renderer once', async () => {
    const { app, ipcMain } = fake.electron;
    expect(app['setAsDefaultProtocolClient']).toHaveBeenCalledExactlyOnceWith('carnet');
    const listeners = app['listeners'] as Map<string, Listener[]>;
    const contents = fake.windows[0]!.instance['webContents'] as Record<string, unknown>;
    const send = mockFn(contents['send']);
    send.mockClear();
    const link = 'carnet://join?server=ws%3A%2F%2F127.0.0.1%3A4455&expedition=e&participant=p&name=Alice&token=t';
    // A second launch (Windows, Linux) passes its command line; anything else is ignored.
    listeners.get('second-instance')![0]!({}, ['/usr/bin/carnet', '--no-sandbox']);
    expect(send).not.toHaveBeenCalled();
    listeners.get('second-instance')![0]!({}, ['/usr/bin/carnet', link]);
    expect(send).toHaveBeenCalledExactlyOnceWith(MENU_CHANNEL, 'openInvitation');
    // macOS's open-url, with a link too long to be one: refused.
    const event = { preventDefault: vi.fn() };
    listeners.get('open-url')![0]!(event, `carnet://join?${'x'.repeat(5000)}`);
    expect(send).toHaveBeenCalledOnce();
    // The renderer takes the link through the contract, once.
    const take = mockFn(ipcMain['handle']).mock.calls.find(([channel]) => channel === contract.takeInvitationLink.channel)![1] as Listener;
    const sender = { senderFrame: { url: 'app://carnet/index.html', parent: null } };
    expect(await take(sender, undefined)).toEqual({ ok: true, value: link });
    expect(await take(sender, undefined)).toEqual({ ok: true, value: null });
  });

  it('registers a checked handler for every IPC channel of the contract', () => {
    const channels = mockFn(fake.electron.ipcMain['handle']).mock.calls.map(([channel]) => channel);
    expect(channels.sort()).toEqual(METHODS.map((m) => contract[m].channel).sort());
  });
});

describe('static check over src/', () => {
  const SRC = resolve(__dirname, '../../src');
  const files = (readdirSync(SRC, { recursive: true }) as string[])
    .filter((f) => /\.(ts|tsx|mts|cts)$/.test(f))
    .map((f) => ({ path: relative(SRC, join(SRC, f)).split('\\').join('/'), text: readFileSync(join(SRC, f), 'utf8') }));

  /** The text of the argument list of each `new BrowserWindow(…)`. */
  function windowOptions(text: string): string[] {
    const found: string[] = [];
    for (const match of text.matchAll(/new\s+BrowserWindow\s*\(/g)) {
      let depth = 1;
      let end = match.index + match[0].length;
      while (depth > 0 && end < text.length) {
        const char = text[end++];
        if (char === '(') depth++;
        else if (char === ')') depth--;
      }
      found.push(text.slice(match.index + match[0].length, end - 1));
    }
    return found;
  }

  it('creates every BrowserWindow with secure preferences', () => {
    const windows = files.flatMap((file) => windowOptions(file.text).map((options) => ({ file: file.path, options })));
    expect(windows.map((w) => w.file).sort()).toEqual(['main/index.ts', 'main/platform/electronPdf.ts']);
    for (const { file, options } of windows) {
      if (options.includes('secureWebPreferences(')) continue;
      for (const required of [/sandbox:\s*true/, /contextIsolation:\s*true/, /nodeIntegration:\s*false/, /spellcheck:\s*false/]) {
        expect(options, `${file}: ${required}`).toMatch(required);
      }
    }
  });

  it('turns no protection off anywhere', () => {
    const forbidden = [
      /nodeIntegration\w*\s*:\s*true/,
      /contextIsolation\s*:\s*false/,
      /sandbox\s*:\s*false/,
      /webSecurity\s*:\s*false/,
      /webviewTag\s*:\s*true/,
      /allowRunningInsecureContent\s*:\s*true/,
      /experimentalFeatures\s*:\s*true/,
      /enableBlinkFeatures/,
      /bypassCSP\s*:\s*true/,
      /registerFileProtocol|interceptFileProtocol|registerBufferProtocol/,
      /loadURL\(\s*['"`]file:/,
      /setPermissionRequestHandler\([^)]*callback\(true\)/,
      /--remote-debugging|--inspect|disable-web-security/,
    ];
    for (const { path, text } of files) {
      for (const pattern of forbidden) expect(text, `${path} matches ${pattern}`).not.toMatch(pattern);
      // Debian's Chromium (PDF printing in the CLI, the browser host) runs without its
      // sandbox only as root, where it cannot start one (a container). Nowhere else.
      if (path !== 'main/platform/chromium.ts') expect(text, `${path} turns a sandbox off`).not.toMatch(/no-sandbox/);
      else expect(text).toMatch(/runningAsRoot \? \['--no-sandbox'\]/);
    }
  });

  it('calls app.enableSandbox() before the app is ready, and uses app:// rather than file://', () => {
    const index = files.find((f) => f.path === 'main/index.ts')!.text;
    expect(index.indexOf('app.enableSandbox()')).toBeGreaterThan(-1);
    expect(index.indexOf('app.enableSandbox()')).toBeLessThan(index.indexOf('app.whenReady()'));
    expect(index).toMatch(/loadURL\(devServerUrl \?\? `\$\{APP_ORIGIN\}\/index\.html`\)/);
    expect(index).not.toMatch(/loadFile\(/);
  });

  it('hands URLs to shell.openExternal only from the reviewed places', () => {
    const callers = files
      .filter((f) => /shell\.openExternal\(/.test(f.text))
      .map((f) => f.path)
      .sort();
    expect(callers).toEqual(['main/index.ts', 'main/platform/electron.ts']);
  });

  it('exposes one object to the page, from the preload only', () => {
    const exposing = files.filter((f) => /exposeInMainWorld\(/.test(f.text));
    expect(exposing.map((f) => f.path)).toEqual(['preload/index.ts']);
    expect([...exposing[0]!.text.matchAll(/exposeInMainWorld\(\s*'(\w+)'/g)].map((m) => m[1])).toEqual(['carnet']);
    // The page never gets ipcRenderer itself.
    expect(exposing[0]!.text).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer[,)\s]/);
  });
});
