// Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security),
// one test per item, on the configuration main really exports: the window's preferences,
// the CSP (header and meta), the app:// protocol, navigation and new windows, permissions,
// openExternal and the IPC sender check. Electron objects are fakes that record what main
// asks of them; src/main/index.ts itself is loaded against a fake `electron` module in
// test/unit/electronMain.test.ts.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { contract, METHODS } from '../../src/shared/ipc';
import type { Handlers } from '../../src/main/handlers';
import { isTrustedSender, registerIpc } from '../../src/main/ipc';
import {
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  createAppProtocolHandler,
  guardNewWebContents,
  hardenSession,
  hardenWebContents,
  resolveAppPath,
  secureWebPreferences,
} from '../../src/main/security';

const ROOT = resolve(__dirname, '../..');

/** A CSP as directive → source list. */
function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(directives.has(name.toLowerCase()), `directive ${name} appears twice`).toBe(false);
    directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** Directives a <meta> policy may not carry (the browser ignores them there). */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

describe('1–4. renderer isolation (secureWebPreferences)', () => {
  const prefs = secureWebPreferences('/opt/carnet/out/preload/index.cjs');

  it('runs the renderer in the OS sandbox', () => expect(prefs.sandbox).toBe(true));
  it('isolates the preload’s context from the page', () => expect(prefs.contextIsolation).toBe(true));
  it('gives Node to no page, worker or subframe', () => {
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });
  it('keeps webSecurity on and mixed content off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
  });
  it('enables no experimental or Blink feature and no <webview>', () => {
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(prefs.navigateOnDragDrop).toBe(false);
  });
  it('loads the one bundled CommonJS preload, by absolute path', () => {
    expect(prefs.preload).toBe('/opt/carnet/out/preload/index.cjs');
    expect(isAbsolute(prefs.preload!)).toBe(true);
  });
});

