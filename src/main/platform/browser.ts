// Carnet in a plain Chromium, for where Electron cannot run: `npm run web`, the e2e tests
// and the benchmark. The built renderer (out/renderer) is served from one fixed loopback
// origin (IndexedDB is per origin) with the app's CSP, opened in a persistent profile, and
// `window.carnet` forwards every call to the real main-side handlers running in this
// process — the functions src/main/ipc.ts registers in the app. The platform services
// that need a person (file dialogs) are answered from queues a test or script fills.
import { InvitationInbox } from '../invitationLinks';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { METHODS, type MenuCommand } from '../../shared/ipc';
import { dispatch } from '../dispatch';
import { createHandlers, type Handlers } from '../handlers';
import { runPlanRequest } from '../import/planRequest';
import { contentSecurityPolicy } from '../security';
import { syncOriginOf } from '../sync/origin';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { openWithChromium } from './chromiumPdf';
import { serveStatic, type StaticServer } from './staticServer';
import type { Platform } from './types';

/** CARNET_RENDERER_DIR: serve another build (the benchmark builds into its own folder, so
 *  that a concurrent `npm run build` cannot empty the renderer under a run). */
export const RENDERER_DIR = resolve(process.env['CARNET_RENDERER_DIR'] ?? resolve(__dirname, '../../../out/renderer'));
/** CARNET_E2E_PORT: another loopback port, so that two hosts (a test run and the
 *  benchmark, say) can run at once. */
export const HOST_PORT = Number(process.env['CARNET_E2E_PORT'] ?? 47813);
export const HOST_ORIGIN = `http://127.0.0.1:${HOST_PORT}`;
/** An empty page of the same origin, for tests that must touch IndexedDB without the app. */
export const BLANK_PATH = '/__blank';

let server: StaticServer | null = null;

/** Serves out/renderer with the same CSP the app:// protocol sends. */
async function ensureServer(): Promise<void> {
  if (server) return;
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`${RENDERER_DIR}/index.html is missing: run "npm run build" first.`);
  }
  server = await serveStatic({
    root: RENDERER_DIR,
    port: HOST_PORT,
    headers: { 'Cache-Control': 'no-store' },
    // As the app's protocol: the policy names the sync server a session set, if any.
    policy: () => contentSecurityPolicy([...sessionDataDirs].map((dir) => syncOriginOf(dir).current).find((origin) => origin !== null) ?? null),
    pages: { [BLANK_PATH]: '<!doctype html><title>blank</title>' },
  });
}

/** The data folders of the sessions launched in this process (where each keeps the sync
 *  server it was given). */
const sessionDataDirs = new Set<string>();

export interface BrowserPlatform extends Platform {
  /** URLs main was asked to open in the system browser. */
  opened: string[];
  /** The language the renderer last asked the menu to speak. */
  menuLanguage: string | null;
  /** How many times the renderer said it was ready to quit. */
  quitsReady: number;
  /** What the next "open file" dialogs answer, one list of paths per dialog; a dialog
   *  with nothing queued is cancelled. */
  dialogAnswers: string[][];
  /** What the next "save file" dialogs answer (null: cancelled); with nothing queued the
   *  file goes to `saveDir` under its suggested name. */
  saveAnswers: (string | null)[];
  saveDir: string;
  /** Paths main was asked to show in the file manager. */
  shownInFolder: string[];
}

/** `overrides` replace services outright (a unit test's own dialog answer, say). */
export function createBrowserPlatform(systemLocale: string, overrides: Partial<Platform> = {}): BrowserPlatform {
  const opened: string[] = [];
  const platform: BrowserPlatform = {
    appVersion: '0.0.0-test',
    dataDir: mkdtempSync(join(tmpdir(), 'carnet-data-')),
    systemLocale,
    platform: process.platform,
    opened,
    menuLanguage: null,
    quitsReady: 0,
    dialogAnswers: [],
    saveAnswers: [],
    saveDir: mkdtempSync(join(tmpdir(), 'carnet-saved-')),
    shownInFolder: [],
    invitations: new InvitationInbox(),
    openExternal: async (url) => {
      opened.push(url);
    },
    showOpenDialog: async () => platform.dialogAnswers.shift() ?? [],
    showSaveDialog: async ({ defaultName }) => {
      const answer = platform.saveAnswers.shift();
      // Like Electron's defaultPath: a name goes in the save folder, a whole path stays.
      return answer === undefined ? resolve(platform.saveDir, defaultName) : answer;
    },
    setMenuLanguage: (locale) => {
      platform.menuLanguage = locale;
    },
    quitReady: () => {
      platform.quitsReady++;
    },
    // PDF printing by the same Chromium, as the CLI does.
    openForPrinting: (htmlPath) => openWithChromium(htmlPath),
    showItemInFolder: (path) => {
      platform.shownInFolder.push(path);
    },
    // In this thread: the worker is the Electron build's (the CLI's tests run it).
    planImport: (request) => runPlanRequest(request),
    ...overrides,
  };
  return platform;
}

