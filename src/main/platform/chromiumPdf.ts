// PDF printing for the CLI and the tests: the same Chromium engine as Electron's
// printToPDF, driven by playwright-core (Debian's /usr/bin/chromium; nothing is
// downloaded). JavaScript is off and every request but a file of the page's own folder
// is aborted, so a journal can reach nothing outside itself.
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { isFileInside } from './fileScope';
import type { PdfRequest } from './types';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** The browser stays open between the passes of one export, then closes when idle. */
const IDLE_CLOSE_MS = 5_000;

let browser: Promise<Browser> | null = null;
let idleTimer: NodeJS.Timeout | null = null;

function launch(): Promise<Browser> {
  browser ??= chromium
    .launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    .catch((error: unknown) => {
      browser = null;
      throw error;
    });
  return browser;
}

export async function printWithChromium(request: PdfRequest): Promise<Uint8Array> {
  if (idleTimer) clearTimeout(idleTimer);
  const context = await (await launch()).newContext({ javaScriptEnabled: false, offline: true });
  try {
    const folder = dirname(request.htmlPath);
    await context.route('**/*', (route) => (isFileInside(route.request().url(), folder) ? route.continue() : route.abort('blockedbyclient')));
    const page = await context.newPage();
    await page.goto(pathToFileURL(request.htmlPath).href, { waitUntil: 'load' });
    const mm = (value: number) => `${value}mm`;
    const pdf = await page.pdf({
      format: 'A4',
      margin: { top: mm(request.margins.top), right: mm(request.margins.right), bottom: mm(request.margins.bottom), left: mm(request.margins.left) },
      displayHeaderFooter: !request.draft,
      headerTemplate: request.headerTemplate,
      footerTemplate: request.footerTemplate,
      printBackground: true,
      outline: true,
      tagged: true,
    });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    await context.close();
    idleTimer = setTimeout(() => void closeChromiumPdf(), IDLE_CLOSE_MS);
    idleTimer.unref();
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