describe('7. Content-Security-Policy', () => {
  const header = parseCsp(CONTENT_SECURITY_POLICY);

  it('allows no inline script, no eval and no remote origin', () => {
    for (const [directive, sources] of header) {
      for (const source of sources) {
        expect(source, `${directive} ${source}`).not.toMatch(/unsafe-|^\*|^https?:|^wss?:|^\w[\w.-]*\.\w+|^'nonce-|^'sha/);
        // The only non-keyword sources: blob: and data: images (attachments, pasted photos).
        if (!source.startsWith("'"))
          expect([directive, source], `${directive} ${source}`).toSatisfy(([d, s]) => d === 'img-src' && (s === 'blob:' || s === 'data:'));
      }
    }
  });

  it('locks down scripts, plugins, frames, forms and <base>', () => {
    expect(header.get('default-src')).toEqual(["'self'"]);
    expect(header.get('script-src')).toEqual(["'self'"]);
    expect(header.get('style-src')).toEqual(["'self'"]);
    expect(header.get('connect-src')).toEqual(["'self'"]);
    expect(header.get('object-src')).toEqual(["'none'"]);
    expect(header.get('frame-src')).toEqual(["'none'"]);
    expect(header.get('base-uri')).toEqual(["'none'"]);
    expect(header.get('form-action')).toEqual(["'none'"]);
    expect(header.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('is the same policy in src/renderer/index.html’s <meta> as in the app:// header', () => {
    const html = readFileSync(join(ROOT, 'src/renderer/index.html'), 'utf8');
    const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)];
    expect(metas).toHaveLength(1);
    const meta = parseCsp(metas[0]![1]!);
    const expected = new Map([...header].filter(([directive]) => !HEADER_ONLY.has(directive)));
    expect(Object.fromEntries(meta)).toEqual(Object.fromEntries(expected));
  });

  it('is sent, with nosniff, on every file the app:// protocol serves', async () => {
    const root = mkdtempSync(join(tmpdir(), 'carnet-renderer-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Carnet</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    const read = vi.fn(async (url: string) => new Response(new Uint8Array(await readFile(fileURLToPath(url)))));
    const handle = createAppProtocolHandler(root, read);
    for (const path of ['/', '/index.html', '/assets/app.js']) {
      const response = await handle(new Request(`app://carnet${path}`));
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    }
    expect(await (await handle(new Request('app://carnet/'))).text()).toContain('<title>Carnet</title>');
    // Outside the folder or another host: 404, and the file is not even read. (The URL
    // parser itself folds /%2e%2e/ segments: app://carnet/%2e%2e/x is app://carnet/x.)
    read.mockClear();
    for (const url of [
      'app://carnet/..%2f..%2fetc%2fpasswd',
      'app://carnet/assets/..%2f..%2f..%2fetc%2fpasswd',
      'app://elsewhere/index.html',
      'app://carnet/a%00.js',
      'app://carnet/%E0%A4%A',
    ]) {
      expect((await handle(new Request(url))).status, url).toBe(404);
    }
    expect(read).not.toHaveBeenCalled();
  });
});

describe('18. app:// instead of file://', () => {
  it('is registered standard and secure, without CSP bypass or CORS exemption', () => {
    expect(APP_SCHEME).toBe('app');
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true });
    for (const privilege of ['bypassCSP', 'corsEnabled', 'allowServiceWorkers', 'stream', 'codeCache'] as const) {
      expect(APP_SCHEME_PRIVILEGES[privilege], privilege).toBeFalsy();
    }
  });

  const root = '/opt/carnet/out/renderer';
  const inside = (file: string) => {
    const rel = relative(root, file);
    // (On POSIX a name like '..\\' is an ordinary file name inside the folder.)
    return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel) && file.startsWith(root + sep);
  };
  const segment = fc.oneof(
    fc.constantFrom(
      '..',
      '.',
      '%2e%2e',
      '%2E%2E',
      '.%2e',
      '%2e.',
      '..%2f',
      '..%5c',
      '%2f',
      '%5c',
      '\\',
      '..\\..',
      '%00',
      '%252e%252e',
      '',
      '~',
      '%c0%ae%c0%ae',
      'etc',
      'passwd',
      'index.html',
      'assets',
    ),
    fc.string({ maxLength: 8 }),
    fc.string({ unit: 'binary', maxLength: 6 }).map(encodeURIComponent),
  );

  it('never maps a request to a path outside the renderer folder (fuzzed)', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), fc.constantFrom('/', '//', '/./', '\\'), (segments, separator) => {
        const file = resolveAppPath(root, `app://carnet/${segments.join(separator)}`);
        return file === null || inside(file);
      }),
      { numRuns: 3000 },
    );
  });

  it('never maps any string at all outside the renderer folder (fuzzed)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 60 }), fc.constantFrom('app://carnet/', 'app://carnet', 'app:', ''), (rest, prefix) => {
        const file = resolveAppPath(root, prefix + rest);
        return file === null || inside(file);
      }),
      { numRuns: 3000 },
    );
  });
});

/** A WebContents that records the listeners main registers, so tests can emit events. */
function fakeWebContents() {
  const listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  let windowOpen: ((details: { url: string }) => { action: string }) | null = null;
  const contents = {
    on: vi.fn((event: string, listener: (...args: unknown[]) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    }),
    setWindowOpenHandler: vi.fn((handler: (details: { url: string }) => { action: string }) => {
      windowOpen = handler;
    }),
  };
  /** Emits an event to every listener; true if one of them called preventDefault. */
  const emit = (name: string, url: string): boolean => {
    const event = { preventDefault: vi.fn() };
    for (const listener of listeners.get(name) ?? []) listener(event, url);
    return event.preventDefault.mock.calls.length > 0;
  };
  const open = (url: string) => {
    if (!windowOpen) throw new Error('no window open handler');
    return windowOpen({ url });
  };
  return { contents: contents as unknown as Parameters<typeof hardenWebContents>[0], listeners, emit, open };
}

