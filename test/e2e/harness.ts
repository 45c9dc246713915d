// Drives the built renderer (out/renderer) in Debian's Chromium the way Electron would:
// served from one fixed loopback origin (IndexedDB is per origin), in a persistent
// profile, with `window.carnet` forwarding every call to the real main-side handlers
// running in this process — the functions src/main/ipc.ts registers in the app.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { METHODS } from '../../src/shared/ipc';
import { dispatch } from '../../src/main/dispatch';
import { createHandlers, type Handlers } from '../../src/main/handlers';
import type { Platform } from '../../src/main/platform/types';
import { CONTENT_SECURITY_POLICY } from '../../src/main/security';

export const RENDERER_DIR = resolve(__dirname, '../../out/renderer');
export const HARNESS_PORT = Number(process.env['CARNET_E2E_PORT'] ?? 47813);
export const HARNESS_ORIGIN = `http://127.0.0.1:${HARNESS_PORT}`;
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

let server: Server | null = null;

/** Serves out/renderer with the same CSP the app:// protocol sends. */
async function ensureServer(): Promise<void> {
  if (server) return;
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`${RENDERER_DIR}/index.html is missing: run "npm run build" before the e2e tests.`);
  }
  const created = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', HARNESS_ORIGIN).pathname);
    const file = resolve(RENDERER_DIR, `.${path === '/' ? '/index.html' : path}`);
    const inside = file.startsWith(RENDERER_DIR + '/');
    const found = inside && (await stat(file).catch(() => null))?.isFile();
    if (!found) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Cache-Control': 'no-store',
    });
    response.end(await readFile(file));
  });
  await new Promise<void>((done, fail) => {
    created.once('error', fail);
    created.listen(HARNESS_PORT, '127.0.0.1', () => done());
  });
  server = created;
}

export interface TestingPlatform extends Platform {
  /** URLs main was asked to open in the system browser. */
  opened: string[];
}

export function createTestingPlatform(systemLocale: string): TestingPlatform {
  const opened: string[] = [];
  return {
    appVersion: '0.0.0-test',
    systemLocale,
    platform: process.platform,
    opened,
    openExternal: async (url) => {
      opened.push(url);
    },
  };
}

export interface LaunchOptions {
  /** Reuse a profile to test what survives a restart; a fresh one otherwise. */
  profileDir?: string;
  /** The system language Chromium and main report (default 'fr-FR'). */
  locale?: string;
  viewport?: { width: number; height: number };
}

export interface CarnetSession {
  page: Page;
  context: BrowserContext;
  profileDir: string;
  platform: TestingPlatform;
  handlers: Handlers;
  /** Closes the browser normally. */
  close(): Promise<void>;
  /** Kills the browser with SIGKILL, as a crash or power cut would. */
  crash(): Promise<void>;
}

export async function launchCarnet(options: LaunchOptions = {}): Promise<CarnetSession> {
  await ensureServer();
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'carnet-e2e-'));
  const locale = options.locale ?? 'fr-FR';
  const platform = createTestingPlatform(locale);
  const handlers = createHandlers(platform);
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: !process.env['CARNET_E2E_HEADED'],
    locale,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // The stand-in for the preload: same method names, every call answered by main's code.
  await context.exposeBinding('__carnetInvoke', async (source, method: unknown, payload: unknown) => {
    if (source.frame !== source.page.mainFrame() || !source.frame.url().startsWith(HARNESS_ORIGIN)) {
      return { ok: false, error: { code: 'forbiddenSender', message: 'Not from Carnet.' } };
    }
    return dispatch(handlers, method, payload);
  });
  await context.addInitScript((methods: string[]) => {
    const invoke = (window as unknown as { __carnetInvoke: (m: string, p: unknown) => Promise<unknown> }).__carnetInvoke;
    const api = Object.fromEntries(methods.map((m) => [m, (payload?: unknown) => invoke(m, payload)]));
    Object.defineProperty(window, 'carnet', { value: Object.freeze(api), configurable: false });
  }, METHODS as string[]);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${HARNESS_ORIGIN}/index.html`);

  const pids = (): number[] => {
    try {
      return execFileSync('pgrep', ['-f', `--user-data-dir=${profileDir}`], { encoding: 'utf8' })
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

/** Stops the static server (call once at the end of a test file). */
export async function stopHarness(): Promise<void> {
  const running = server;
  server = null;
  if (running) await new Promise((done) => running.close(done));
}