export interface LaunchOptions {
  /** Reuse a profile to test what survives a restart; a fresh one otherwise. */
  profileDir?: string;
  /** The system language Chromium and main report (default 'fr-FR'). */
  locale?: string;
  viewport?: { width: number; height: number };
  /** The system time zone Chromium reports (default 'Europe/Paris'). */
  timezoneId?: string;
  /** The app's data folder (snapshots); keep it across launches to test what survives. */
  dataDir?: string;
  /** Freezes the page's clock (Date.now) at this instant; timers keep running. */
  now?: number;
  /** A window on the screen (npm run web) rather than a headless page. */
  headed?: boolean;
}

export interface CarnetSession {
  page: Page;
  context: BrowserContext;
  profileDir: string;
  platform: BrowserPlatform;
  handlers: Handlers;
  /** Closes the browser normally. */
  close(): Promise<void>;
  /** Kills the browser with SIGKILL, as a crash or power cut would. */
  crash(): Promise<void>;
  /** Chooses an item of the application menu. */
  menu(command: MenuCommand): Promise<void>;
}

export async function launchCarnet(options: LaunchOptions = {}): Promise<CarnetSession> {
  await ensureServer();
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'carnet-e2e-'));
  const locale = options.locale ?? 'fr-FR';
  const platform = createBrowserPlatform(locale, options.dataDir ? { dataDir: options.dataDir } : {});
  sessionDataDirs.add(platform.dataDir);
  const handlers = createHandlers(platform);
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: !(options.headed ?? process.env['CARNET_E2E_HEADED']),
    locale,
    timezoneId: options.timezoneId ?? 'Europe/Paris',
    viewport: options.viewport ?? { width: 1280, height: 800 },
    args: [...CHROMIUM_ARGS],
  });
  // The stand-in for the preload: same method names, every call answered by main's code.
  await context.exposeBinding('__carnetInvoke', async (source, method: unknown, payload: unknown) => {
    if (source.frame !== source.page.mainFrame() || !source.frame.url().startsWith(HOST_ORIGIN)) {
      return { ok: false, error: { code: 'forbiddenSender', message: 'Not from Carnet.' } };
    }
    return encodeBytes(await dispatch(handlers, method, payload));
  });
  // Under tsx (esbuild keepNames) the functions below arrive wrapped in __name(…) calls;
  // give pages that helper so scripts (the benchmark) can use the harness as tests do.
  await context.addInitScript('globalThis.__name ??= (fn) => fn;');
  await context.addInitScript((methods: string[]) => {
    const binding = (window as unknown as { __carnetInvoke: (m: string, p: unknown) => Promise<unknown> }).__carnetInvoke;
    // The inverse of encodeBytes (below): { [BYTES_TAG]: base64 } back into a Uint8Array.
    const decode = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(decode);
      if (value === null || typeof value !== 'object') return value;
      const base64 = (value as Record<string, unknown>)['__carnetBytes'];
      if (typeof base64 === 'string') return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]));
    };
    const invoke = async (m: string, p: unknown) => decode(await binding(m, p));
    const api: Record<string, unknown> = Object.fromEntries(methods.map((m) => [m, (payload?: unknown) => invoke(m, payload)]));
    // The application menu: tests press its items with session.menu(command).
    const listeners = new Set<(command: string) => void>();
    api['onMenuCommand'] = (listener: (command: string) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    };
    Object.defineProperty(window, '__carnetMenu', { value: (command: string) => listeners.forEach((l) => l(command)) });
    Object.defineProperty(window, 'carnet', { value: Object.freeze(api), configurable: false });
  }, METHODS as string[]);
  const page = context.pages()[0] ?? (await context.newPage());
  if (options.now !== undefined) await page.clock.setFixedTime(options.now);
  await page.goto(`${HOST_ORIGIN}/index.html`);

  const pids = (): number[] => {
    try {
      return execFileSync('pgrep', ['-f', '--', `--user-data-dir=${profileDir}`], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  };

  return {
    page,
    context,
    profileDir,
    platform,
    handlers,
    close: () => context.close(),
    menu: (command) => page.evaluate((c) => (window as unknown as { __carnetMenu: (c: string) => void }).__carnetMenu(c), command),
    crash: async () => {
      for (const pid of pids()) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await context.close().catch(() => undefined);
    },
  };
}

/** exposeBinding carries JSON only: main's Uint8Arrays travel as base64 under this tag
 *  and the init script turns them back, so handlers answer exactly as under Electron. */
const BYTES_TAG = '__carnetBytes';

function encodeBytes(value: unknown): unknown {
  if (value instanceof Uint8Array) return { [BYTES_TAG]: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (Array.isArray(value)) return value.map(encodeBytes);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeBytes(v)]));
}

/** Stops the static server (once, at the end of a test file or script). */
export async function stopHarness(): Promise<void> {
  const running = server;
  server = null;
  await running?.close();
}