const UNTRUSTED_URLS = [
  'https://evil.example/',
  'http://127.0.0.1:5173/',
  'file:///etc/passwd',
  'app://other/index.html',
  'app://carnet.evil.example/',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'blob:app://carnet/1234',
  'chrome://gpu',
  'devtools://devtools/bundled/inspector.html',
  'about:blank',
  'not a url',
];

describe('13–14. navigation and new windows', () => {
  it('blocks every navigation away from app://carnet, and every redirect', () => {
    const fake = fakeWebContents();
    hardenWebContents(fake.contents, vi.fn());
    expect(fake.emit('will-navigate', 'app://carnet/index.html')).toBe(false);
    expect(fake.emit('will-redirect', 'app://carnet/index.html')).toBe(false);
    for (const url of UNTRUSTED_URLS) {
      expect(fake.emit('will-navigate', url), url).toBe(true);
      expect(fake.emit('will-redirect', url), url).toBe(true);
    }
  });

  it('trusts the dev server’s origin only when developing', () => {
    const fake = fakeWebContents();
    hardenWebContents(fake.contents, vi.fn(), 'http://localhost:5173');
    expect(fake.emit('will-navigate', 'http://localhost:5173/index.html')).toBe(false);
    expect(fake.emit('will-navigate', 'http://localhost:5174/')).toBe(true);
    expect(fake.emit('will-redirect', 'https://evil.example/')).toBe(true);
  });

  it('refuses <webview>', () => {
    const fake = fakeWebContents();
    hardenWebContents(fake.contents, vi.fn());
    expect(fake.emit('will-attach-webview', 'app://carnet/')).toBe(true);
  });

  it('denies every new window; only parsed http(s)/mailto URLs go to the system browser', () => {
    const fake = fakeWebContents();
    const openExternal = vi.fn();
    hardenWebContents(fake.contents, openExternal);
    expect(fake.open('https://example.org/a b')).toEqual({ action: 'deny' });
    expect(fake.open('mailto:camille@example.org')).toEqual({ action: 'deny' });
    expect(fake.open('http://example.org/')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls.map(([url]) => url)).toEqual(['https://example.org/a%20b', 'mailto:camille@example.org', 'http://example.org/']);
    openExternal.mockClear();
    for (const url of [
      ...UNTRUSTED_URLS.filter((u) => !u.startsWith('http')),
      'smb://server/share',
      'ms-msdt:/id',
      'vbscript:x',
      'https://',
      'app://carnet/',
    ]) {
      expect(fake.open(url), url).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('hands openExternal nothing but http(s)/mailto, whatever the page asks (fuzzed)', () => {
    const fake = fakeWebContents();
    const openExternal = vi.fn();
    hardenWebContents(fake.contents, openExternal);
    const scheme = fc.constantFrom(
      'http:',
      'https:',
      'mailto:',
      'javascript:',
      'file:',
      'data:',
      'smb:',
      'ms-settings:',
      'HTTPS:',
      ' https:',
      'java\tscript:',
      '',
    );
    fc.assert(
      fc.property(scheme, fc.string({ maxLength: 40 }), (prefix, rest) => {
        expect(fake.open(prefix + rest)).toEqual({ action: 'deny' });
      }),
      { numRuns: 2000 },
    );
    for (const [url] of openExternal.mock.calls as [string][]) {
      expect(['http:', 'https:', 'mailto:']).toContain(new URL(url).protocol);
    }
  });

  it('guards every other web contents the app creates: no <webview>, no new window', () => {
    const fake = fakeWebContents();
    guardNewWebContents(fake.contents);
    expect(fake.emit('will-attach-webview', 'app://carnet/')).toBe(true);
    expect(fake.open('https://example.org/')).toEqual({ action: 'deny' });
  });
});

describe('5. permissions', () => {
  const PERMISSIONS = [
    'media',
    'geolocation',
    'notifications',
    'midi',
    'midiSysex',
    'pointerLock',
    'fullscreen',
    'openExternal',
    'clipboard-read',
    'clipboard-sanitized-write',
    'display-capture',
    'idle-detection',
    'mediaKeySystem',
    'window-management',
    'keyboardLock',
    'fileSystem',
    'hid',
    'serial',
    'usb',
    'storage-access',
    'unknown',
  ];

  it('refuses every permission request and check, and every device', () => {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    };
    hardenSession(session as unknown as Parameters<typeof hardenSession>[0]);
    const request = session.setPermissionRequestHandler.mock.calls[0]![0] as (c: unknown, p: string, cb: (granted: boolean) => void, d: unknown) => void;
    const check = session.setPermissionCheckHandler.mock.calls[0]![0] as (c: unknown, p: string, origin: string, d: unknown) => boolean;
    const device = session.setDevicePermissionHandler.mock.calls[0]![0] as (d: unknown) => boolean;
    for (const permission of PERMISSIONS) {
      const callback = vi.fn();
      request(null, permission, callback, { requestingUrl: 'app://carnet/index.html' });
      expect(callback, permission).toHaveBeenCalledExactlyOnceWith(false);
      expect(check(null, permission, 'app://carnet', {}), permission).toBe(false);
    }
    expect(device({ deviceType: 'usb', origin: 'app://carnet' })).toBe(false);
  });
});

/** An IPC event as Electron would give it, with the frame (or none) that sent it. */
function ipcEvent(frame: { url: string; parent: unknown } | null | undefined): IpcMainInvokeEvent {
  return { senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

describe('17. IPC senders', () => {
  const top = { url: 'app://carnet/index.html', parent: null };

  it('accepts the app’s own top frame only', () => {
    expect(isTrustedSender(ipcEvent(top))).toBe(true);
    expect(isTrustedSender(ipcEvent({ url: 'app://carnet/index.html', parent: top })), 'subframe').toBe(false);
    expect(isTrustedSender(ipcEvent({ url: 'https://evil.example/', parent: null })), 'other origin').toBe(false);
    expect(isTrustedSender(ipcEvent({ url: 'file:///opt/carnet/out/renderer/index.html', parent: null })), 'file://').toBe(false);
    expect(isTrustedSender(ipcEvent({ url: 'app://other/index.html', parent: null })), 'other app host').toBe(false);
    expect(isTrustedSender(ipcEvent({ url: '', parent: null })), 'empty url').toBe(false);
    expect(isTrustedSender(ipcEvent(null)), 'frame gone').toBe(false);
    expect(isTrustedSender(ipcEvent(undefined)), 'no frame').toBe(false);
    expect(isTrustedSender(ipcEvent({ url: 'http://localhost:5173/', parent: null }))).toBe(false);
    expect(isTrustedSender(ipcEvent({ url: 'http://localhost:5173/', parent: null }), 'http://localhost:5173')).toBe(true);
  });

  it('answers an untrusted sender on every channel with forbiddenSender, never calling the handler', async () => {
    const registered = new Map<string, (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>>();
    const ipcMain = { handle: vi.fn((channel: string, listener: never) => registered.set(channel, listener)) } as unknown as IpcMain;
    const called: string[] = [];
    const handlers = new Proxy({} as Handlers, {
      get: (_target, method: string) => async () => {
        called.push(method);
        return { ok: true, value: null };
      },
    });
    registerIpc(ipcMain, handlers);
    expect([...registered.keys()].sort()).toEqual(METHODS.map((m) => contract[m].channel).sort());
    for (const method of METHODS) {
      const listener = registered.get(contract[method].channel)!;
      for (const frame of [{ url: 'https://evil.example/', parent: null }, { url: 'app://carnet/', parent: top }, null]) {
        const answer = (await listener(ipcEvent(frame), {})) as { ok: boolean; error?: { code: string } };
        expect(answer, method).toMatchObject({ ok: false, error: { code: 'forbiddenSender' } });
      }
    }
    expect(called).toEqual([]);
  });
});
