// Hostile content pasted into a note: no script runs, no dangerous element or URL
// survives into the DOM or the stored note, and main is never asked to open a
// non-http(s)/mailto URL.
import { afterAll, describe, expect, it } from 'vitest';
import { launchCarnet, stopHarness } from './harness';
import { openSample } from './onboarding';
import { readStore } from './pageData';

afterAll(stopHarness);

const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  '<a href="javascript:window.__xss=1">clic</a>',
  '<a href=" jAvAsCrIpT:window.__xss=1">espacé</a>',
  '<a href="data:text/html,&lt;script&gt;window.__xss=1&lt;/script&gt;">données</a>',
  '<a href="file:///etc/passwd">fichier</a>',
  '<a href="vbscript:msgbox(1)">vb</a>',
  '<svg><script>window.__xss=1</script></svg>',
  '<svg onload="window.__xss=1"><a xlink:href="javascript:window.__xss=1">s</a></svg>',
  '<iframe src="javascript:window.__xss=1"></iframe>',
  '<object data="javascript:window.__xss=1"></object>',
  '<embed src="javascript:window.__xss=1">',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
  '<form><button formaction="javascript:window.__xss=1">x</button></form>',
  '<div style="background:url(javascript:window.__xss=1)" onmouseover="window.__xss=1">survol</div>',
  '<img src="data:image/svg+xml,&lt;svg onload=window.__xss=1&gt;">',
  '<details open ontoggle="window.__xss=1"><summary>d</summary></details>',
  '<a href="https://example.org" onclick="window.__xss=1">bon lien</a>',
  '<p>texte <b onclick="window.__xss=1">gras</b></p>',
];

describe('hostile content', () => {
  it('pastes XSS and mutation-XSS payloads without anything running or surviving', async () => {
    const session = await launchCarnet();
    const { page } = session;
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await openSample(page, 'Camille');
    await page.getByRole('button', { name: 'Nouvelle note' }).click();
    const editor = page.getByRole('textbox', { name: 'Texte de la note' });
    await expect.poll(() => editor.evaluate((el) => el === document.activeElement)).toBe(true);

    for (const html of PAYLOADS) {
      await editor.evaluate((element, markup) => {
        const data = new DataTransfer();
        data.setData('text/html', markup);
        data.setData('text/plain', 'texte');
        element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      }, html);
      await page.keyboard.press('Enter');
    }
    await page.waitForTimeout(1500);

    // Ctrl+click every link that made it into the note.
    const links = editor.locator('a');
    for (let i = 0; i < (await links.count()); i++) await links.nth(i).click({ modifiers: ['Control'] });
    await page.waitForTimeout(300);

    const dom = await editor.evaluate((element) => ({
      html: element.innerHTML,
      dangerous: element.querySelectorAll('script, iframe, object, embed, form, svg, math, style, img[onerror]').length,
      handlers: [...element.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name)).filter((name) => name.startsWith('on')),
      hrefs: [...element.querySelectorAll('[href], [src], [formaction]')].map(
        (el) => el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('formaction'),
      ),
    }));
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(dom.dangerous).toBe(0);
    expect(dom.handlers).toEqual([]);
    expect(dom.hrefs.every((href) => href !== null && /^(https?:|mailto:|blob:)/.test(href))).toBe(true);
    expect(dom.html).not.toMatch(/javascript:|vbscript:|file:|data:text/i);
    expect(session.platform.opened).toEqual(['https://example.org/']);

    const stored = (await readStore<{ state: string }>(page, 'noteStates')).map((note) => note.state).join('\n');
    expect(stored).not.toMatch(/javascript:|vbscript:|file:|data:text|onerror|<script/i);
    expect(stored).toContain('bon lien');
    await session.close();
  });
});
