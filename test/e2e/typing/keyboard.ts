// Plays a typing session on the page as a person at a French keyboard would: one key at a
// time at the chosen speed. ASCII characters are key presses (as page.keyboard.type does);
// the accented letters an AZERTY keyboard has keys for are real key events with their
// text; other characters (emoji, « », ’) come as an input method or a character picker
// sends them; compositions and dead keys go through the DevTools protocol's
// Input.imeSetComposition / Input.insertText.
import type { CDPSession, Page } from 'playwright-core';
import type { Step } from './script';

/** Keys of a French AZERTY keyboard that type an accented letter directly, with the
 *  physical key each sits on. */
const AZERTY_KEYS: Record<string, { code: string; keyCode: number }> = {
  é: { code: 'Digit2', keyCode: 50 },
  è: { code: 'Digit7', keyCode: 55 },
  ç: { code: 'Digit9', keyCode: 57 },
  à: { code: 'Digit0', keyCode: 48 },
  ù: { code: 'Quote', keyCode: 192 },
};

const isUsKey = (char: string) => char.length === 1 && char >= ' ' && char <= '~';
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

export class Typist {
  constructor(
    private readonly page: Page,
    private readonly cdp: CDPSession,
    /** Milliseconds between two keys. */
    readonly delay: number,
  ) {}

  static async on(page: Page, delay: number): Promise<Typist> {
    return new Typist(page, await page.context().newCDPSession(page), delay);
  }

  async type(text: string): Promise<void> {
    for (const char of text) {
      if (isUsKey(char)) {
        await this.page.keyboard.press(char, { delay: this.delay });
        continue;
      }
      await pause(this.delay);
      const key = AZERTY_KEYS[char];
      if (key) {
        const event = { key: char, code: key.code, windowsVirtualKeyCode: key.keyCode, nativeVirtualKeyCode: key.keyCode };
        await this.cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...event, text: char, unmodifiedText: char });
        await this.cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...event });
      } else {
        await this.page.keyboard.insertText(char);
      }
    }
  }

  async press(key: string, times = 1): Promise<void> {
    for (let index = 0; index < times; index++) await this.page.keyboard.press(key, { delay: this.delay });
  }

  async compose(updates: readonly string[], commit: string): Promise<void> {
    for (const text of updates) {
      await pause(this.delay);
      await this.cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    }
    await pause(this.delay);
    await this.cdp.send('Input.insertText', { text: commit });
  }

  /** Text pasted as the system clipboard hands it over. */
  async paste(data: Record<string, string>): Promise<void> {
    await pause(this.delay);
    await this.page.evaluate((entries) => {
      const transfer = new DataTransfer();
      for (const [type, value] of Object.entries(entries)) transfer.setData(type, value);
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, data);
  }

  async play(step: Step): Promise<void> {
    switch (step.do) {
      case 'type':
        return this.type(step.text);
      case 'compose':
        return this.compose(step.updates, step.commit);
      case 'enter':
        return this.press('Enter');
      case 'softBreak':
        return this.press('Shift+Enter');
      case 'backspace':
        return this.press('Backspace', step.count);
      case 'delete':
        return this.press('Delete', step.count);
      case 'left':
        return this.press('ArrowLeft', step.count);
      case 'end':
        return this.press('Control+End');
      case 'deleteWord':
        return this.press('Control+Backspace');
      case 'replace':
        await this.press('Shift+ArrowLeft', step.count);
        return this.type(step.text);
      case 'undo':
        // Keys closer than half a second make one undo step: the word is one step alone.
        await pause(700);
        await this.type(step.word);
        await pause(700);
        await this.press('Control+KeyZ');
        if (step.redo) await this.press('Control+Shift+KeyZ');
        return;
      case 'bold':
        return this.type(`**${step.word}**`);
      case 'shortcut':
        return this.type(step.marker);
      case 'paste':
        return this.paste({ 'text/plain': step.text });
    }
  }
}
