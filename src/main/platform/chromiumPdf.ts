// PDF printing for the CLI and the tests: the same Chromium engine as Electron's
// printToPDF, driven by playwright-core (Debian's /usr/bin/chromium; nothing is
// downloaded). JavaScript is off and every request but a file of the page's own folder
// is aborted, so a journal can reach nothing outside itself.
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { isFileInside } from './fileScope';
import type { PrintablePage } from './types';

/** The browser stays open for exports that follow one another, then closes when idle. */
const IDLE_CLOSE_MS = 5_000;

let browser: Promise<Browser> | null = null;
let idleTimer: NodeJS.Timeout | null = null;

function launch(): Promise<Browser> {
  browser ??= chromium
    .launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS],
    })
    .catch((error: unknown) => {
      browser = null;
      throw error;
    });
  return browser;
}

export async function openWithChromium(htmlPath: string): Promise<PrintablePage> {
  if (idleTimer) clearTimeout(idleTimer);
  const context = await (await launch()).newContext({ javaScriptEnabled: false, offline: true });
  const closed = async (): Promise<void> => {
    await context.close();
    idleTimer = setTimeout(() => void closeChromiumPdf(), IDLE_CLOSE_MS);
    idleTimer.unref();
  };
  try {
    const folder = dirname(htmlPath);
    await context.route('**/*', (route) => (isFileInside(route.request().url(), folder) ? route.continue() : route.abort('blockedbyclient')));
    const page = await context.newPage();
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
    const cdp = await context.newCDPSession(page);
    return {
      print: async ({ margins, final }) => {
        const mm = (value: number) => `${value}mm`;
        const pdf = await page.pdf({
          format: 'A4',
          margin: { top: mm(margins.top), right: mm(margins.right), bottom: mm(margins.bottom), left: mm(margins.left) },
          displayHeaderFooter: final !== undefined,
          ...(final ?? {}),
          printBackground: true,
          outline: final !== undefined,
          tagged: final !== undefined,
        });
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      },
      // Playwright types each protocol method; the page's callers check what they get back.
      send: (method, params) => cdp.send(method as 'DOM.getDocument', params) as Promise<Record<string, unknown>>,
      close: closed,
    };
  } catch (error) {
    await closed();
    throw error;
  }
}

/** Closes the printing browser (the CLI calls it before exiting). */
export async function closeChromiumPdf(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const running = browser;
  browser = null;
  if (running) await (await running.catch(() => null))?.close();
}
